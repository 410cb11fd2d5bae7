package org.doorstep.field;

import java.util.Locale;

import org.doorstep.domain.Messages;
import org.doorstep.domain.Problem;

/**
 * The domain's sentence for a problem without the field label it starts with, for where that label would mislead
 * ("Checklist item 3" shown beside a checklist item the officer chose) or say nothing ({@code $}). Shared by the
 * guided case and the command line.
 */
public final class ProblemText {

    private ProblemText() {
    }

    public static String withoutLabel(Problem problem, Locale locale) {
        Messages m = Messages.of(locale);
        return withoutLabel(m.format(problem), m.label(problem.path()));
    }

    /** {@code sentence} without {@code label} and the colon after it, if it starts with them. */
    public static String withoutLabel(String sentence, String label) {
        if (!sentence.startsWith(label)) {
            return sentence;
        }
        String rest = sentence.substring(label.length());
        if (rest.startsWith(":") || rest.startsWith("：")) {
            return rest.substring(1).strip();
        }
        return sentence;
    }
}
