package org.doorstep.cli;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options of one command, parsed by hand: {@code --name value}, {@code --name=value}, flags, and
 * positional arguments; {@code --} ends the options. Anything the command does not know is an error, so a
 * mistyped option is never silently ignored.
 */
final class Options {

    private final String command;
    private final Map<String, String> values = new HashMap<>();
    private final List<String> positionals = new ArrayList<>();

    private Options(String command) {
        this.command = command;
    }

    /**
     * @param valued         option names (without {@code --}) that take a value
     * @param flags          option names that take none
     * @param maxPositionals how many plain arguments the command takes
     */
    static Options parse(String command, List<String> args, Set<String> valued, Set<String> flags, int maxPositionals) {
        Options o = new Options(command);
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                o.positionals.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw o.usage("unknown option " + arg);
            }
            int eq = arg.indexOf('=');
            String name = arg.substring(2, eq < 0 ? arg.length() : eq);
            String value;
            if (flags.contains(name)) {
                if (eq >= 0) {
                    throw o.usage("--" + name + " takes no value");
                }
                value = "";
            } else if (valued.contains(name)) {
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    value = args.get(++i);
                } else {
                    throw o.usage("--" + name + " needs a value");
                }
            } else {
                throw o.usage("unknown option --" + name);
            }
            if (o.values.putIfAbsent(name, value) != null) {
                throw o.usage("--" + name + " is given twice");
            }
        }
        if (o.positionals.size() > maxPositionals) {
            throw o.usage("unexpected argument '" + o.positionals.get(maxPositionals) + "'");
        }
        return o;
    }

    /** The value of a required option. */
    String required(String name, String placeholder) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw usage("--" + name + " " + placeholder + " is required");
        }
        return value;
    }

    /** The value of an optional option, or {@code null}. */
    String optional(String name) {
        return values.get(name);
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    /** The language of {@code --lang}: English (the default) or Simplified Chinese. */
    Locale language() {
        String lang = values.get("lang");
        if (lang == null || lang.equals("en")) {
            return Locale.ENGLISH;
        }
        if (lang.equals("zh_CN") || lang.equals("zh")) {
            return Locale.SIMPLIFIED_CHINESE;
        }
        throw usage("--lang must be en or zh_CN");
    }

    /** A date option, {@code 2026-11-20}, or {@code fallback} when it is not given. */
    LocalDate date(String name, LocalDate fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw usage("--" + name + " must be a date like 2026-11-20, not '" + value + "'");
        }
    }

    /** The one positional argument the command needs. */
    String positional(String placeholder) {
        if (positionals.isEmpty()) {
            throw usage(placeholder + " is missing");
        }
        return positionals.get(0);
    }

    CliException usage(String problem) {
        return CliException.badInput(command + ": " + problem + " (see 'doorstep-cli " + command + " --help')");
    }
}
