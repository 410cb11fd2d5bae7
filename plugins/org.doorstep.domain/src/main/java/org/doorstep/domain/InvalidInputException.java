package org.doorstep.domain;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Input from outside (a catalogue, a form or a visit record file, an officer's change) that cannot be used.
 * It lists every problem found; {@link #getMessage()} names only paths and codes, because the details may be
 * applicant data, which must not reach logs. Show {@link #messages(Locale)} to people.
 */
public final class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid input has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }

    /** Every problem as a sentence in {@code locale}. */
    public List<String> messages(Locale locale) {
        Messages m = Messages.of(locale);
        return problems.stream().map(m::format).toList();
    }
}
