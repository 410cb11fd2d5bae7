package org.doorstep.domain.checklist;

import java.util.List;

import org.doorstep.domain.LocalizedText;
import org.doorstep.domain.catalogue.ApplicationType;
import org.doorstep.domain.catalogue.IssueRule;

/**
 * An application of the form resolved in the catalogue: its type, issue and endorsements. Applications the
 * catalogue cannot resolve (unknown type or issue) are left out; the form validator reports them.
 *
 * @param index       the application's index in the form
 * @param priorNumber the previous document's number, or {@code null}
 */
public record AppliedFor(int index, ApplicationType type, IssueRule issue, List<EndorsementChoice> endorsements,
        String priorNumber) {

    public AppliedFor {
        endorsements = List.copyOf(endorsements);
    }

    /** "普通护照（首次申请）" / "Ordinary passport (first issue)". */
    public LocalizedText title() {
        return new LocalizedText(type.name().zh() + "（" + issue.name().zh() + "）",
                type.name().en() + " (" + issue.name().en().toLowerCase(java.util.Locale.ROOT) + ")");
    }
}
