package org.doorstep.domain.checklist;

import java.util.List;

import org.doorstep.domain.catalogue.Condition;

/**
 * Why an item is on the checklist: which application asked for it (or the case as a whole), through which
 * endorsement if any, under which conditions.
 *
 * @param application the application's index in the form, {@link #CASE} for the case
 * @param endorsement the endorsement's id, or {@code null}
 * @param conditions  the conditions that held (none: the document always needs it)
 */
public record Reason(int application, String endorsement, List<Condition> conditions) {

    /** The application index that stands for the case as a whole. */
    public static final int CASE = -1;

    public Reason {
        conditions = List.copyOf(conditions);
    }
}
