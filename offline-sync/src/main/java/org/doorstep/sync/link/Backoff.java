package org.doorstep.sync.link;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to try the broker again after a failed or lost connection: exponential back-off with "full jitter"
 * (a uniformly random wait between zero and the exponential ceiling), per client. Paho's own reconnect
 * waits the same fixed sequence in every client (a static delay without jitter), so after an outage at HQ
 * a whole province's laptops would knock at the same instants; with full jitter their retries spread out.
 * One instance per connection; {@link #reset()} after a connection succeeds.
 */
public final class Backoff {

    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;
    private int failures;

    /**
     * @param base   ceiling after the first failure (e.g. 1 s)
     * @param cap    largest ceiling (e.g. 5 min)
     * @param random per-client source of randomness (a {@code SecureRandom} or a seeded one in tests)
     */
    public Backoff(Duration base, Duration cap, RandomGenerator random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < base <= cap, not " + base + " / " + cap);
        }
        this.base = base;
        this.cap = cap;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Records a failure and returns how long to wait before the next attempt. */
    public synchronized Duration nextDelay() {
        Duration ceiling = ceiling(failures);
        failures = Math.min(failures + 1, 62);
        long millis = ceiling.toMillis();
        return Duration.ofMillis(millis == 0 ? 0 : random.nextLong(millis + 1));
    }

    /** The largest wait after {@code previousFailures} failures in a row: base · 2^n, at most the cap. */
    public Duration ceiling(int previousFailures) {
        if (previousFailures >= 62) {
            return cap;
        }
        long factor = 1L << previousFailures;
        long millis = base.toMillis() > cap.toMillis() / factor ? cap.toMillis() : base.toMillis() * factor;
        return Duration.ofMillis(Math.min(millis, cap.toMillis()));
    }

    /** The connection succeeded: the next failure starts again from the base. */
    public synchronized void reset() {
        failures = 0;
    }

    public synchronized int failures() {
        return failures;
    }
}
