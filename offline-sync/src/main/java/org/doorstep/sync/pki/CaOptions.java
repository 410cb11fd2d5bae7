package org.doorstep.sync.pki;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What an HQ administrator sets for the device CA.
 *
 * @param crlDistributionPoint where HQ publishes the CRL; written into every certificate
 * @param codeValidity how long an enrolment code stays open (default 72 hours)
 * @param certificateValidity lifetime of a device certificate (default 730 days)
 * @param crlValidity time from one CRL to its next-update (default 7 days); HQ must publish a new one before it
 * @param caValidity lifetime of a new root (default 10 years)
 * @param clockSkew how far before issue a certificate's not-before is set, for laptops whose clocks run behind
 *        (default 1 hour)
 */
public record CaOptions(URI crlDistributionPoint, Duration codeValidity, Duration certificateValidity,
        Duration crlValidity, Duration caValidity, Duration clockSkew) {

    public CaOptions {
        Objects.requireNonNull(crlDistributionPoint, "crlDistributionPoint");
        for (Duration d : new Duration[] {codeValidity, certificateValidity, crlValidity, caValidity}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("CA durations must be positive");
            }
        }
        if (clockSkew == null || clockSkew.isNegative()) {
            throw new IllegalArgumentException("clock skew must not be negative");
        }
    }

    public static CaOptions defaults(URI crlDistributionPoint) {
        return new CaOptions(crlDistributionPoint, Duration.ofHours(72), Duration.ofDays(730), Duration.ofDays(7),
                Duration.ofDays(3652), Duration.ofHours(1));
    }
}
