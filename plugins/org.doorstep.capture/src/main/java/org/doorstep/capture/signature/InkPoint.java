package org.doorstep.capture.signature;

/**
 * One sampled point of a pen or finger on the signature pad.
 *
 * @param x        pixels from the pad's left edge
 * @param y        pixels from the pad's top edge
 * @param tMillis  milliseconds since the signature started (non-decreasing within a stroke)
 * @param pressure 0–1 where the pad measures it, else 0.5
 */
public record InkPoint(double x, double y, long tMillis, double pressure) {

    public InkPoint {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(pressure)) {
            throw new IllegalArgumentException("an ink point needs finite coordinates and pressure");
        }
        if (pressure < 0 || pressure > 1) {
            throw new IllegalArgumentException("pressure must be between 0 and 1, not " + pressure);
        }
        if (tMillis < 0) {
            throw new IllegalArgumentException("time must not be negative");
        }
    }
}
