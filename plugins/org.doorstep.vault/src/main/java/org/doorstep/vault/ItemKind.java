package org.doorstep.vault;

import java.util.Locale;

/** What a stored item of a case is; each is encrypted under the case's data key. */
public enum ItemKind {
    /** The application form (structured data, e.g. JSON). */
    FORM,
    PHOTO,
    FINGERPRINT,
    SIGNATURE,
    /** A scanned document for the checklist of materials. */
    SCAN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ItemKind byId(String id) {
        for (ItemKind kind : values()) {
            if (kind.id().equals(id == null ? "" : id.strip().toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown item kind '" + id + "': expected form, photo, fingerprint, signature or scan");
    }
}
