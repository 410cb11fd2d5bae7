package org.doorstep.domain.checklist;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.doorstep.domain.Issue;
import org.doorstep.domain.LocalizedText;
import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.domain.catalogue.DocumentFamily;
import org.doorstep.domain.catalogue.FeeKind;
import org.doorstep.domain.catalogue.Situation;
import org.doorstep.domain.catalogue.Waiver;

/**
 * The fees of a case: each application's document fee for its issue, each endorsement's fee for its
 * validity, and postage once per document family when documents are posted. Where waivers apply, the largest
 * counts (they are not added up). Zero fees (an endorsement-only application's document fee) are left out.
 */
final class Fees {

    private Fees() {
    }

    static FeeSummary of(Catalogue catalogue, List<AppliedFor> applications, Situation situation) {
        List<FeeLine> lines = new ArrayList<>();
        Set<String> families = new LinkedHashSet<>();
        for (AppliedFor a : applications) {
            families.add(a.type().family());
            Issue issue = a.issue().issue();
            add(lines, catalogue, FeeKind.DOCUMENT, a.index(), a.title(), a.issue().fee(), a.type().id(), issue, situation);
            for (EndorsementChoice e : a.endorsements()) {
                LocalizedText item = new LocalizedText(
                        a.type().name().zh() + " · " + e.endorsement().name().zh() + "签注（" + e.validity().name().zh() + "）",
                        a.type().name().en() + ": " + e.endorsement().name().en() + " endorsement ("
                                + e.validity().name().en().toLowerCase(java.util.Locale.ROOT) + ")");
                add(lines, catalogue, FeeKind.ENDORSEMENT, a.index(), item, e.validity().fee(), a.type().id(), issue,
                        situation);
            }
        }
        if (situation.postal()) {
            for (String id : families) {
                DocumentFamily f = catalogue.family(id).orElseThrow();
                LocalizedText item = new LocalizedText("邮寄费（" + f.name().zh() + "）", "Postage (" + f.name().en() + ")");
                add(lines, catalogue, FeeKind.POSTAGE, Reason.CASE, item, f.postage(), null, null, situation);
            }
        }
        BigDecimal total = lines.stream().map(FeeLine::due).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new FeeSummary(lines, total);
    }

    private static void add(List<FeeLine> lines, Catalogue catalogue, FeeKind kind, int application,
            LocalizedText item, BigDecimal amount, String type, Issue issue, Situation situation) {
        if (amount.signum() == 0) {
            return;
        }
        Optional<Waiver> waiver = catalogue.waivers().stream().filter(w -> w.applies(kind, type, issue, situation))
                .max(Comparator.comparingInt(Waiver::percent));
        BigDecimal due = waiver.map(w -> amount.multiply(BigDecimal.valueOf(100 - w.percent()))
                .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP).stripTrailingZeros()).orElse(amount);
        if (due.scale() < 0) {
            due = due.setScale(0);
        }
        lines.add(new FeeLine(kind, application, item, amount, waiver, due));
    }
}
