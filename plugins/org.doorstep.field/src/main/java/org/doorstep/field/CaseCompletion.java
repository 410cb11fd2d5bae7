package org.doorstep.field;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import org.doorstep.sync.outbox.OutboxCapacity;
import org.doorstep.sync.vault.CaseSealing;
import org.doorstep.sync.vault.PacketSpoolFolder;
import org.doorstep.sync.vault.SyncIdentity;
import org.doorstep.sync.vault.SyncRefusedException;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.CaseSummary;
import org.doorstep.vault.PacketRecord;
import org.doorstep.vault.Vault;

/**
 * A finished case made ready for HQ: the draft becomes complete and, when this laptop can send to HQ, is sealed into
 * a packet in the outbox ({@link CaseSealing}). Whether sealing can happen is decided <em>before</em> anything
 * changes, so the command line's {@code seal} (which refuses) and the guided case (which completes and leaves the
 * case waiting) share one rule.
 */
public final class CaseCompletion {

    /** Why a complete case cannot be sealed now. */
    public enum Blocker {
        /** The laptop has no certificate from HQ yet. */
        NOT_ENROLLED,
        /** HQ revoked the laptop's certificate. */
        REVOKED,
        /**
         * The outbox has no room for the case's packet: cases already sealed wait for HQ's receipts, and nothing
         * waiting is ever dropped to make room.
         */
        OUTBOX_FULL
    }

    /**
     * What completing did.
     *
     * @param packet  the sealed packet, when the case was sealed
     * @param waiting why the case was completed but not sealed
     * @param detail  that reason in an English sentence with its figures (how full the outbox is), for logs and the
     *                command line; screens word {@code waiting} themselves
     */
    public record Outcome(CaseSummary summary, Optional<PacketRecord> packet, Optional<Blocker> waiting,
            Optional<String> detail) {
    }

    private final Vault vault;
    private final Clock clock;
    private final SecureRandom random;
    private final OutboxCapacity capacity;

    /** Completion and sealing for an outbox of the product's capacity ({@link OutboxCapacity#DEFAULT}). */
    public CaseCompletion(Vault vault, Clock clock, SecureRandom random) {
        this(vault, clock, random, OutboxCapacity.DEFAULT);
    }

    public CaseCompletion(Vault vault, Clock clock, SecureRandom random, OutboxCapacity capacity) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.capacity = Objects.requireNonNull(capacity, "capacity");
    }

    /** Why sealing would be refused now, if it would. */
    public Optional<Blocker> sealingBlocker() {
        if (SyncIdentity.of(vault).isEmpty()) {
            return Optional.of(Blocker.NOT_ENROLLED);
        }
        if (vault.syncSettings().revoked()) {
            return Optional.of(Blocker.REVOKED);
        }
        return Optional.empty();
    }

    /**
     * Why sealing this case would be refused now, if it would: {@link #sealingBlocker()}, or a full outbox (the
     * case's packet, bounded from its items, would not fit beside what waits for HQ). Changes nothing.
     */
    public Optional<Blocker> sealingBlocker(String caseId) throws IOException {
        Optional<Blocker> blocker = sealingBlocker();
        if (blocker.isPresent()) {
            return blocker;
        }
        try {
            sealing().requireRoomFor(caseId);
            return Optional.empty();
        } catch (SyncRefusedException e) {
            if (e.outboxFull().isPresent()) {
                return Optional.of(Blocker.OUTBOX_FULL);
            }
            throw e;
        }
    }

    /**
     * Refuses with a {@link SyncRefusedException} saying how full the outbox is when the case's packet would not fit
     * now; changes nothing. The command line asks it before it completes a draft to seal it.
     */
    public void requireRoomFor(String caseId) throws IOException {
        sealing().requireRoomFor(caseId);
    }

    /**
     * Completes the case if it is a draft and seals it. Call only when {@link #sealingBlocker(String)} is empty: the
     * sealing service refuses otherwise, after the case was completed (a full outbox found by a sealing that came in
     * between is a {@link SyncRefusedException} with {@link SyncRefusedException#outboxFull()}; the case stays
     * complete).
     *
     * @param note for the audit trail when a draft is completed
     */
    public PacketRecord seal(String caseId, String note) throws IOException {
        if (vault.cases().get(caseId).state() == CaseState.DRAFT) {
            vault.cases().moveTo(caseId, CaseState.COMPLETE, note);
        }
        return sealing().seal(caseId);
    }

    /**
     * Completes a draft and seals it when the laptop can send to HQ and the outbox has room for it; otherwise it
     * stays complete, waiting, and the outcome says why.
     */
    public Outcome complete(String caseId, String note) throws IOException {
        Optional<Blocker> blocker = sealingBlocker();
        String detail = null;
        if (blocker.isEmpty()) {
            try {
                sealing().requireRoomFor(caseId);
            } catch (SyncRefusedException e) {
                if (e.outboxFull().isEmpty()) {
                    throw e;
                }
                blocker = Optional.of(Blocker.OUTBOX_FULL);
                detail = e.getMessage();
            }
        }
        if (blocker.isPresent()) {
            return waiting(caseId, note, blocker.get(), detail);
        }
        try {
            PacketRecord packet = seal(caseId, note);
            return new Outcome(vault.cases().get(caseId), Optional.of(packet), Optional.empty(), Optional.empty());
        } catch (SyncRefusedException e) {
            if (e.outboxFull().isEmpty()) {
                throw e;
            }
            // another sealing took the last room between the check and this one: the case is complete, intact
            return waiting(caseId, note, Blocker.OUTBOX_FULL, e.getMessage());
        }
    }

    private Outcome waiting(String caseId, String note, Blocker blocker, String detail) {
        CaseSummary summary = vault.cases().get(caseId);
        if (summary.state() == CaseState.DRAFT) {
            summary = vault.cases().moveTo(caseId, CaseState.COMPLETE, note);
        }
        return new Outcome(summary, Optional.empty(), Optional.of(blocker), Optional.ofNullable(detail));
    }

    private CaseSealing sealing() {
        return new CaseSealing(vault, new PacketSpoolFolder(vault.dataDir()), clock, random, capacity);
    }
}
