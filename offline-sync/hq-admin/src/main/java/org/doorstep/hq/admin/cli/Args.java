package org.doorstep.hq.admin.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.doorstep.hq.admin.AdminException;

/** One command's arguments: positional ones and {@code --name value} options, checked against what it takes. */
final class Args {

    final String command;
    final List<String> positional = new ArrayList<>();
    private final Map<String, List<String>> options = new LinkedHashMap<>();

    private Args(String command) {
        this.command = command;
    }

    /**
     * @param valued options that take a value
     * @param flags  options without a value
     * @param repeatable valued options that may be given more than once
     */
    static Args parse(String command, List<String> args, Set<String> valued, Set<String> flags, Set<String> repeatable)
            throws AdminException {
        Args a = new Args(command);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                if (flags.contains(arg)) {
                    if (a.options.containsKey(arg)) {
                        throw input(arg + " is given twice");
                    }
                    a.options.put(arg, List.of());
                    continue;
                }
                if (!valued.contains(arg)) {
                    throw input("unknown option " + arg + " for " + command + " (try --help)");
                }
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw input(arg + " needs a value");
                }
                if (a.options.containsKey(arg) && !repeatable.contains(arg)) {
                    throw input(arg + " is given twice");
                }
                a.options.computeIfAbsent(arg, k -> new ArrayList<>()).add(args.get(++i));
            } else {
                a.positional.add(arg);
            }
        }
        return a;
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    Optional<String> one(String name) {
        List<String> v = options.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    String required(String name) throws AdminException {
        return one(name).orElseThrow(() -> input(command + " needs " + name));
    }

    List<String> many(String name) {
        return options.getOrDefault(name, List.of());
    }

    /** Exactly {@code n} positional arguments, named in {@code what} for the message. */
    void positional(int n, String what) throws AdminException {
        if (positional.size() != n) {
            throw input(command + " takes " + (n == 0 ? "no argument besides its options" : what)
                    + (positional.size() > n ? "; unexpected " + positional.get(n) : ""));
        }
    }

    static AdminException input(String message) {
        return new AdminException(AdminException.Kind.INPUT, message);
    }
}
