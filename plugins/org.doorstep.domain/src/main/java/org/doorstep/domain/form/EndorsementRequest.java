package org.doorstep.domain.form;

/**
 * An endorsement asked for on a permit, by the catalogue's ids.
 *
 * @param id       e.g. {@code family-visit}
 * @param validity e.g. {@code single}
 */
public record EndorsementRequest(String id, String validity) {
}
