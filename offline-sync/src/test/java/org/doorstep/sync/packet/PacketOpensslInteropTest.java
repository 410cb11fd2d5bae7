package org.doorstep.sync.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code openssl cms} decrypts a packet with HQ's key and verifies the device's signature. */
class PacketOpensslInteropTest {

    @TempDir
    Path dir;

    @Test
    void opensslDecryptsAndVerifiesAPacket() throws Exception {
        String openssl = findOpenssl();
        assumeTrue(openssl != null, "openssl is not on the PATH, so the interop check cannot run");
        TestPki pki = new TestPki();
        TestPki.Party device = pki.device("laptop-0042");
        TestPki.Party hq = pki.hq();
        Map<String, byte[]> contents = PacketRoundTripTest.sampleContents();
        PacketManifest manifest = PacketRoundTripTest.manifestFor(contents);
        byte[] packet = PacketRoundTripTest.seal(device, hq, manifest, contents);
        Files.write(dir.resolve("packet.der"), packet);
        TestPki.writePem(dir.resolve("hq.pem"), hq.certificate());
        TestPki.writePkcs8(dir.resolve("hq.key"), hq.keys());
        TestPki.writePem(dir.resolve("ca.pem"), pki.ca.certificate());

        run(openssl, "cms", "-decrypt", "-inform", "DER", "-in", "packet.der", "-recip", "hq.pem", "-inkey", "hq.key",
                "-binary", "-out", "inner.der");
        run(openssl, "cms", "-verify", "-inform", "DER", "-in", "inner.der", "-CAfile", "ca.pem", "-binary",
                "-out", "content.bin");

        assertArrayEquals(expectedContainer(manifest, contents), Files.readAllBytes(dir.resolve("content.bin")));
    }

    /** The container as the sealer writes it, rebuilt independently from the format's description. */
    private static byte[] expectedContainer(PacketManifest manifest, Map<String, byte[]> contents)
            throws IOException, PacketException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] json = manifest.toJson();
        out.write("DSPK".getBytes(StandardCharsets.US_ASCII));
        out.write(1);
        out.write(new byte[] {(byte) (json.length >>> 24), (byte) (json.length >>> 16), (byte) (json.length >>> 8),
                (byte) json.length});
        out.write(json);
        for (PacketEntry entry : manifest.entries()) {
            out.write(contents.get(entry.name()));
        }
        // and what the manifest says is what came in
        assertEquals(manifest, PacketManifest.fromJson(json, PacketLimits.DEFAULT));
        return out.toByteArray();
    }

    private void run(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(line).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("openssl.log"));
        assertEquals(0, process.exitValue(), String.join(" ", line) + " failed:\n" + log);
    }

    private static String findOpenssl() {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(folder, "openssl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
