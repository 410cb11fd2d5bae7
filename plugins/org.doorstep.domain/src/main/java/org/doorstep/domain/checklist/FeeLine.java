package org.doorstep.domain.checklist;

import java.math.BigDecimal;
import java.util.Optional;

import org.doorstep.domain.LocalizedText;
import org.doorstep.domain.catalogue.FeeKind;
import org.doorstep.domain.catalogue.Waiver;

/**
 * One fee of a case, in CNY: what for, the catalogue's amount, the waiver applied (the largest, if several
 * apply) and what is due.
 *
 * @param application the application's index, {@link Reason#CASE} for postage
 */
public record FeeLine(FeeKind kind, int application, LocalizedText item, BigDecimal amount, Optional<Waiver> waiver,
        BigDecimal due) {
}
