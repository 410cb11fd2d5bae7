package org.doorstep.cli;

import java.util.List;

/**
 * Ends a command with one line for support staff and the exit code that goes with it. Thrown only before
 * anything stored was changed, or by a change the vault itself rolled back.
 */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final transient List<String> details;

    CliException(int exitCode, String message) {
        this(exitCode, message, List.of());
    }

    private CliException(int exitCode, String message, List<String> details) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.details = List.copyOf(details);
    }

    /** Bad usage or bad input (exit 1). */
    static CliException badInput(String message) {
        return new CliException(VaultCli.EXIT_BAD_INPUT, message);
    }

    /**
     * Bad input with several problems: the message names the first, {@code details} lists every one for a
     * command that shows them on standard output ({@code checklist}).
     */
    static CliException badInput(String message, List<String> details) {
        return new CliException(VaultCli.EXIT_BAD_INPUT, message, details);
    }

    /** The vault refused the officer: wrong passphrase, back-off, lock-out (exit 2). */
    static CliException refused(String message) {
        return new CliException(VaultCli.EXIT_REFUSED, message);
    }

    /** The disk, the key file or the database failed (exit 4). */
    static CliException storage(String message) {
        return new CliException(VaultCli.EXIT_STORAGE, message);
    }

    int exitCode() {
        return exitCode;
    }

    /** Every problem, when there were several; else empty. */
    List<String> details() {
        return details;
    }
}
