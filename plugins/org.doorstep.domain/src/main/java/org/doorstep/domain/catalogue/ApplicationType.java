package org.doorstep.domain.catalogue;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.doorstep.domain.Issue;
import org.doorstep.domain.LocalizedText;

/**
 * A document an applicant can apply for.
 *
 * @param id            e.g. {@code hk-macau-permit}
 * @param family        the family's id
 * @param issues        the issues offered, each with its fee
 * @param requirements  materials, by condition (issue conditions allowed)
 * @param endorsements  endorsements offered (permits only)
 * @param fingerprints  fingerprints if different from the family's (the temporary ID card takes none)
 * @param numberPattern what the document's number looks like (a regular expression), for the previous document
 */
public record ApplicationType(String id, LocalizedText name, String family, List<IssueRule> issues,
        List<Requirement> requirements, List<Endorsement> endorsements, Optional<FingerprintPolicy> fingerprints,
        Optional<String> numberPattern) {

    public ApplicationType {
        issues = List.copyOf(issues);
        requirements = List.copyOf(requirements);
        endorsements = List.copyOf(endorsements);
    }

    public Optional<IssueRule> issue(Issue issue) {
        return issues.stream().filter(r -> r.issue() == issue).findFirst();
    }

    /** Whether {@code number} has the shape of this type's document numbers (any, if the catalogue says nothing). */
    public boolean isDocumentNumber(String number) {
        return numberPattern.map(p -> Pattern.matches(p, number)).orElse(true);
    }

    public Optional<Endorsement> endorsement(String endorsementId) {
        return endorsements.stream().filter(e -> e.id().equals(endorsementId)).findFirst();
    }
}
