package org.doorstep.domain.visit;

import java.time.Instant;

/**
 * Where a GPS receiver put the laptop, and when; {@link VisitValidator} checks the ranges.
 *
 * @param latitude       degrees, WGS 84 (as receivers report it, not the GCJ-02 of Chinese web maps)
 * @param longitude      degrees, WGS 84
 * @param accuracyMetres the receiver's horizontal accuracy estimate
 * @param fixedAt        when the fix was taken
 */
public record GpsPosition(double latitude, double longitude, double accuracyMetres, Instant fixedAt) {
}
