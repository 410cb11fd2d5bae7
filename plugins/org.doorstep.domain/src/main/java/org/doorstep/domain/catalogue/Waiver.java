package org.doorstep.domain.catalogue;

import java.util.List;
import java.util.Set;

import org.doorstep.domain.Issue;
import org.doorstep.domain.LocalizedText;

/**
 * A reduction of a kind of fee when its conditions hold.
 *
 * @param percent how much of the fee is waived, 1–100
 * @param types   the document types it applies to (empty: all)
 * @param issues  the issues it applies to (empty: all; not for postage)
 * @param when    conditions, all of which must hold
 */
public record Waiver(String id, LocalizedText name, FeeKind fee, int percent, Set<String> types, Set<Issue> issues,
        List<Condition> when) {

    public Waiver {
        types = Set.copyOf(types);
        issues = Set.copyOf(issues);
        when = List.copyOf(when);
    }

    /** Whether it reduces a fee of kind {@code kind} for {@code type} and {@code issue} (both null for postage). */
    public boolean applies(FeeKind kind, String type, Issue issue, Situation situation) {
        return fee == kind
                && (types.isEmpty() || types.contains(type))
                && (issues.isEmpty() || issues.contains(issue))
                && when.stream().allMatch(c -> c.holds(situation, issue));
    }
}
