package org.doorstep.field;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import org.doorstep.sync.vault.CaseSealing;
import org.doorstep.sync.vault.PacketSpoolFolder;
import org.doorstep.sync.vault.SyncIdentity;
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
        REVOKED
    }

    /**
     * What completing did.
     *
     * @param packet  the sealed packet, when the case was sealed
     * @param waiting why the case was completed but not sealed
     */
    public record Outcome(CaseSummary summary, Optional<PacketRecord> packet, Optional<Blocker> waiting) {
    }

    private final Vault vault;
    private final Clock clock;
    private final SecureRandom random;

    public CaseCompletion(Vault vault, Clock clock, SecureRandom random) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
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
     * Completes the case if it is a draft and seals it. Call only when {@link #sealingBlocker()} is empty: the
     * sealing service refuses otherwise, after the case was completed.
     *
     * @param note for the audit trail when a draft is completed
     */
    public PacketRecord seal(String caseId, String note) throws IOException {
        if (vault.cases().get(caseId).state() == CaseState.DRAFT) {
            vault.cases().moveTo(caseId, CaseState.COMPLETE, note);
        }
        return new CaseSealing(vault, new PacketSpoolFolder(vault.dataDir()), clock, random).seal(caseId);
    }

    /** Completes a draft and seals it when the laptop can send to HQ; otherwise it stays complete, waiting. */
    public Outcome complete(String caseId, String note) throws IOException {
        Optional<Blocker> blocker = sealingBlocker();
        if (blocker.isPresent()) {
            CaseSummary summary = vault.cases().get(caseId);
            if (summary.state() == CaseState.DRAFT) {
                summary = vault.cases().moveTo(caseId, CaseState.COMPLETE, note);
            }
            return new Outcome(summary, Optional.empty(), blocker);
        }
        PacketRecord packet = seal(caseId, note);
        return new Outcome(vault.cases().get(caseId), Optional.of(packet), Optional.empty());
    }
}
