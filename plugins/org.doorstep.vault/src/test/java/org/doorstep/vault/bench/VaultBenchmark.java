package org.doorstep.vault.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.doorstep.vault.BenchDatabase;
import org.doorstep.vault.Fixture;
import org.doorstep.vault.NewItem;
import org.doorstep.vault.Vault;
import org.doorstep.vault.crypto.Aead;
import org.doorstep.vault.crypto.Argon2Settings;
import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.crypto.PassphraseKdf;
import org.doorstep.vault.keys.UnlockResult;
import org.doorstep.vault.keys.VaultPolicy;

/**
 * Prints what saving cases costs on this machine (issue 3, item 10), each figure beside a baseline measured
 * in the same run: the typical case (form, one photo, ten fingerprints) saved through the vault in both
 * suites; Derby BLOB inserts encrypted as the vault does (AES-256 CBC) against the same database
 * unencrypted; the record AEAD of both suites, as context; and a full unlock against the bare Argon2id
 * derivation it contains. Medians of several rounds after a warm-up. Run:
 *
 * <pre>
 * ./mvnw -q -o -pl plugins/org.doorstep.vault test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.doorstep.vault.bench.VaultBenchmark [-Dexec.args=/folder/on/the/data/disk]
 * </pre>
 *
 * The data go to a temporary folder under {@code java.io.tmpdir} unless a folder is given; it should be on
 * the disk the laptops keep their data on, since commits wait for the disk.
 */
public final class VaultBenchmark {

    private static final int ROUNDS = 5;
    private static final double MB = 1e6;

    public static void main(String[] args) throws Exception {
        Path base = args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(base);
        Path root = Files.createTempDirectory(base, "vault-bench");
        FileStore store = Files.getFileStore(root);
        System.out.printf("Vault benchmark: %d cores, Java %s, %s; data in %s (%s, %s); load average %.2f%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("os.name"), root, store.type(), store.name(), loadAverage());
        try {
            typicalCases(root);
            derbyInserts(root);
            aead();
            unlock(root);
        } finally {
            deleteTree(root);
        }
        // Another build on the same cores slows every figure: a load average near the core count says so.
        System.out.printf("%nload average at the end %.2f%n", loadAverage());
    }

    // ---- (1) the typical case through the vault ----

    private static void typicalCases(Path root) throws Exception {
        final int warmUp = 5;
        final int perRound = 10;
        List<NewItem> items = Fixture.typicalCase("张三 BENCH");
        List<NewItem> formOnly = items.subList(0, 1);
        long bytes = items.stream().mapToLong(i -> i.content().length).sum();
        System.out.printf("%n(1) Saving a typical case (form, photo, 10 fingerprints: %d items, %.2f MB) with"
                + " cases().create, one transaction each; baseline: a case with only its form (%d bytes);"
                + " median of %d rounds of %d after %d warm-up%n", items.size(), bytes / MB,
                formOnly.get(0).content().length, ROUNDS, perRound, warmUp);
        CryptoSuite[] suites = CryptoSuite.values();
        Vault[] vaults = new Vault[suites.length];
        double[][] typical = new double[suites.length][ROUNDS];
        double[][] form = new double[suites.length][ROUNDS];
        try {
            for (int s = 0; s < suites.length; s++) {
                vaults[s] = setUp(root.resolve("cases-" + suites[s].id()), suites[s], Fixture.POLICY);
                saveCases(vaults[s], items, warmUp);
                saveCases(vaults[s], formOnly, warmUp);
            }
            for (int r = 0; r < ROUNDS; r++) {
                for (int s = 0; s < suites.length; s++) { // suites take turns, so drift hits both alike
                    typical[s][r] = saveCases(vaults[s], items, perRound);
                    form[s][r] = saveCases(vaults[s], formOnly, perRound);
                }
            }
        } finally {
            for (Vault v : vaults) {
                if (v != null) {
                    v.close();
                }
            }
        }
        System.out.println("  suite   typical: cases/s    MB/s   ms/case    form only: ms/case");
        for (int s = 0; s < suites.length; s++) {
            double seconds = median(typical[s]);
            System.out.printf("  %-5s  %16.1f  %6.1f  %8.1f  %19.1f%n", suites[s].id(), perRound / seconds,
                    perRound * bytes / MB / seconds, seconds * 1000 / perRound, median(form[s]) * 1000 / perRound);
        }
    }

    /** Seconds to save {@code count} cases of these items. */
    private static double saveCases(Vault vault, List<NewItem> items, int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            vault.cases().create("张三 " + i, false, items);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    // ---- (2) Derby inserts, encrypted against unencrypted ----

    private static void derbyInserts(Path root) throws Exception {
        System.out.printf("%n(2) Derby BLOB inserts, the vault's settings (AES-256 CBC) against the same database"
                + " unencrypted; median of %d rounds after one warm-up round%n", ROUNDS);
        System.out.println("  row      commit        unencrypted rows/s (MB/s)   encrypted rows/s (MB/s)   encrypted/unencrypted");
        int n = 0;
        for (int rowBytes : new int[] { 4 * 1024, 256 * 1024 }) {
            int rowsPerRound = rowBytes < 64 * 1024 ? 400 : 40;
            for (boolean commitEachRow : new boolean[] { true, false }) {
                n++;
                try (BenchDatabase plain = BenchDatabase.create(root.resolve("plain-" + n), false);
                        BenchDatabase encrypted = BenchDatabase.create(root.resolve("aes-" + n), true)) {
                    BenchDatabase[] dbs = { plain, encrypted };
                    int[] nextId = new int[2];
                    double[][] seconds = new double[2][ROUNDS];
                    byte[] row = new byte[rowBytes];
                    new SecureRandom().nextBytes(row);
                    for (int d = 0; d < 2; d++) {
                        createTable(dbs[d].connection());
                        insertRound(dbs[d].connection(), row, rowsPerRound, commitEachRow, nextId, d);
                    }
                    for (int r = 0; r < ROUNDS; r++) {
                        for (int d = 0; d < 2; d++) {
                            seconds[d][r] = insertRound(dbs[d].connection(), row, rowsPerRound, commitEachRow, nextId, d);
                        }
                    }
                    double plainRate = rowsPerRound / median(seconds[0]);
                    double encryptedRate = rowsPerRound / median(seconds[1]);
                    System.out.printf("  %3d KiB  %-12s  %9.0f (%6.1f)          %9.0f (%6.1f)        %5.2f%n", rowBytes / 1024,
                            commitEachRow ? "each row" : "per " + rowsPerRound, plainRate, plainRate * rowBytes / MB,
                            encryptedRate, encryptedRate * rowBytes / MB, encryptedRate / plainRate);
                }
            }
        }
    }

    private static void createTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench (id INT NOT NULL PRIMARY KEY, content BLOB(1M) NOT NULL)");
        }
        c.commit();
    }

    private static double insertRound(Connection c, byte[] row, int rows, boolean commitEachRow, int[] nextId, int d)
            throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench VALUES (?, ?)")) {
            for (int i = 0; i < rows; i++) {
                ps.setInt(1, nextId[d]++);
                ps.setBytes(2, row);
                ps.executeUpdate();
                if (commitEachRow) {
                    c.commit();
                }
            }
        }
        c.commit();
        return (System.nanoTime() - start) / 1e9;
    }

    // ---- (3) the record AEAD ----

    private static void aead() throws Exception {
        final int recordBytes = 1 << 20;
        final int recordsPerRound = 64;
        System.out.printf("%n(3) Record AEAD (Bouncy Castle), 1 MiB records; median of %d rounds of %d MiB%n", ROUNDS,
                recordsPerRound);
        System.out.println("  suite  cipher        seal MB/s   open MB/s");
        SecureRandom random = new SecureRandom();
        byte[] plain = new byte[recordBytes];
        random.nextBytes(plain);
        byte[] context = "case/bench/item/photo/PHOTO/image/jpeg".getBytes();
        for (CryptoSuite suite : CryptoSuite.values()) {
            byte[] key = new byte[suite.dataKeyBytes()];
            random.nextBytes(key);
            Aead aead = new Aead(suite, random);
            byte[] sealed = aead.seal(key, plain, context);
            for (int i = 0; i < 2 * recordsPerRound; i++) { // warm-up
                Aead.open(key, aead.seal(key, plain, context), context);
            }
            double[] sealSeconds = new double[ROUNDS];
            double[] openSeconds = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < recordsPerRound; i++) {
                    sealed = aead.seal(key, plain, context);
                }
                sealSeconds[r] = (System.nanoTime() - start) / 1e9;
                start = System.nanoTime();
                for (int i = 0; i < recordsPerRound; i++) {
                    Aead.open(key, sealed, context);
                }
                openSeconds[r] = (System.nanoTime() - start) / 1e9;
            }
            double mb = (double) recordsPerRound * recordBytes / MB;
            System.out.printf("  %-5s  %-12s  %9.1f  %10.1f%n", suite.id(),
                    suite == CryptoSuite.INTL ? "AES-256-GCM" : "SM4-GCM", mb / median(sealSeconds), mb / median(openSeconds));
        }
    }

    // ---- (4) unlock against its key derivation ----

    private static void unlock(Path root) throws Exception {
        Argon2Settings a = Argon2Settings.DEFAULT;
        System.out.printf("%n(4) Unlock with VaultPolicy.DEFAULT (Argon2id %d MiB, t=%d, p=%d) against the bare derivation;"
                + " the same unlock with Argon2 cut to %d KiB, t=%d shows the rest; empty vault (intl), the lock"
                + " between unlocks not timed; median of %d after one warm-up%n", a.memoryKiB() / 1024, a.iterations(),
                a.parallelism(), Fixture.POLICY.argon2().memoryKiB(), Fixture.POLICY.argon2().iterations(), ROUNDS);
        char[] passphrase = Fixture.PASSPHRASE.toCharArray();
        byte[] salt = new byte[PassphraseKdf.SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        double[] kdf = new double[ROUNDS];
        double[] unlock = new double[ROUNDS];
        double[] rest = new double[ROUNDS];
        try (Vault vault = setUp(root.resolve("unlock"), CryptoSuite.INTL, VaultPolicy.DEFAULT);
                Vault cheap = setUp(root.resolve("unlock-cheap"), CryptoSuite.INTL, Fixture.POLICY)) {
            vault.lock();
            cheap.lock();
            PassphraseKdf.derive(passphrase, salt, a, 32);
            unlockAndLock(vault, passphrase);
            unlockAndLock(cheap, passphrase);
            for (int r = 0; r < ROUNDS; r++) { // the three take turns
                long start = System.nanoTime();
                PassphraseKdf.derive(passphrase, salt, a, 32);
                kdf[r] = (System.nanoTime() - start) / 1e6;
                unlock[r] = unlockAndLock(vault, passphrase);
                rest[r] = unlockAndLock(cheap, passphrase);
            }
        }
        double k = median(kdf);
        double u = median(unlock);
        System.out.printf("  bare Argon2id derivation, default settings            %6.0f ms%n", k);
        System.out.printf("  Vault.unlock, default Argon2 (incl. Derby boot)       %6.0f ms  (%.2f × derivation)%n", u, u / k);
        System.out.printf("  Vault.unlock, cheap Argon2 (key file, boot, audit)    %6.0f ms%n", median(rest));
    }

    /** Milliseconds the unlock took; the lock after it is not timed. */
    private static double unlockAndLock(Vault vault, char[] passphrase) throws IOException {
        long start = System.nanoTime();
        UnlockResult result = vault.unlock(Fixture.WANG.id(), passphrase);
        double ms = (System.nanoTime() - start) / 1e6;
        if (!(result instanceof UnlockResult.Unlocked)) {
            throw new IllegalStateException("the benchmark vault did not unlock: " + result);
        }
        vault.lock();
        return ms;
    }

    // ---- helpers ----

    private static Vault setUp(Path folder, CryptoSuite suite, VaultPolicy policy) throws Exception {
        char[] passphrase = Fixture.PASSPHRASE.toCharArray();
        return Vault.setUp(folder, "BENCH-01", suite, Fixture.WANG, passphrase, passphrase.clone(), policy,
                Clock.systemUTC(), new SecureRandom());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
