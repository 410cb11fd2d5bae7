package org.doorstep.vault;

import java.time.Instant;

/**
 * One status HQ sent for a case this laptop delivered.
 *
 * @param at       when HQ says the case reached the status
 * @param note     HQ's remark (a postal tracking number, say), or {@code null}; sealed at rest
 * @param sequence the number of HQ's command that carried it
 * @param received when this laptop stored it
 */
public record CaseStatusUpdate(String caseId, HqCaseStatus status, Instant at, String note, long sequence,
        Instant received) {
}
