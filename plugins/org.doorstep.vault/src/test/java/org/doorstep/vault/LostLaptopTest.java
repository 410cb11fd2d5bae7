package org.doorstep.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.keys.UnlockResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A lost laptop: cases with distinctive marker strings and real face and fingerprint images are stored;
 * then no file anywhere under the data folder contains a marker (in any usual encoding) or any 32-byte run
 * of any of the images — checked while the vault is unlocked and running, and again after it has locked.
 * Without the passphrase nothing opens, and a wrong passphrase is refused.
 */
class LostLaptopTest {

    private static final int RUN = 32;
    private static final List<String> IMAGES = List.of("obama.jpg", "biden.jpg", "probe.png", "matching.png",
            "wsq-original.wsq");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void nothingUnderTheDataFolderGivesAwayAnApplicant(CryptoSuite suite) throws Exception {
        Fixture f = new Fixture(dir);
        String token = HexFormat.of().formatHex(java.security.SecureRandom.getSeed(6));
        List<String> markers = List.of("MARKER-" + token, "欧阳明月" + token, "110105194912310021", "北京市朝阳区幸福路" + token);
        RunIndex runs = new RunIndex();
        for (String image : IMAGES) {
            runs.add(image, Fixture.resource(image));
        }
        byte[] obama = Fixture.resource("obama.jpg");
        assertTrue(runs.firstRunIn(java.util.Arrays.copyOfRange(obama, 5000, 5040)) != null, "the scan finds a run");
        assertTrue(runs.skippedShare() < 0.01, "too many image windows left out: " + runs.skippedShare());
        try (Vault vault = f.setUp(suite)) {
            for (int i = 0; i < 3; i++) {
                List<NewItem> items = new ArrayList<>(Fixture.typicalCase(markers.get(1) + " " + markers.get(2)));
                items.add(new NewItem(ItemKind.SCAN, "scan.hukou", "image/jpeg", Fixture.resource("biden.jpg")));
                items.add(new NewItem(ItemKind.FINGERPRINT, "finger.wsq", "image/x-wsq", Fixture.resource("wsq-original.wsq")));
                items.add(new NewItem(ItemKind.FORM, "address", "text/plain", markers.get(3).getBytes(StandardCharsets.UTF_8)));
                String id = vault.cases().create(markers.get(0) + " " + markers.get(1), i == 0, items).id();
                if (i == 2) {
                    for (CaseState s : List.of(CaseState.COMPLETE, CaseState.SEALED, CaseState.QUEUED, CaseState.SENT)) {
                        vault.cases().moveTo(id, s, "note " + markers.get(0));
                    }
                }
            }
            assertEquals(List.of(), leaks(markers, runs), "while unlocked");
        }
        assertEquals(List.of(), leaks(markers, runs), "after locking");

        // Without the passphrase: the database does not boot without its password, nor with a guessed one.
        Path db = dir.resolve(Vault.DB_FOLDER);
        SQLException noPassword = assertThrows(SQLException.class, () -> Database.open(db, null, false).close());
        assertTrue(chainHas(noPassword, "XBM06") || chainHas(noPassword, "XJ040"), noPassword.toString());
        SQLException guessed = assertThrows(SQLException.class,
                () -> Database.open(db, HexFormat.of().formatHex(java.security.SecureRandom.getSeed(32)), false).close());
        assertTrue(chainHas(guessed, "XBM06") || chainHas(guessed, "XJ040"), guessed.toString());

        try (Vault vault = f.reopen()) {
            UnlockResult.Refused refused = assertInstanceOf(UnlockResult.Refused.class,
                    vault.unlock(Fixture.WANG.id(), "上门办证 只跑一次 2025".toCharArray()));
            assertEquals(Fixture.POLICY.maxFailedAttempts() - 1, refused.remainingAttempts());
            assertEquals(Vault.Status.LOCKED, vault.status());
            assertThrows(VaultException.Locked.class, () -> vault.cases().list());
        }
    }

    /** Every file under the data folder that holds a marker or an image run, as "file: what". */
    private List<String> leaks(List<String> markers, RunIndex runs) throws Exception {
        Map<String, byte[]> needles = new LinkedHashMap<>();
        for (String m : markers) {
            for (Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
                needles.put(m + " in " + cs, m.getBytes(cs));
            }
            needles.put(m + " in Base64", Base64.getEncoder().encode(m.getBytes(StandardCharsets.UTF_8)));
        }
        List<String> found = new ArrayList<>();
        int files = 0;
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(p);
                files++;
                bytes += content.length;
                for (Map.Entry<String, byte[]> n : needles.entrySet()) {
                    if (indexOf(content, n.getValue()) >= 0) {
                        found.add(dir.relativize(p) + ": " + n.getKey());
                    }
                }
                String run = runs.firstRunIn(content);
                if (run != null) {
                    found.add(dir.relativize(p) + ": " + run);
                }
            }
        }
        assertTrue(files >= 5 && bytes > 1_000_000, "the scan saw only " + files + " files, " + bytes + " bytes");
        return found;
    }

    private static boolean chainHas(SQLException e, String state) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && state.equals(s.getSQLState())) {
                return true;
            }
            if (t instanceof SQLException s && s.getNextException() != null && chainHas(s.getNextException(), state)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Every 32-byte window of the images, as a rolling hash in an open-addressing table, so that every
     * window of every stored file can be looked up in one pass. Windows made of fewer than four distinct
     * byte values are left out: they are padding and zero-filled header fields (a JPEG's metadata padding of
     * spaces, "00 … 06 … 00" in its headers) that carry nothing of the picture and also occur in Derby's
     * plain-text container headers. They are under 1% of the windows (the test checks that); every other
     * window counts.
     */
    static final class RunIndex {
        private static final long BASE = 1_000_003L;
        private static final long POW = pow();
        private long[] table = new long[1 << 22];
        private int size;
        private long windows;
        private long skipped;
        private final List<byte[]> images = new ArrayList<>();
        private final List<String> names = new ArrayList<>();

        void add(String name, byte[] image) {
            images.add(image);
            names.add(name);
            long h = 0;
            for (int i = 0; i < image.length; i++) {
                h = h * BASE + (image[i] & 0xff) + 1;
                if (i >= RUN) {
                    h -= ((image[i - RUN] & 0xff) + 1) * POW;
                }
                if (i >= RUN - 1) {
                    if (lowInformation(image, i - RUN + 1)) {
                        skipped++;
                    } else {
                        put(h);
                    }
                    windows++;
                }
            }
        }

        /** The first window of {@code content} that is also in an image, confirmed byte by byte, or null. */
        String firstRunIn(byte[] content) {
            long h = 0;
            for (int i = 0; i < content.length; i++) {
                h = h * BASE + (content[i] & 0xff) + 1;
                if (i >= RUN) {
                    h -= ((content[i - RUN] & 0xff) + 1) * POW;
                }
                if (i >= RUN - 1 && contains(h) && !lowInformation(content, i - RUN + 1)) {
                    String image = confirm(content, i - RUN + 1);
                    if (image != null) {
                        return "32-byte run of " + image + " at offset " + (i - RUN + 1);
                    }
                }
            }
            return null;
        }

        private String confirm(byte[] content, int at) {
            byte[] window = java.util.Arrays.copyOfRange(content, at, at + RUN);
            for (int k = 0; k < images.size(); k++) {
                if (indexOf(images.get(k), window) >= 0) {
                    return names.get(k);
                }
            }
            return null;
        }

        private static boolean lowInformation(byte[] b, int from) {
            long seen0 = 0;
            long seen1 = 0;
            long seen2 = 0;
            long seen3 = 0;
            int distinct = 0;
            for (int i = from; i < from + RUN; i++) {
                int v = b[i] & 0xff;
                long bit = 1L << (v & 63);
                switch (v >> 6) {
                    case 0 -> { if ((seen0 & bit) == 0) { seen0 |= bit; distinct++; } }
                    case 1 -> { if ((seen1 & bit) == 0) { seen1 |= bit; distinct++; } }
                    case 2 -> { if ((seen2 & bit) == 0) { seen2 |= bit; distinct++; } }
                    default -> { if ((seen3 & bit) == 0) { seen3 |= bit; distinct++; } }
                }
                if (distinct >= 4) {
                    return false;
                }
            }
            return true;
        }

        /** Share of image windows left out as carrying no picture content. */
        double skippedShare() {
            return (double) skipped / windows;
        }

        private void put(long h) {
            if (h == 0) {
                h = 1;
            }
            int mask = table.length - 1;
            for (int i = (int) mix(h) & mask;; i = (i + 1) & mask) {
                if (table[i] == h) {
                    return;
                }
                if (table[i] == 0) {
                    table[i] = h;
                    size++;
                    if (size > table.length / 2) {
                        throw new IllegalStateException("run index too small");
                    }
                    return;
                }
            }
        }

        private boolean contains(long h) {
            if (h == 0) {
                h = 1;
            }
            int mask = table.length - 1;
            for (int i = (int) mix(h) & mask;; i = (i + 1) & mask) {
                if (table[i] == h) {
                    return true;
                }
                if (table[i] == 0) {
                    return false;
                }
            }
        }

        private static long mix(long h) {
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            return h ^ (h >>> 33);
        }

        private static long pow() {
            long p = 1;
            for (int i = 0; i < RUN; i++) {
                p *= BASE;
            }
            return p;
        }
    }
}
