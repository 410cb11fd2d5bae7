package org.doorstep.group;

import java.util.Locale;

/** Where an applicant stands on the session's board. */
public enum BoardState {
    /** On the roster, not called yet. */
    WAITING,
    /** Called: their case is open. */
    IN_PROGRESS,
    /** Their case is complete (or further on its way to HQ). */
    DONE,
    /** Cannot finish today (a material missing, absent, …); the reason is kept and shown in the summary. */
    FOLLOW_UP;

    public String label(Locale locale) {
        return GroupMessages.of(locale).text("state." + name());
    }
}
