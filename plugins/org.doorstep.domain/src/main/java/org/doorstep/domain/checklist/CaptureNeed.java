package org.doorstep.domain.checklist;

import java.util.List;

import org.doorstep.domain.catalogue.DocumentFamily;
import org.doorstep.domain.catalogue.Finger;
import org.doorstep.domain.catalogue.FingerprintRequirement;

/**
 * What the capture must produce for one document family of the case: a photo to the family's standard
 * and fingerprints as the strictest of its applications requires at the applicant's age.
 *
 * @param types        the ids of the case's document types of this family
 * @param fingerprints required, optional or not taken
 * @param fingers      how many prints to keep
 * @param order        the order of fingers to try
 */
public record CaptureNeed(DocumentFamily family, List<String> types, FingerprintRequirement fingerprints, int fingers,
        List<Finger> order) {

    public CaptureNeed {
        types = List.copyOf(types);
        order = List.copyOf(order);
    }
}
