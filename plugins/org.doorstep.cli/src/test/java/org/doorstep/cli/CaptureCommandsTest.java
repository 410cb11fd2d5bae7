package org.doorstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.imageio.ImageIO;

import org.doorstep.vault.Fixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code photo-check} and {@code finger-score} on the real sample images, and on files that are not images. */
class CaptureCommandsTest {

    @TempDir
    Path dir;
    private CliRun cli;

    @BeforeEach
    void cli() throws Exception {
        cli = new CliRun(dir.resolve("data"));
        for (String name : new String[] { "obama.jpg", "two_people.jpg", "obama-240p.jpg", "probe.png", "matching.png",
                "nonmatching.png", "wsq-original.wsq" }) {
            Files.write(dir.resolve(name), Fixture.resource(name));
        }
    }

    private CliRun.Result run(String... args) {
        return cli.raw("", Map.of(), args); // these commands touch no data folder
    }

    @Test
    void obamaHasOneFaceAndAPassportSizedHeadButTooLittleRoomAboveIt() throws Exception {
        Path crop = dir.resolve("crop.jpg");
        CliRun.Result r = run("photo-check", dir.resolve("obama.jpg").toString(), "--out", crop.toString());
        assertEquals(VaultCli.EXIT_REFUSED, r.code(), r.out());
        assertTrue(r.out().contains("ok   face_count"), r.out());
        assertTrue(r.out().contains("ok   head_size"), r.out());
        assertTrue(r.out().contains("Not enough space above the head"), r.out());
        assertTrue(r.out().startsWith("photo obama.jpg for exit-entry (354×472 px, 33×48 mm)"), r.out());
        BufferedImage written = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(crop)));
        assertEquals(354, written.getWidth());
        assertEquals(472, written.getHeight());
        assertEquals("", r.err());
    }

    @Test
    void twoPeopleAndATinyPictureAreRejectedWithTheirReasons() {
        CliRun.Result two = run("photo-check", dir.resolve("two_people.jpg").toString(), "--lang", "zh_CN");
        assertEquals(VaultCli.EXIT_REFUSED, two.code());
        assertTrue(two.out().contains("FAIL face_count"), two.out());
        CliRun.Result small = run("photo-check", dir.resolve("obama-240p.jpg").toString(), "--document", "id-card");
        assertEquals(VaultCli.EXIT_REFUSED, small.code());
        assertTrue(small.out().contains("FAIL resolution"), small.out());
        assertTrue(small.out().contains("for id-card (358×441 px"), small.out());
    }

    @Test
    void theSameFingerTwiceIsFlaggedAndTwoDifferentFingersAreNot() {
        CliRun.Result same = run("finger-score", dir.resolve("probe.png").toString(), "--against",
                dir.resolve("matching.png").toString());
        assertEquals(VaultCli.EXIT_REFUSED, same.code(), same.out());
        assertTrue(same.out().contains("same finger twice"), same.out());
        CliRun.Result different = run("finger-score", dir.resolve("probe.png").toString(), "--against",
                dir.resolve("nonmatching.png").toString());
        different.assertOk();
        assertTrue(different.out().contains("different fingers"), different.out());
        CliRun.Result wsq = run("finger-score", dir.resolve("wsq-original.wsq").toString(), "--finger", "7");
        wsq.assertOk();
        assertTrue(wsq.out().contains("left index finger"), wsq.out());
    }

    @Test
    void filesThatAreNotImagesGetOneClearLine() throws Exception {
        Path text = dir.resolve("scan.png");
        Files.writeString(text, "hello, this is text", StandardCharsets.UTF_8);
        run("photo-check", text.toString()).assertFails(VaultCli.EXIT_BAD_INPUT, "not a JPEG or PNG");
        run("finger-score", text.toString()).assertFails(VaultCli.EXIT_BAD_INPUT, "not a PNG, JPEG, BMP or WSQ");
        Path empty = dir.resolve("empty.wsq");
        Files.write(empty, new byte[0]);
        run("finger-score", empty.toString()).assertFails(VaultCli.EXIT_BAD_INPUT, "empty");
        byte[] wsq = Fixture.resource("wsq-original.wsq");
        Path cut = dir.resolve("cut.wsq");
        Files.write(cut, java.util.Arrays.copyOf(wsq, wsq.length / 3));
        CliRun.Result truncated = run("finger-score", cut.toString());
        assertEquals(VaultCli.EXIT_BAD_INPUT, truncated.code(), truncated.out() + truncated.err());
        run("photo-check", dir.resolve("missing.jpg").toString()).assertFails(VaultCli.EXIT_BAD_INPUT, "no such file");
        run("finger-score", dir.resolve("probe.png").toString(), "--finger", "seventh")
                .assertFails(VaultCli.EXIT_BAD_INPUT, "--finger must be a finger");
        run("photo-check", dir.resolve("obama.jpg").toString(), "--document", "visa")
                .assertFails(VaultCli.EXIT_BAD_INPUT, "--document must be exit-entry or id-card");
    }
}
