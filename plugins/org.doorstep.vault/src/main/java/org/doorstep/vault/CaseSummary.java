package org.doorstep.vault;

import java.time.Instant;

/**
 * One case as listed: its state and bookkeeping, plus its label (applicant and documents), which is
 * decrypted for the list and is {@code null} once the case has been shredded.
 *
 * @param revision counts changes, so a screen can tell that what it shows is stale
 * @param note     why the case was rejected or reopened, when it was
 */
public record CaseSummary(String id, CaseState state, boolean urgent, String officerId, Instant created,
        Instant updated, int revision, String label, String note) {

    /** The first eight characters of the id, enough to tell cases apart on one laptop. */
    public String shortId() {
        return id.substring(0, 8);
    }
}
