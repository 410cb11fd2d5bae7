package org.doorstep.domain.catalogue;

/**
 * Deadlines for materials accepted pending: {@code defaultDays} unless the material says otherwise; an
 * officer may set any deadline from the day after the visit up to {@code maxDays} after it.
 */
public record PendingPolicy(int defaultDays, int maxDays) {
}
