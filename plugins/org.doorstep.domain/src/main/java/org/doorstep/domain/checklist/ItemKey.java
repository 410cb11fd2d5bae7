package org.doorstep.domain.checklist;

import java.util.Objects;

/**
 * Identifies a checklist item: the material, and for materials asked once per application the index of
 * that application in the form ({@link #CASE} otherwise).
 */
public record ItemKey(String material, int application) {

    /** The application index of a case-level item. */
    public static final int CASE = -1;

    public ItemKey {
        Objects.requireNonNull(material, "material");
        if (application < CASE) {
            throw new IllegalArgumentException("application index < -1");
        }
    }

    public static ItemKey of(String material) {
        return new ItemKey(material, CASE);
    }

    public boolean isCaseLevel() {
        return application == CASE;
    }

    /** {@code household-register}, or {@code prior-document@1} for the second application's. */
    @Override
    public String toString() {
        return isCaseLevel() ? material : material + "@" + application;
    }
}
