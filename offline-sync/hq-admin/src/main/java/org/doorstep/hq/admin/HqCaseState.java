package org.doorstep.hq.admin;

import java.util.Locale;

/** Where a stored case stands at HQ. */
public enum HqCaseState {
    /** Stored, without exceptions. */
    RECEIVED,
    /** Stored with exceptions no reviewer has decided on yet. */
    NEEDS_REVIEW,
    /** A reviewer approved it (the laptop is told "accepted"). */
    APPROVED,
    /** A reviewer returned it to the laptop with a reason the officer sees on the case. */
    RETURNED;

    /** {@code received}, {@code needs-review}, {@code approved}, {@code returned}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static HqCaseState byId(String id) {
        for (HqCaseState s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("a case state is received, needs-review, approved or returned, not '" + id + "'");
    }
}
