package org.doorstep.domain.catalogue;

import java.math.BigDecimal;

import org.doorstep.domain.LocalizedText;

/**
 * Documents made by the same authority to the same photo standard: exit-entry documents (passport and
 * permits) and identity cards. Their documents travel together, so postage is charged per family.
 *
 * @param id           e.g. {@code exit-entry}
 * @param name         e.g. 出入境证件
 * @param authority    who accepts and issues them, for the notice
 * @param photo        the photo standard
 * @param fingerprints fingerprints, unless a type overrides them
 * @param postage      postal delivery of this family's documents, CNY
 */
public record DocumentFamily(String id, LocalizedText name, LocalizedText authority, PhotoSpec photo,
        FingerprintPolicy fingerprints, BigDecimal postage) {
}
