package org.doorstep.domain.visit;

import java.time.Instant;

import org.doorstep.domain.form.VisitBasis;

/**
 * The record of a home visit, so that HQ can trust it happened: who (the officer), when (arrival and
 * departure), where (the address, and the position when a GPS receiver is present), why (the reason and its
 * evidence, the same as the form's), and that the applicant was there (their signature, or a witness and a
 * photo). Fields are as recorded; {@link VisitValidator} judges them.
 *
 * @param end      {@code null} while the visit goes on
 * @param position {@code null} without a GPS receiver or fix
 */
public record VisitRecord(Officer officer, Instant start, Instant end, String address, GpsPosition position,
        VisitBasis why, Presence presence) {
}
