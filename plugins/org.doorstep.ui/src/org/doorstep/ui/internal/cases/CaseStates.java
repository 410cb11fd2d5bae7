package org.doorstep.ui.internal.cases;

import java.util.Optional;

import org.doorstep.field.CaseCompletion;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.PacketRecord;

/** A case's state in the officer's words: a short one for the visits list, a sentence for the review page. */
final class CaseStates {

    private CaseStates() {
    }

    static String shortText(CasesMessages m, CaseState state) {
        return switch (state) {
            case DRAFT -> m.state_draft;
            case COMPLETE -> m.state_complete;
            case SEALED -> m.state_sealed;
            case QUEUED -> m.state_queued;
            case SENT -> m.state_sent;
            case DELIVERED -> m.state_delivered;
            case SHREDDED -> m.state_shredded;
            case REJECTED -> m.state_rejected;
        };
    }

    /**
     * What happened to a finished case, with the packet's short id where the case was sealed into one (the id the
     * officer can quote to HQ).
     */
    static String sentence(CasesMessages m, CaseState state, Optional<PacketRecord> packet,
            Optional<CaseCompletion.Blocker> waiting) {
        String id = packet.map(p -> p.packetId().toString().substring(0, 8)).orElse("—");
        return switch (state) {
            case DRAFT -> m.review_ready;
            case COMPLETE -> switch (waiting.orElse(CaseCompletion.Blocker.NOT_ENROLLED)) {
                case REVOKED -> m.review_revoked;
                case OUTBOX_FULL -> m.review_outbox_full;
                case NOT_ENROLLED -> m.review_waiting;
            };
            case SEALED -> CasesMessages.format(m.review_sealed, id);
            case QUEUED -> CasesMessages.format(m.review_queued, id);
            case SENT -> CasesMessages.format(m.review_sent, id);
            case DELIVERED -> CasesMessages.format(m.review_delivered, id);
            case SHREDDED -> m.review_shredded;
            case REJECTED -> m.review_rejected;
        };
    }
}
