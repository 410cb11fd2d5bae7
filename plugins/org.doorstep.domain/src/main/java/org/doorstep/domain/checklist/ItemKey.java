package org.doorstep.domain.checklist;

import java.util.Objects;

/**
 * Identifies a checklist item: the material, and for materials asked once per application the type of that
 * application ({@code null} for the case). The type, not the application's position, so that an item keeps
 * its status when the officer removes or reorders applications (a case has at most one application per type).
 */
public record ItemKey(String material, String type) {

    public ItemKey {
        Objects.requireNonNull(material, "material");
    }

    /** A case-level item. */
    public static ItemKey of(String material) {
        return new ItemKey(material, null);
    }

    /** An item of the application of {@code type}. */
    public static ItemKey of(String material, String type) {
        return new ItemKey(material, Objects.requireNonNull(type, "type"));
    }

    public boolean isCaseLevel() {
        return type == null;
    }

    /** {@code household-register}, or {@code prior-document@passport} for the passport application's. */
    @Override
    public String toString() {
        return isCaseLevel() ? material : material + "@" + type;
    }
}
