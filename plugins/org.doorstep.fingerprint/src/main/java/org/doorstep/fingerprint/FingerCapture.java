package org.doorstep.fingerprint;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One image of one finger as a driver delivered it. {@code device} says which scanner, file or simulator made
 * it, in words for the audit trail ("SBI 127.0.0.1:4501 Acme FP-500 serial 1234", "file left.wsq").
 */
public record FingerCapture(UUID id, FingerPosition position, FingerImage image, SourceKind source, String device,
        Instant capturedAt) {

    public FingerCapture {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(capturedAt, "capturedAt");
    }

    public static FingerCapture of(FingerPosition position, FingerImage image, SourceKind source, String device) {
        return new FingerCapture(UUID.randomUUID(), position, image, source, device, Instant.now());
    }

    /** True for the simulator's output, which must be shown and stored as such. */
    public boolean simulated() {
        return source == SourceKind.SIMULATED;
    }
}
