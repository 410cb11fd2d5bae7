package org.doorstep.vault.crypto;

/**
 * Cost of deriving an officer's key from a passphrase with Argon2id (RFC 9106). Stored with each
 * officer's wrapped key, so settings can be raised later without locking anyone out.
 *
 * <p>Defaults: 128 MiB of memory, 4 passes, 2 lanes — above RFC 9106's second recommended option
 * (64 MiB, 3 passes), raised until one derivation takes about half a second on the reference laptop
 * (2 cores): slow for a guesser, quick enough for an officer at a bedside. Measured with
 * {@code Argon2Benchmark}; figures in {@code docs/PERFORMANCE.md}.
 *
 * @param memoryKiB   memory in KiB (at least 8 × parallelism, as Argon2 requires)
 * @param iterations  passes over the memory, at least 1
 * @param parallelism lanes, at least 1
 */
public record Argon2Settings(int memoryKiB, int iterations, int parallelism) {

    public static final Argon2Settings DEFAULT = new Argon2Settings(128 * 1024, 4, 2);

    /** Floor below which settings are refused: 19 MiB and 2 passes (OWASP's minimum for Argon2id). */
    public static final int MIN_MEMORY_KIB = 19 * 1024;
    public static final int MIN_ITERATIONS = 2;

    public Argon2Settings {
        if (parallelism < 1 || parallelism > 16) {
            throw new IllegalArgumentException("Argon2 parallelism must be 1..16, not " + parallelism);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("Argon2 iterations must be at least 1, not " + iterations);
        }
        if (memoryKiB < 8 * parallelism) {
            throw new IllegalArgumentException("Argon2 memory must be at least 8 KiB per lane, not " + memoryKiB);
        }
    }

    /** Whether these settings are strong enough for an officer's passphrase (tests may use weaker ones). */
    public boolean meetsPolicy() {
        return memoryKiB >= MIN_MEMORY_KIB && iterations >= MIN_ITERATIONS;
    }
}
