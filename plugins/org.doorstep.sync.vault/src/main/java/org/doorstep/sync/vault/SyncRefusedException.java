package org.doorstep.sync.vault;

import java.io.IOException;
import java.util.Optional;

import org.doorstep.sync.outbox.OutboxFullException;

/**
 * The sync service will not seal, send or export now, and says why in words for the officer: the laptop is not
 * enrolled with HQ, HQ revoked it, the outbox has no room for the case ({@link #outboxFull()}), or there is nothing
 * to do. An {@link IOException} because it stops the same
 * operations a broken disk or link would; nothing was changed.
 */
public final class SyncRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    public SyncRefusedException(String message) {
        super(message);
    }

    private SyncRefusedException(OutboxFullException full) {
        super(full.getMessage(), full);
    }

    /** The case was not sealed because its packet would not fit the outbox; the case stays complete. */
    public static SyncRefusedException outboxFull(OutboxFullException full) {
        return new SyncRefusedException(full);
    }

    /** Why, when the refusal is a full outbox: how full, and how large the case's packet would be. */
    public Optional<OutboxFullException> outboxFull() {
        return getCause() instanceof OutboxFullException full ? Optional.of(full) : Optional.empty();
    }

    static SyncRefusedException notEnrolled() {
        return new SyncRefusedException("this laptop is not enrolled with HQ yet: make a certificate request with the "
                + "enrolment code and install the bundle HQ sends back");
    }

    static SyncRefusedException revoked(String reason) {
        return new SyncRefusedException("HQ has revoked this laptop's certificate (" + reason + "), so it seals and "
                + "sends nothing; ask HQ to enrol it again");
    }
}
