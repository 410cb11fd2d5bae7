package org.doorstep.domain.catalogue;

/** A closed range of measures, {@code min ≤ max}. */
public record Range(double min, double max) {

    public Range {
        if (!(min <= max)) {
            throw new IllegalArgumentException("a range needs min <= max");
        }
    }

    public boolean contains(double value) {
        return value >= min && value <= max;
    }
}
