package org.doorstep.domain.catalogue;

import java.util.List;
import java.util.Optional;

import org.doorstep.domain.Issue;

/**
 * A material needed at a level when all its conditions hold.
 *
 * @param material   the material's id
 * @param level      core or secondary
 * @param when       conditions, all of which must hold (none: always)
 * @param evidenceOf for case-level requirements: the form part whose evidence reference is this material's scan
 */
public record Requirement(String material, Level level, List<Condition> when, Optional<EvidenceOf> evidenceOf) {

    public Requirement {
        when = List.copyOf(when);
    }

    /** Whether every condition holds for {@code situation} (and {@code issue}, where an application is in view). */
    public boolean applies(Situation situation, Issue issue) {
        return when.stream().allMatch(c -> c.holds(situation, issue));
    }
}
