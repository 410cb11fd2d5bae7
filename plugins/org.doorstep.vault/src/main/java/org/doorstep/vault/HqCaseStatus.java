package org.doorstep.vault;

import java.util.Locale;

/**
 * Where HQ says a delivered case stands, for the applicant's progress query. The laptop only shows it: the case's
 * own data is shredded by then.
 */
public enum HqCaseStatus {
    ACCEPTED, IN_REVIEW, APPROVED, PRODUCED, POSTED,
    /** HQ's review returned the case to the officer, with a reason in the note (appended: the vault stores names). */
    RETURNED;

    /** As HQ spells it: {@code accepted}, {@code in-review} … */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static HqCaseStatus byId(String id) {
        for (HqCaseStatus status : values()) {
            if (status.id().equals(id)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown case status '" + id
                + "': expected accepted, in-review, approved, produced, posted or returned");
    }
}
