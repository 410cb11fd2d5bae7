package org.doorstep.group;

import java.util.Locale;

/** The roster file as a whole cannot be used (damaged, too large, not a roster); nothing was imported. */
public final class RosterFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient GroupProblem problem;

    public RosterFileException(GroupProblem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    public RosterFileException(GroupProblem.Code code, String... args) {
        this(GroupProblem.of(0, "file", code, args));
    }

    public GroupProblem problem() {
        return problem;
    }

    public String message(Locale locale) {
        return problem.message(locale);
    }
}
