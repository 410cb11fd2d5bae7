package org.doorstep.cli;

import java.util.Locale;

import org.doorstep.domain.Messages;
import org.doorstep.domain.Problem;
import org.doorstep.field.ProblemText;

/**
 * The domain's sentences for problems, placed in the command line's terms. The domain reports a problem at
 * a path inside the value it judged ({@code $.applicant.idNumber} of a form); the command line names the
 * path inside the case file ({@code $.form.applicant.idNumber}) and keeps the domain's sentence, which
 * starts with the field's label.
 */
final class DomainText {

    private DomainText() {
    }

    /** "$.form.applicant.idNumber: Applicant's identity number: the check character does not match; …" */
    static String at(String base, Problem problem, Locale locale) {
        String path = base + problem.path().substring(1);
        String sentence = Messages.of(locale).format(problem);
        // without a label of its own the sentence starts with the domain's path, which would say it twice
        String label = Messages.of(locale).label(problem.path());
        return path + ": " + (label.equals(problem.path()) ? withoutLabel(sentence, label) : sentence);
    }

    /**
     * The sentence without the label it starts with: for problems whose label would mislead where they are
     * shown ("Checklist item 3" for an entry of the case file's {@code pending} list) or say nothing ({@code $}).
     */
    static String withoutLabel(Problem problem, Locale locale) {
        return ProblemText.withoutLabel(problem, locale);
    }

    private static String withoutLabel(String sentence, String label) {
        return ProblemText.withoutLabel(sentence, label);
    }

    /** "(and 2 more problems)" after the first of several. */
    static String more(int others) {
        return others == 0 ? "" : " (and " + others + (others == 1 ? " more problem" : " more problems") + ")";
    }
}
