package org.doorstep.cli;

/**
 * Ends a command with one line for support staff and the exit code that goes with it. Thrown only before
 * anything stored was changed, or by a change the vault itself rolled back.
 */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** Bad usage or bad input (exit 1). */
    static CliException badInput(String message) {
        return new CliException(VaultCli.EXIT_BAD_INPUT, message);
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
}
