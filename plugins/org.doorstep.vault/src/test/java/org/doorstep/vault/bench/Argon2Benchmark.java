package org.doorstep.vault.bench;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

import org.doorstep.vault.crypto.Argon2Settings;
import org.doorstep.vault.crypto.PassphraseKdf;

/**
 * Prints how long Argon2id takes for candidate settings on this machine, to tune the unlock cost to about
 * half a second. Baseline in the same run: Argon2id with 1 MiB and one pass, so figures from different
 * machines can be compared as multiples of it. Run:
 *
 * <pre>
 * ./mvnw -q -pl plugins/org.doorstep.vault test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.doorstep.vault.bench.Argon2Benchmark
 * </pre>
 */
public final class Argon2Benchmark {

    private static final int RUNS = 5;

    public static void main(String[] args) {
        char[] passphrase = "上门办证 benchmark passphrase".toCharArray();
        byte[] salt = new byte[PassphraseKdf.SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        // warm the JIT so the first candidate is not penalised
        PassphraseKdf.derive(passphrase, salt, new Argon2Settings(8 * 1024, 2, 2), 32);

        double baseline = medianMillis(passphrase, salt, new Argon2Settings(1024, 1, 1));
        System.out.printf("baseline  m=  1 MiB t=1 p=1 : %7.1f ms%n", baseline);
        List<Argon2Settings> candidates = List.of(
                new Argon2Settings(19 * 1024, 2, 1),
                new Argon2Settings(32 * 1024, 3, 2),
                new Argon2Settings(64 * 1024, 3, 2),
                new Argon2Settings(128 * 1024, 3, 2),
                Argon2Settings.DEFAULT,
                new Argon2Settings(256 * 1024, 2, 2));
        for (Argon2Settings s : candidates) {
            double ms = medianMillis(passphrase, salt, s);
            System.out.printf("candidate m=%3d MiB t=%d p=%d : %7.1f ms  (%5.1f × baseline)%s%n", s.memoryKiB() / 1024,
                    s.iterations(), s.parallelism(), ms, ms / baseline, s.equals(Argon2Settings.DEFAULT) ? "  ← default" : "");
        }
    }

    private static double medianMillis(char[] passphrase, byte[] salt, Argon2Settings settings) {
        double[] times = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            PassphraseKdf.derive(passphrase, salt, settings, 32);
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[RUNS / 2];
    }
}
