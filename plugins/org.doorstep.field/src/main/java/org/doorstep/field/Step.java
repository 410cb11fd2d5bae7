package org.doorstep.field;

import java.util.Locale;

/** The steps of a guided case, in the order the officer goes through them at the bedside. */
public enum Step {
    IDENTITY, APPLICATIONS, CHECKLIST, PHOTO, FINGERPRINTS, SIGNATURES, REVIEW, COMPLETE;

    /** {@code identity}, {@code applications} …: how the step is stored and named in message keys. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Step byId(String id) {
        for (Step s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown step '" + id + "'");
    }

    /** The step's name for the step indicator. */
    public String label(Locale locale) {
        return FieldMessages.of(locale).text("step." + id());
    }
}
