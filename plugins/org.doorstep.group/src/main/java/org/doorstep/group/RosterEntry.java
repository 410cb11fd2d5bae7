package org.doorstep.group;

import java.util.List;
import java.util.Objects;

/**
 * One employee on the session's roster and where they stand.
 *
 * @param id        this entry's id within the session
 * @param row       the row of the roster file it came from (for the officer's reference)
 * @param idNumber  the identity number, normalised and checked (GB 11643)
 * @param documents catalogue type ids, e.g. {@code passport}, {@code hk-macau-permit}
 * @param address   the employee's own postal address, if the roster had one
 * @param reason    why a follow-up is needed ({@link BoardState#FOLLOW_UP}); else {@code null}
 * @param caseId    the vault case started for them, once started
 */
public record RosterEntry(String id, int row, String name, String idNumber, String phone, List<String> documents,
        String address, BoardState state, String reason, String caseId) {

    public RosterEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(state, "state");
        documents = List.copyOf(documents);
    }

    RosterEntry withState(BoardState newState, String newReason, String newCaseId) {
        return new RosterEntry(id, row, name, idNumber, phone, documents, address, newState, newReason, newCaseId);
    }

    /** The identity number with the middle hidden, for lists others may see. */
    public String maskedIdNumber() {
        return idNumber.substring(0, 6) + "********" + idNumber.substring(14);
    }
}
