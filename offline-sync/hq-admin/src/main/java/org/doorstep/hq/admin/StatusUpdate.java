package org.doorstep.hq.admin;

import java.util.Locale;

/** What HQ can tell a laptop about a case it delivered (the laptop's {@code STATUS_UPDATE} vocabulary). */
public enum StatusUpdate {
    ACCEPTED, IN_REVIEW, APPROVED, PRODUCED, POSTED,
    /** Returned to the officer with a reason (a note is required). */
    RETURNED;

    /** As the laptop spells it: {@code accepted}, {@code in-review} … */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static StatusUpdate byId(String id) {
        for (StatusUpdate s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("a status is accepted, in-review, approved, produced, posted or returned,"
                + " not '" + id + "'");
    }
}
