package org.doorstep.domain.catalogue;

/** From {@code fromAge} (completed years) up to the next band, fingerprints are {@code requirement}. */
public record AgeBand(int fromAge, FingerprintRequirement requirement) {
}
