package org.doorstep.fingerprint;

import java.time.Duration;

/**
 * What an administrator can set for fingerprint capture.
 *
 * @param qualityThreshold    a capture is accepted from this quality score (0–100); default {@value #DEFAULT_QUALITY}
 * @param attemptsPerFinger   captures allowed per finger, the best kept; default {@value #DEFAULT_ATTEMPTS}
 * @param sameFingerThreshold SourceAFIS score from which two fingers count as one; default 40 (about one false
 *                            match in 10 000)
 * @param captureTimeout      how long a scanner waits for the finger; default 20 s
 */
public record CaptureOptions(int qualityThreshold, int attemptsPerFinger, double sameFingerThreshold,
        Duration captureTimeout) {

    public static final int DEFAULT_QUALITY = 40;
    public static final int DEFAULT_ATTEMPTS = 3;
    public static final CaptureOptions DEFAULT = new CaptureOptions(DEFAULT_QUALITY, DEFAULT_ATTEMPTS,
            SameFingerCheck.DEFAULT_THRESHOLD, Duration.ofSeconds(20));

    public CaptureOptions {
        if (qualityThreshold < 0 || qualityThreshold > 100) {
            throw new IllegalArgumentException("quality threshold must be 0–100, not " + qualityThreshold);
        }
        if (attemptsPerFinger < 1 || attemptsPerFinger > 10) {
            throw new IllegalArgumentException("attempts per finger must be 1–10, not " + attemptsPerFinger);
        }
        if (!(sameFingerThreshold > 0)) {
            throw new IllegalArgumentException("same-finger threshold must be positive, not " + sameFingerThreshold);
        }
        if (captureTimeout == null || captureTimeout.isNegative() || captureTimeout.isZero()
                || captureTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("capture timeout must be between 0 and 5 minutes, not " + captureTimeout);
        }
    }

    public CaptureOptions withQualityThreshold(int threshold) {
        return new CaptureOptions(threshold, attemptsPerFinger, sameFingerThreshold, captureTimeout);
    }

    public CaptureOptions withAttemptsPerFinger(int attempts) {
        return new CaptureOptions(qualityThreshold, attempts, sameFingerThreshold, captureTimeout);
    }

    public CaptureOptions withCaptureTimeout(Duration timeout) {
        return new CaptureOptions(qualityThreshold, attemptsPerFinger, sameFingerThreshold, timeout);
    }
}
