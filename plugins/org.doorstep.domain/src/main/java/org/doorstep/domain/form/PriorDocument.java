package org.doorstep.domain.form;

/**
 * The applicant's previous document of the type applied for (to surrender, lost, or holding the
 * endorsement), as far as the catalogue asks about it.
 *
 * @param number its number, if known
 */
public record PriorDocument(String number) {
}
