package org.doorstep.domain.checklist;

import org.doorstep.domain.catalogue.Endorsement;
import org.doorstep.domain.catalogue.Validity;

/** An endorsement asked for, resolved in the catalogue. */
public record EndorsementChoice(Endorsement endorsement, Validity validity) {
}
