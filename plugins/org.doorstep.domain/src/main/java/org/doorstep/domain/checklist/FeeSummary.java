package org.doorstep.domain.checklist;

import java.math.BigDecimal;
import java.util.List;

/** Every fee of a case with the waivers applied, and the total due. */
public record FeeSummary(List<FeeLine> lines, BigDecimal total) {

    public FeeSummary {
        lines = List.copyOf(lines);
    }

    /** What the waivers saved. */
    public BigDecimal waived() {
        return lines.stream().map(l -> l.amount().subtract(l.due())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
