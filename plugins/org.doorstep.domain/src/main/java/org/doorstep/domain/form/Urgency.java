package org.doorstep.domain.form;

import java.time.LocalDate;

import org.doorstep.domain.UrgentReason;

/**
 * Urgent processing asked for: why, the scan that proves it, and when the documents are needed.
 *
 * @param evidence the case item holding the proof
 * @param neededBy the date of departure or of need, if known
 * @param note     the officer's remark
 */
public record Urgency(UrgentReason reason, String evidence, LocalDate neededBy, String note) {
}
