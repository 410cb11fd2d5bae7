package org.doorstep.hq.admin;

import java.util.Locale;

/** Where a laptop stands for HQ, as the device board shows it. */
public enum DeviceState {
    /** A one-time enrolment code is open for it; no certificate yet. */
    ENROLLING,
    /** Enrolled, not revoked. */
    ACTIVE,
    /** Its certificate is revoked: ingest refuses its packets, the broker its connections. */
    REVOKED,
    /** A remote wipe was sent; the laptop has not confirmed it yet. */
    WIPE_PENDING,
    /** The laptop confirmed the wipe with a confirmation signed by its device key. */
    WIPED;

    /** {@code enrolling}, {@code active}, {@code revoked}, {@code wipe-pending}, {@code wiped}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
