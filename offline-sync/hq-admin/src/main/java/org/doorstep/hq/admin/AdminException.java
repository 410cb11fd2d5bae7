package org.doorstep.hq.admin;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Why the administration service refused or failed, with a sentence an administrator can act on (no stack trace
 * needed). A refusal changed nothing.
 */
public final class AdminException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The kind of failure; the command line turns it into its exit code. */
    public enum Kind {
        /** An argument is malformed or out of range (exit 1). */
        INPUT(1),
        /** The device, case, packet, command or user named does not exist (exit 1). */
        NOT_FOUND(1),
        /** The user id or password is wrong, the user is disabled or must wait after failed attempts (exit 2). */
        SIGN_IN(2),
        /** The signed-in user's role does not allow the action (exit 2). */
        FORBIDDEN(2),
        /** The action does not fit the current state (already revoked, already reviewed …) (exit 2). */
        CONFLICT(2),
        /** A verified audit trail has breaks (exit 3). */
        AUDIT_BROKEN(3),
        /** HQ's store cannot be reached or failed (exit 4). */
        STORAGE(4),
        /** The HQ service process did not carry out a request in time (exit 4). */
        UNAVAILABLE(4),
        /** A fault of this program (exit 5). */
        INTERNAL(5);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;
    private final transient Instant retryAt;

    public AdminException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAt = null;
    }

    public AdminException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAt = null;
    }

    /** A refusal that ends at a known time: a sign-in refused because the user must wait after failed attempts. */
    public AdminException(Kind kind, String message, Instant retryAt) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAt = Objects.requireNonNull(retryAt, "retryAt");
    }

    public Kind kind() {
        return kind;
    }

    /**
     * When trying again can succeed, for a refusal that is only a matter of waiting (a sign-in while the user must
     * wait after failed attempts), so that a console can say so in its own language; empty otherwise.
     */
    public Optional<Instant> retryAt() {
        return Optional.ofNullable(retryAt);
    }
}
