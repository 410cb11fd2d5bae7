package org.doorstep.photo;

/** A closed range of lengths in millimetres on the finished photo; {@link #ANY} when a document sets no rule. */
public record MmRange(double min, double max) {

    /** No rule: every length passes. */
    public static final MmRange ANY = new MmRange(0, Double.POSITIVE_INFINITY);

    public MmRange {
        if (Double.isNaN(min) || Double.isNaN(max) || min < 0 || max < min) {
            throw new IllegalArgumentException("not a range of millimetres: " + min + "–" + max);
        }
    }

    public boolean contains(double mm) {
        return mm >= min && mm <= max;
    }

    public boolean isAny() {
        return equals(ANY);
    }

    /** The middle of the range, or {@code min} when the range is open above. */
    public double mid() {
        return Double.isInfinite(max) ? min : (min + max) / 2;
    }

    /** How far {@code mm} lies outside the range (0 inside). */
    public double distanceOutside(double mm) {
        return mm < min ? min - mm : mm > max ? mm - max : 0;
    }
}
