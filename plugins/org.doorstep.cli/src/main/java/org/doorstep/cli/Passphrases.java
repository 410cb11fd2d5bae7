package org.doorstep.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where the command line gets passphrases from, in this order: an environment variable (automation), the
 * terminal without echo (a person at the keyboard), or the next line of standard input (pipes, UTF-8).
 * Passphrases are never printed, and no message repeats one.
 */
final class Passphrases {

    /** The passphrase of the officer who unlocks (or, for {@code setup}, of the first officer). */
    static final String ENV = "DOORSTEP_PASSPHRASE";
    /** The passphrase chosen for the officer being enrolled. */
    static final String ENV_NEW = "DOORSTEP_NEW_PASSPHRASE";

    private final Map<String, String> env;
    private final InputStream stdin;
    private final Console console;
    private BufferedReader lines;

    /** @param console the terminal to prompt on, or {@code null} when standard input is not a terminal */
    Passphrases(Map<String, String> env, InputStream stdin, Console console) {
        this.env = env;
        this.stdin = stdin;
        this.console = console;
    }

    /** The passphrase of an enrolled officer, to unlock with; refused before any attempt when empty. */
    char[] toUnlock(String officerId) {
        char[] passphrase = next(ENV, "Passphrase of officer " + officerId + ": ",
                "no passphrase for officer " + officerId + ": set " + ENV + " or give it as the first line of standard input");
        if (passphrase.length == 0) {
            throw CliException.badInput("the passphrase for officer " + officerId + " is empty; nothing was tried");
        }
        return passphrase;
    }

    /**
     * A new passphrase and its repetition. From {@code envVar} it is taken once and counts as typed twice;
     * otherwise two prompts, or the next two lines of standard input.
     */
    char[][] toChoose(String envVar, String officerId) {
        String fromEnv = env.get(envVar);
        if (fromEnv != null) {
            return new char[][] { fromEnv.toCharArray(), fromEnv.toCharArray() };
        }
        char[] first = next(null, "New passphrase for officer " + officerId + ": ", "no new passphrase for officer "
                + officerId + ": set " + envVar + " or give it on standard input, one line and then its repetition");
        char[] again = next(null, "The same passphrase again: ", "standard input ended before the repetition of the "
                + "new passphrase for officer " + officerId + " (give it twice, on two lines)");
        return new char[][] { first, again };
    }

    private char[] next(String envVar, String prompt, String whenMissing) {
        if (envVar != null && env.get(envVar) != null) {
            return env.get(envVar).toCharArray();
        }
        if (console != null) {
            char[] typed = console.readPassword("%s", prompt);
            if (typed == null) {
                throw CliException.badInput(whenMissing);
            }
            return typed;
        }
        try {
            if (lines == null) {
                lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            }
            String line = lines.readLine();
            if (line == null) {
                throw CliException.badInput(whenMissing);
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw CliException.badInput("cannot read standard input: " + e.getMessage());
        }
    }
}
