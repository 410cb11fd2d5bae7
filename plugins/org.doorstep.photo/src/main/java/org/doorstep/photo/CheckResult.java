package org.doorstep.photo;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import org.doorstep.photo.internal.Messages;

/**
 * The outcome of one check on one attempt.
 *
 * @param check   which check
 * @param passed  whether the photo meets the rule
 * @param score   how well, from 0 (far off) to 1 (fully met); used to choose the best attempt
 * @param reasons what was measured and, when it failed, what to do, in plain words (at least one)
 */
public record CheckResult(CheckId check, boolean passed, double score, List<Reason> reasons) {

    public CheckResult {
        Objects.requireNonNull(check, "check");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be within 0..1: " + score);
        }
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a check result needs a reason");
        }
    }

    public static CheckResult pass(CheckId check, double score, Reason... reasons) {
        return new CheckResult(check, true, score, List.of(reasons));
    }

    public static CheckResult fail(CheckId check, double score, Reason... reasons) {
        return new CheckResult(check, false, score, List.of(reasons));
    }

    /** The reasons as one text in {@code locale}. */
    public String reason(Locale locale) {
        return reasons.stream().map(r -> r.text(locale))
                .collect(Collectors.joining(Messages.format(locale, "separator")));
    }

    @Override
    public String toString() {
        return check + (passed ? " passed " : " FAILED ") + String.format(Locale.ROOT, "%.2f", score) + ": "
                + reason(Locale.ENGLISH);
    }
}
