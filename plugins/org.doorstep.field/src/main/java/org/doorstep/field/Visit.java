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

    public boolean fromWorkOrder() {
        return orderId.isPresent();
    }

    public boolean started() {
        return caseId.isPresent();
    }
}
