package org.doorstep.domain.catalogue;

import java.math.BigDecimal;

import org.doorstep.domain.LocalizedText;

/** How many journeys an endorsement allows, with its fee (一次有效 15 元). */
public record Validity(String id, LocalizedText name, BigDecimal fee) {
}
