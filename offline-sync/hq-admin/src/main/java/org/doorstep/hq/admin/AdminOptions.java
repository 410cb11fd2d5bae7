package org.doorstep.hq.admin;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Everything an HQ can tune about administration, with documented defaults ({@link #defaults()}).
 *
 * @param passwordMemoryKiB     Argon2id memory for new password hashes (default 65,536 KiB = 64 MiB); stored with
 *                              each hash, so raising it affects passwords set afterwards
 * @param passwordIterations    Argon2id passes (default 3)
 * @param passwordParallelism   Argon2id lanes (default 1)
 * @param minPasswordLength     shortest password accepted (default 12 characters)
 * @param freeAttempts          failed sign-ins allowed before the user must wait (default 3)
 * @param backoffBase           first wait after those (default 2 s), doubling with every further failure
 * @param backoffCap            longest wait (default 15 min)
 * @param waitForHq             how long an action waits for the HQ service process to carry out its part (the CRL
 *                              pushed to the broker, a medium imported) before it reports that it is still pending
 *                              (default 15 s)
 * @param commandValidity       how long a queued command stays valid if the laptop is offline (default 7 days)
 * @param wipeValidity          the same for remote wipes, which must reach a lost laptop whenever it comes online
 *                              (default 30 days)
 * @param zone                  the time zone of "days" in reports and of dates on the command line (default the
 *                              system's)
 */
public record AdminOptions(int passwordMemoryKiB, int passwordIterations, int passwordParallelism, int minPasswordLength,
        int freeAttempts, Duration backoffBase, Duration backoffCap, Duration waitForHq, Duration commandValidity,
        Duration wipeValidity, ZoneId zone) {

    public AdminOptions {
        if (passwordMemoryKiB < 8 || passwordMemoryKiB > 4 * 1024 * 1024 || passwordIterations < 1
                || passwordIterations > 100 || passwordParallelism < 1 || passwordParallelism > 16) {
            throw new IllegalArgumentException("Argon2id needs 8 KiB-4 GiB of memory, 1-100 passes and 1-16 lanes");
        }
        if (minPasswordLength < 8 || freeAttempts < 0) {
            throw new IllegalArgumentException("passwords have at least 8 characters; free attempts cannot be negative");
        }
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffCap, "backoffCap");
        Objects.requireNonNull(waitForHq, "waitForHq");
        Objects.requireNonNull(commandValidity, "commandValidity");
        Objects.requireNonNull(wipeValidity, "wipeValidity");
        Objects.requireNonNull(zone, "zone");
    }

    public static AdminOptions defaults() {
        return new AdminOptions(65_536, 3, 1, 12, 3, Duration.ofSeconds(2), Duration.ofMinutes(15),
                Duration.ofSeconds(15), Duration.ofDays(7), Duration.ofDays(30), ZoneId.systemDefault());
    }

    public AdminOptions withPasswordCost(int memoryKiB, int iterations) {
        return new AdminOptions(memoryKiB, iterations, passwordParallelism, minPasswordLength, freeAttempts, backoffBase,
                backoffCap, waitForHq, commandValidity, wipeValidity, zone);
    }

    public AdminOptions withWaitForHq(Duration wait) {
        return new AdminOptions(passwordMemoryKiB, passwordIterations, passwordParallelism, minPasswordLength,
                freeAttempts, backoffBase, backoffCap, wait, commandValidity, wipeValidity, zone);
    }

    public AdminOptions withZone(ZoneId z) {
        return new AdminOptions(passwordMemoryKiB, passwordIterations, passwordParallelism, minPasswordLength,
                freeAttempts, backoffBase, backoffCap, waitForHq, commandValidity, wipeValidity, z);
    }

    public AdminOptions withBackoff(int free, Duration base, Duration cap) {
        return new AdminOptions(passwordMemoryKiB, passwordIterations, passwordParallelism, minPasswordLength, free,
                base, cap, waitForHq, commandValidity, wipeValidity, zone);
    }
}
