package org.doorstep.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.time.Clock;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.doorstep.vault.VaultException;
import org.doorstep.vault.keys.VaultFileException;
import org.doorstep.vault.keys.VaultPolicy;

/**
 * The headless command line over the vault, for support staff and automation: {@code setup}, {@code enrol},
 * {@code import}, {@code list}, {@code verify}, {@code status}, {@code wipe}; and without the vault, over the
 * domain and capture engines: {@code id-check}, {@code checklist}, {@code photo-check}, {@code finger-score}.
 * See {@link Usage} or {@code doorstep-cli --help}.
 *
 * <p>Every failure ends with exactly one line on standard error, starting with {@code "doorstep: "}, and an
 * exit code that says what kind of failure it was; nothing stored is changed by a failed command.
 */
public final class VaultCli {

    static final int EXIT_OK = 0;
    static final int EXIT_BAD_INPUT = 1;
    static final int EXIT_REFUSED = 2;
    static final int EXIT_AUDIT_BROKEN = 3;
    static final int EXIT_STORAGE = 4;
    static final int EXIT_INTERNAL = 5;

    /** Set to anything to keep the vault's and Derby's own log lines on standard error. */
    static final String DEBUG_ENV = "DOORSTEP_DEBUG";

    /** Held so that the level set in {@link #main} is not lost when the logger is garbage collected. */
    private static final Logger VAULT_LOG = Logger.getLogger("org.doorstep.vault");
    /** Derby's own log lines arrive through this logger (see org.doorstep.derby.DerbyLog). */
    private static final Logger DERBY_LOG = Logger.getLogger("org.doorstep.derby");

    private VaultCli() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        // SourceAFIS brings the SLF4J API without a logger; its notice about that would break the one-line contract
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        if (System.getenv(DEBUG_ENV) == null) {
            // log lines of the vault and of Derby would break the one-line error contract
            VAULT_LOG.setLevel(Level.OFF);
            DERBY_LOG.setLevel(Level.OFF);
        }
        System.exit(run(args, System.in, System.out, System.err, System.getenv()));
    }

    /**
     * Runs one command. Standard input is read for passphrases only; when it is the process's own and a
     * terminal, passphrases are asked for on the terminal without echo instead.
     *
     * @return the exit code
     */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, stdin, out, err, env, VaultPolicy.DEFAULT, Clock.systemDefaultZone(),
                stdin == System.in ? terminal() : null);
    }

    /**
     * For tests: a cheaper unlock policy (Argon2 cost, lock-out), the laptop's clock (its zone decides which
     * day a visit was on), never a terminal.
     */
    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err, Map<String, String> env,
            VaultPolicy policy, Clock clock) {
        return run(args, stdin, out, err, env, policy, clock, null);
    }

    private static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err, Map<String, String> env,
            VaultPolicy policy, Clock clock, Console console) {
        List<String> all = Arrays.asList(args);
        if (all.isEmpty()) {
            return fail(err, EXIT_BAD_INPUT, "no command given (see 'doorstep-cli --help')");
        }
        String command = all.get(0);
        List<String> rest = all.subList(1, all.size());
        if (List.of("--help", "-h", "help").contains(command)) {
            out.print(Usage.OVERVIEW);
            return EXIT_OK;
        }
        if (Usage.of(command) == null) {
            return fail(err, EXIT_BAD_INPUT, "unknown command '" + command
                    + "' (commands: setup, enrol, import, list, verify, status, wipe, id-check, checklist, photo-check,"
                    + " finger-score;"
                    + " see 'doorstep-cli --help')");
        }
        if (rest.contains("--help") || rest.contains("-h")) {
            out.print(Usage.of(command));
            return EXIT_OK;
        }
        Commands commands = new Commands(env, new Passphrases(env, stdin, console), out, policy, clock);
        try {
            return switch (command) {
                case "setup" -> commands.setup(rest);
                case "enrol" -> commands.enrol(rest);
                case "import" -> commands.importCase(rest);
                case "list" -> commands.list(rest);
                case "verify" -> commands.verify(rest);
                case "status" -> commands.status(rest);
                case "wipe" -> commands.wipe(rest);
                case "sync-enrol" -> commands.syncEnrol(rest);
                case "seal" -> commands.seal(rest);
                case "sync" -> commands.sync(rest);
                case "export" -> commands.export(rest);
                case "receipts" -> commands.receipts(rest);
                case "id-check" -> new DomainCommands(out, clock).idCheck(rest);
                case "checklist" -> new DomainCommands(out, clock).checklist(rest);
                case "photo-check" -> new CaptureCommands(out).photoCheck(rest);
                case "finger-score" -> new CaptureCommands(out).fingerScore(rest);
                default -> throw new IllegalStateException("no code for command " + command);
            };
        } catch (CliException e) {
            return fail(err, e.exitCode(), e.getMessage());
        } catch (VaultException.Storage e) {
            return fail(err, EXIT_STORAGE, e.getMessage());
        } catch (VaultException | IllegalArgumentException e) {
            return fail(err, EXIT_BAD_INPUT, e.getMessage());
        } catch (VaultFileException e) {
            return fail(err, EXIT_STORAGE, "the vault's key file is damaged and was left as it is: " + e.getMessage());
        } catch (org.doorstep.sync.vault.SyncRefusedException e) {
            // not enrolled, revoked, nothing to export: a refusal, not a storage failure
            return fail(err, EXIT_REFUSED, e.getMessage());
        } catch (IOException e) {
            return fail(err, EXIT_STORAGE, describe(e));
        } catch (UncheckedIOException e) {
            return fail(err, EXIT_STORAGE, describe(e.getCause()));
        } catch (RuntimeException e) {
            return fail(err, EXIT_INTERNAL, "internal error, please report it: " + e);
        } catch (NoClassDefFoundError e) {
            // the product ships the command line before every engine it can drive (see doorstep-cli.sh)
            return fail(err, EXIT_INTERNAL, "'" + command + "' needs " + missingPart(e) + ", which this installation"
                    + " does not include; please report it");
        }
    }

    /** The package of the missing class: {@code org/doorstep/photo/PhotoChecker} → {@code org.doorstep.photo}. */
    static String missingPart(NoClassDefFoundError e) {
        String name = String.valueOf(e.getMessage()).replace('/', '.');
        int last = name.lastIndexOf('.');
        return last < 0 ? name : name.substring(0, last);
    }

    private static int fail(PrintStream err, int code, String message) {
        String text = message == null ? "no details" : message.replaceAll("\\s*\\R\\s*", " ").strip();
        err.println("doorstep: " + text);
        err.flush();
        return code;
    }

    /** File-system errors name only the path; say what happened to it. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException f) {
            return "no such file or folder: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + ": " + f.getFile();
        }
        return "storage error: " + e.getMessage();
    }

    /**
     * The terminal, when standard input is one. Before Java 22 {@link System#console()} is {@code null} when
     * not on a terminal; since then it must be asked ({@code Console.isTerminal()}, not in Java 21's API).
     */
    private static Console terminal() {
        Console console = System.console();
        if (console == null) {
            return null;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console)) ? console : null;
        } catch (NoSuchMethodException e) {
            return console;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
