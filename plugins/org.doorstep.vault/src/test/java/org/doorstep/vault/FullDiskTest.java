package org.doorstep.vault;

import static org.doorstep.vault.Fixture.PASSPHRASE;
import static org.doorstep.vault.Fixture.WANG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.keys.UnlockResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 3, item 9: a full or read-only data disk gives the officer a clear error and corrupts nothing.
 *
 * <p>The full disk is a small tmpfs, the read-only folder a read-only bind mount; both need root with
 * CAP_SYS_ADMIN, and root ignores file permissions, so chmod is used only when the tests run as another
 * user (the full-disk test is then skipped). Sizes measured with Derby 10.17: an empty encrypted vault
 * takes 2.1 MiB of the disk, the first typical case (1.6 MB of photo and fingerprints) about 4 MiB with
 * its log records.
 */
class FullDiskTest {

    /** Room for the empty vault, a typical case and its log, and the filler that makes the disk full. */
    private static final String DISK_SIZE = "16m";

    @TempDir
    Path dir;

    private final Mounts mounts = new Mounts();
    private final List<Vault> vaults = new ArrayList<>();
    private final List<Path> madeReadOnly = new ArrayList<>();
    private boolean root;

    /** What each stored case must read back as. */
    private record Stored(String label, List<NewItem> items) {
    }

    @BeforeEach
    void findOutWhoWeAre() throws IOException {
        root = Mounts.runningAsRoot(dir);
    }

    @AfterEach
    void releaseEverything() throws IOException {
        try {
            vaults.forEach(Vault::close); // Derby must let go of its files before they can be unmounted
        } finally {
            for (Path p : madeReadOnly) {
                setWritable(p, true);
            }
            mounts.close();
        }
    }

    /**
     * The filler leaves less than one case of four scans (1.4 MB) free, so the disk fills in the middle of
     * a case. How much it leaves decides where Derby 10.17 runs out: with 300 KiB a data page write fails
     * first ({@code XSDG1}) and the restarted database has room to roll back at once; with 1200 KiB a log
     * write fails ({@code XSLA4}) and the roll-back itself has to wait until space is freed.
     */
    @ParameterizedTest(name = "{0} KiB left free")
    @ValueSource(ints = { 300, 1200 })
    void aFullDiskRefusesTheCaseWithAClearErrorAndLosesNothing(int leftFreeKiB) throws Exception {
        Path disk = mounts.tmpfs(dir.resolve("disk"), DISK_SIZE);
        Fixture f = new Fixture(disk.resolve("data"));
        Map<String, Stored> stored = new LinkedHashMap<>();
        Vault vault = track(f.setUp(CryptoSuite.INTL));
        store(vault, stored, "张三 · 护照", Fixture.typicalCase("张三"));
        store(vault, stored, "李四", List.of(VaultTest.form("{\"applicant\":\"李四\"}")));
        Path filler = disk.resolve("filler");
        fillUntilFree(filler, leftFreeKiB * 1024L);

        VaultException refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            try {
                store(vault, stored, "扫描件 " + i, scans());
            } catch (VaultException e) {
                refused = e;
            }
        }
        assertNotNull(refused, "ten cases of 1.4 MB cannot fit in " + leftFreeKiB + " KiB");
        assertDiskFull(refused);
        assertTrue(refused.getMessage().startsWith("could not create the case: "), refused.getMessage());

        // Still full. Derby shut the database down when the write failed and the vault boots it again, which
        // rolls the failed case back; after a failed *log* write that recovery needs log space itself, so on
        // a disk this full it may have to wait: until then every action must say the disk is full.
        worksOrSaysDiskFull(() -> assertIntact(vault, stored));
        vault.lock(); // must not throw although the lock may not be recordable
        assertEquals(Vault.Status.LOCKED, vault.status());

        Vault reopened = track(f.reopen());
        boolean unlocked = worksOrSaysDiskFull(
                () -> assertInstanceOf(UnlockResult.Unlocked.class, reopened.unlock(WANG.id(), PASSPHRASE.toCharArray())));
        if (unlocked) {
            assertIntact(reopened, stored);
            reopened.lock();
        } else {
            assertEquals(Vault.Status.LOCKED, reopened.status(), "an unlock that could not be recorded leaves it locked");
        }

        Files.delete(filler);
        Vault freed = track(f.reopenUnlocked());
        assertIntact(freed, stored);
        store(freed, stored, "王五", scans());
        freed.lock();
        Vault last = track(f.reopenUnlocked());
        assertIntact(last, stored);
    }

    @Test
    void aReadOnlyDataFolderKeepsTheVaultLockedAndCountsNoAttempt() throws Exception {
        Fixture f = new Fixture(dir.resolve("data"));
        Map<String, Stored> stored = new LinkedHashMap<>();
        try (Vault vault = f.setUp(CryptoSuite.GM)) {
            store(vault, stored, "赵六", Fixture.typicalCase("赵六"));
        }
        Path keyFile = f.dataDir.resolve(Vault.KEY_FILE);
        byte[] keysBefore = Files.readAllBytes(keyFile);
        makeReadOnly(f.dataDir);

        Vault vault = track(f.reopen());
        // More refused attempts than the lock-out allows: none could be counted, so none may count.
        for (int i = 0; i <= Fixture.POLICY.maxFailedAttempts(); i++) {
            VaultException e = assertThrows(VaultException.class, () -> vault.unlock(WANG.id(), PASSPHRASE.toCharArray()));
            assertCannotWrite(e);
            assertEquals(Vault.Status.LOCKED, vault.status());
        }
        assertThrows(VaultException.Locked.class, () -> vault.cases().create("x", false, List.of(VaultTest.form("{}"))));
        assertArrayEquals(keysBefore, Files.readAllBytes(keyFile));

        makeWritable(f.dataDir);
        UnlockResult wrong = vault.unlock(WANG.id(), "一个错误的口令 wrong 0000".toCharArray());
        UnlockResult.Refused refusedOnce = assertInstanceOf(UnlockResult.Refused.class, wrong,
                "a typing error after attempts refused on a read-only disk must not lock the officer out");
        assertEquals(Fixture.POLICY.maxFailedAttempts() - 1, refusedOnce.remainingAttempts());
        assertInstanceOf(UnlockResult.Unlocked.class, vault.unlock(WANG.id(), PASSPHRASE.toCharArray()));
        assertIntact(vault, stored);
    }

    @Test
    void aReadOnlyDatabaseFolderIsNotUnlockedWithoutAnAuditEntry() throws Exception {
        Fixture f = new Fixture(dir.resolve("data"));
        Map<String, Stored> stored = new LinkedHashMap<>();
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            store(vault, stored, "孙八", Fixture.typicalCase("孙八"));
        }
        // Only the database is read-only: the key file takes the attempt, Derby boots read-only, and the
        // first write, the audit entry of the unlock, is refused.
        Path db = f.dataDir.resolve(Vault.DB_FOLDER);
        makeReadOnly(db);

        Vault vault = track(f.reopen());
        VaultException e = assertThrows(VaultException.class, () -> vault.unlock(WANG.id(), PASSPHRASE.toCharArray()));
        assertCannotWrite(e);
        assertTrue(e.getMessage().startsWith("could not record the unlock: "), e.getMessage());
        assertEquals(Vault.Status.LOCKED, vault.status(), "no unlock without its audit entry");
        assertFalse(vault.officer().isPresent());
        assertThrows(VaultException.Locked.class, () -> vault.cases().list());

        makeWritable(db);
        assertInstanceOf(UnlockResult.Unlocked.class, vault.unlock(WANG.id(), PASSPHRASE.toCharArray()));
        assertIntact(vault, stored);
        long unlocks = vault.auditEntries(1, 1000).stream().filter(a -> a.action() == AuditAction.UNLOCK).count();
        assertEquals(2, unlocks, "the set-up's unlock and this one; the refused one left no entry");
    }

    // ---- helpers ----

    private Vault track(Vault vault) {
        vaults.add(vault);
        return vault;
    }

    private static void store(Vault vault, Map<String, Stored> stored, String label, List<NewItem> items) {
        String id = vault.cases().create(label, false, items).id();
        stored.put(id, new Stored(label, items));
    }

    /** A case of four 350 KB scans. */
    private static List<NewItem> scans() {
        byte[] scan = Fixture.resource("biden.jpg");
        return Stream.of("hukou", "id-front", "id-back", "old-passport")
                .map(s -> new NewItem(ItemKind.SCAN, "scan." + s, "image/jpeg", scan)).toList();
    }

    /** Exactly the stored cases, every byte of them, and an intact audit trail without the refused case. */
    private static void assertIntact(Vault vault, Map<String, Stored> stored) {
        List<CaseSummary> listed = vault.cases().list();
        assertEquals(stored.keySet(), listed.stream().map(CaseSummary::id).collect(Collectors.toSet()),
                "exactly the cases that were saved; none half-saved");
        for (Map.Entry<String, Stored> c : stored.entrySet()) {
            assertEquals(c.getValue().label(), vault.cases().get(c.getKey()).label());
            assertEquals(c.getValue().items().size(), vault.cases().items(c.getKey()).size());
            for (NewItem item : c.getValue().items()) {
                assertArrayEquals(item.content(), vault.cases().read(c.getKey(), item.slot()), item.slot());
            }
        }
        AuditReport audit = vault.verifyAudit();
        assertTrue(audit.intact(), () -> audit.problems().toString());
        Set<String> created = vault.auditEntries(1, 10_000).stream().filter(a -> a.action() == AuditAction.CASE_CREATED)
                .map(AuditEntry::caseId).collect(Collectors.toSet());
        assertEquals(stored.keySet(), created, "the audit trail knows exactly the saved cases");
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    /** Runs an action on a disk that is still full: it works (true) or says, clearly, that the disk is full. */
    private static boolean worksOrSaysDiskFull(Action action) throws Exception {
        try {
            action.run();
            return true;
        } catch (VaultException e) {
            assertDiskFull(e);
            return false;
        }
    }

    private static void assertDiskFull(VaultException e) {
        assertInstanceOf(VaultException.Storage.class, e, e::toString);
        assertOneClearSentence(e.getMessage());
        assertTrue(e.getMessage().contains("disk is full") && e.getMessage().contains("free some space"), e.getMessage());
    }

    private static void assertCannotWrite(VaultException e) {
        assertInstanceOf(VaultException.Storage.class, e, e::toString);
        assertOneClearSentence(e.getMessage());
        assertTrue(e.getMessage().contains("data folder cannot be written"), e.getMessage());
    }

    /** One sentence for a person: nothing after a full stop, no SQLState, no Java exception. */
    private static void assertOneClearSentence(String message) {
        assertTrue(message.contains("nothing was changed"), message);
        assertFalse(message.matches("(?s).*(\\.\\s|SQLState|\\b[0-9A-Z]{5}\\b|Exception|java\\.).*"), message);
    }

    /** Writes a file until only {@code leave} bytes of its disk are free (give or take a page). */
    private static void fillUntilFree(Path filler, long leave) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            long free;
            while ((free = Files.getFileStore(filler).getUsableSpace()) > leave) {
                out.write(chunk, 0, (int) Math.min(chunk.length, free - leave));
                out.flush();
            }
        }
    }

    /** Root ignores permissions, so as root a read-only bind mount; otherwise chmod, for every file below. */
    private void makeReadOnly(Path folder) throws IOException {
        if (root) {
            mounts.bindReadOnly(folder);
        } else {
            setWritable(folder, false);
            madeReadOnly.add(folder);
        }
    }

    private void makeWritable(Path folder) throws IOException {
        if (root) {
            mounts.unmount(folder);
        } else {
            setWritable(folder, true);
            madeReadOnly.remove(folder);
        }
    }

    private static void setWritable(Path folder, boolean writable) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(folder)) {
            all = walk.toList();
        }
        for (Path p : all) {
            boolean isDir = Files.isDirectory(p);
            String perms = (writable ? "rw" : "r-") + (isDir ? "x" : "-") + "------";
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        }
    }
}
