package org.doorstep.domain.catalogue;

import java.util.List;

/**
 * Fingerprints a document needs: how many, in which order of fingers to try (the next finger when one
 * cannot give a usable print), and from which age they are required, optional or not taken.
 *
 * @param fingers how many prints are kept
 * @param order   fingers in the order they are tried
 * @param bands   ascending by age, the first from 0
 */
public record FingerprintPolicy(int fingers, List<Finger> order, List<AgeBand> bands) {

    public FingerprintPolicy {
        order = List.copyOf(order);
        bands = List.copyOf(bands);
        if (bands.isEmpty() || bands.get(0).fromAge() != 0) {
            throw new IllegalArgumentException("the first age band starts at 0");
        }
    }

    /** What applies to an applicant of {@code age} completed years. */
    public FingerprintRequirement requirementAt(int age) {
        FingerprintRequirement r = bands.get(0).requirement();
        for (AgeBand b : bands) {
            if (age >= b.fromAge()) {
                r = b.requirement();
            }
        }
        return r;
    }
}
