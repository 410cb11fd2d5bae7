package org.doorstep.hq.admin;

import java.util.Locale;

/** What an administrator may do: {@link #ADMIN} everything, {@link #VIEWER} look only. */
public enum Role {
    ADMIN, VIEWER;

    /** As written on the command line and in the store: {@code admin}, {@code viewer}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role byId(String id) {
        for (Role r : values()) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("a role is admin or viewer, not '" + id + "'");
    }
}
