package org.doorstep.field;

import java.time.LocalDate;
import java.util.Optional;

import org.doorstep.domain.VisitReason;
import org.doorstep.vault.CaseState;

/**
 * One line of the officer's visits list: a work order from HQ (started or not) or a case begun on the spot.
 *
 * @param orderId   HQ's work order, empty for an ad-hoc case
 * @param caseId    the case, empty while a work order has not been started
 * @param applicant the applicant's name (or the case's label for an ad-hoc case not yet named)
 * @param address   where to go; empty for an ad-hoc case
 * @param reason    why the visit is at home; empty when not yet known
 * @param state     the case's state, empty while a work order has not been started
 * @param due       the work order's due date, if HQ gave one
 */
public record Visit(Optional<String> orderId, Optional<String> caseId, String applicant, String address,
        Optional<VisitReason> reason, Optional<CaseState> state, Optional<LocalDate> due) {

    /** When a visit is for, seen on a given day. */
    public enum Timing {
        /** A work order due that day, or one HQ gave no date. */
        TODAY,
        /** A work order due before that day whose case is not finished. */
        OVERDUE,
        /** A work order due after that day. */
        LATER,
        /** A case begun on the spot (no work order). */
        AD_HOC
    }

    /** When this visit is for, seen on {@code today}. */
    public Timing timing(LocalDate today) {
        if (orderId.isEmpty()) {
            return Timing.AD_HOC;
        }
        if (due.isEmpty() || due.get().isEqual(today)) {
            return Timing.TODAY;
        }
        return due.get().isBefore(today) ? Timing.OVERDUE : Timing.LATER;
    }

    /** Not started, or a draft: the officer still has work to do on it. */
    public boolean open() {
        return state.map(s -> s == CaseState.DRAFT).orElse(true);
    }

    public boolean fromWorkOrder() {
        return orderId.isPresent();
    }

    public boolean started() {
        return caseId.isPresent();
    }
}
