package org.doorstep.domain.catalogue;

import java.util.List;
import java.util.Optional;

import org.doorstep.domain.LocalizedText;

/**
 * An endorsement (签注) on a travel permit: a purpose of travel, the validities offered and the materials it
 * needs beyond the permit's own.
 *
 * @param id           e.g. {@code family-visit}
 * @param code         the letter printed on the permit (T for family visits), if known
 * @param requirements materials needed for this endorsement
 */
public record Endorsement(String id, LocalizedText name, Optional<String> code, List<Validity> validities,
        List<Requirement> requirements) {

    public Endorsement {
        validities = List.copyOf(validities);
        requirements = List.copyOf(requirements);
    }

    public Optional<Validity> validity(String validityId) {
        return validities.stream().filter(v -> v.id().equals(validityId)).findFirst();
    }
}
