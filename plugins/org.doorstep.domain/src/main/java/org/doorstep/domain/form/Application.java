package org.doorstep.domain.form;

import java.util.List;

import org.doorstep.domain.Issue;

/**
 * One document asked for.
 *
 * @param type         the catalogue's type id, e.g. {@code hk-macau-permit}
 * @param issue        first issue, renewal, replacement or endorsement only
 * @param endorsements endorsements asked for on a permit
 * @param prior        the previous document, where the catalogue asks about it; else {@code null}
 */
public record Application(String type, Issue issue, List<EndorsementRequest> endorsements, PriorDocument prior) {

    public Application {
        endorsements = endorsements == null ? List.of() : List.copyOf(endorsements);
    }
}
