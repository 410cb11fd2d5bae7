package org.doorstep.photo.internal;

import org.doorstep.photo.MmRange;

/** Turns a measured value into a 0–1 score: 1 inside the rule, falling linearly outside it. */
final class Scores {

    private Scores() {
    }

    /** 1 inside {@code range}; 0 once {@code mm} is a whole range width (at least {@code minSpan}) outside it. */
    static double inRange(double mm, MmRange range, double minSpan) {
        double span = Double.isInfinite(range.max()) ? minSpan : Math.max(minSpan, range.max() - range.min());
        return clamp(1 - range.distanceOutside(mm) / span);
    }

    /** 1 at or above {@code min}; 0 at {@code min - span}. */
    static double atLeast(double value, double min, double span) {
        return clamp(1 - Math.max(0, min - value) / span);
    }

    /** 1 at or below {@code max}; 0 at {@code max + span}. */
    static double atMost(double value, double max, double span) {
        return clamp(1 - Math.max(0, value - max) / span);
    }

    static double clamp(double score) {
        return Double.isNaN(score) ? 0 : Math.max(0, Math.min(1, score));
    }
}
