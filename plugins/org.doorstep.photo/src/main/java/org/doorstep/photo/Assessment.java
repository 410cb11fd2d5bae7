package org.doorstep.photo;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every check on one capture, and the finished photo when one could be made (exactly one face found). The photo
 * is made even when checks fail, so the officer can see what is wrong and, with a recorded reason, accept it.
 */
public final class Assessment {

    private final PhotoSpec spec;
    private final List<CheckResult> checks;
    private final byte[] jpeg;
    private final Measurements measurements;

    public Assessment(PhotoSpec spec, List<CheckResult> checks, byte[] jpeg, Measurements measurements) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.checks = List.copyOf(checks);
        this.jpeg = jpeg == null ? null : jpeg.clone();
        this.measurements = Objects.requireNonNull(measurements, "measurements");
        if (this.checks.isEmpty()) {
            throw new IllegalArgumentException("an assessment needs checks");
        }
    }

    public PhotoSpec spec() {
        return spec;
    }

    /** In the order of {@link CheckId}. */
    public List<CheckResult> checks() {
        return checks;
    }

    public CheckResult check(CheckId id) {
        return checks.stream().filter(c -> c.check() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no result for " + id));
    }

    /** Whether every check passed. */
    public boolean passed() {
        return checks.stream().allMatch(CheckResult::passed);
    }

    /** The mean of the checks' scores, 0–1: what ranks attempts against each other. */
    public double score() {
        return checks.stream().mapToDouble(CheckResult::score).average().orElse(0);
    }

    public List<CheckResult> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** The finished photo (JPEG at the document's size), absent when no single face was found. */
    public Optional<byte[]> jpeg() {
        return Optional.ofNullable(jpeg).map(byte[]::clone);
    }

    public Measurements measurements() {
        return measurements;
    }

    @Override
    public String toString() {
        return spec.id() + (passed() ? " passed" : " failed") + String.format(java.util.Locale.ROOT, " %.2f", score())
                + " " + checks;
    }
}
