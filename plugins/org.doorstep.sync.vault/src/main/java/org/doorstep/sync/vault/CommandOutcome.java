package org.doorstep.sync.vault;

import java.util.Optional;

import org.doorstep.sync.command.Command;

/**
 * What became of one command from HQ: carried out, or refused with a reason to record and report. A refused command
 * changed nothing stored (its refusal is in the audit trail).
 */
public sealed interface CommandOutcome {

    /** Why a command was refused. */
    enum Reason {
        /** Not a {@code doorstep-command/1} message. */
        MALFORMED,
        /** Not signed by HQ's signing key, or altered. */
        FORGED,
        /** Meant for another laptop. */
        OTHER_DEVICE,
        /** Its number is at or below the last carried out. */
        REPLAYED,
        EXPIRED,
        /** Issued later than this laptop's clock allows (check the clock). */
        NOT_YET_VALID,
        /** This laptop has no enrolment, so it knows no HQ key to check commands with. */
        NOT_ENROLLED,
        /** Signed and in order, but its body breaks the form of its type. */
        BAD_BODY,
        /** Well formed but not applicable here: a status for a case this laptop did not deliver, an older catalogue. */
        NOT_APPLICABLE
    }

    /** One line for a log or a terminal: the command's number and type and what became of it, never its body. */
    String describe();

    /** @param summary what was done, for the status line and the log (no personal data) */
    record CarriedOut(Command command, String summary) implements CommandOutcome {
        @Override
        public String describe() {
            return "command " + command.sequence() + " (" + command.type() + ") carried out: " + summary;
        }
    }

    /** @param command the command, when its signature and number checked out */
    record Refused(Reason reason, String message, Optional<Command> command) implements CommandOutcome {
        @Override
        public String describe() {
            return command.map(c -> "command " + c.sequence() + " (" + c.type() + ")").orElse("a command")
                    + " refused (" + reason + "): " + message;
        }
    }
}
