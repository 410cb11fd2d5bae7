package org.doorstep.group;

import java.util.List;
import java.util.Locale;

/** What the officer entered or asked cannot be done; nothing was changed. {@link #messages} says why. */
public final class GroupInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<GroupProblem> problems;

    public GroupInputException(List<GroupProblem> problems) {
        super(problems.toString());
        this.problems = List.copyOf(problems);
    }

    public GroupInputException(GroupProblem problem) {
        this(List.of(problem));
    }

    public List<GroupProblem> problems() {
        return problems;
    }

    public List<String> messages(Locale locale) {
        return problems.stream().map(p -> p.message(locale)).toList();
    }
}
