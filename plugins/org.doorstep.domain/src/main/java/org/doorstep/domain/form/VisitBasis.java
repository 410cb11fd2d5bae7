package org.doorstep.domain.form;

import org.doorstep.domain.VisitReason;

/**
 * Why the officer comes to the applicant, and the scan that proves it (a disability certificate, a
 * hospital's diagnosis, the company's letter); not needed for {@link VisitReason#AGED_60_PLUS}, which the
 * identity number proves.
 *
 * @param evidence the case item (vault slot) holding the proof, e.g. {@code scan.disability}
 */
public record VisitBasis(VisitReason reason, String evidence) {
}
