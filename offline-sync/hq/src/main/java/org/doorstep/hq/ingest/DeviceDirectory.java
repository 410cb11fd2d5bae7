package org.doorstep.hq.ingest;

import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

import org.doorstep.sync.pki.CaStore;
import org.doorstep.sync.pki.CaStore.IssuedCertificate;
import org.doorstep.sync.pki.DeviceCa;

/**
 * Which devices HQ knows, from the device CA's records: a device's newest certificate, unless it is revoked or
 * expired. Ingest asks it for every chunk, so a revocation takes effect at the next message, whatever the broker
 * still lets through.
 */
public final class DeviceDirectory {

    /** What ingest may do with a device's packets. */
    public sealed interface Verdict {
    }

    public record Known(X509Certificate certificate) implements Verdict {
    }

    public record Unknown(String detail) implements Verdict {
    }

    public record Revoked(String detail) implements Verdict {
    }

    /** Bouncy Castle parses SM2 certificates too (the JDK's factory cannot read their keys). */
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private final CaStore store;
    private final Clock clock;

    public DeviceDirectory(CaStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Every certificate HQ issued to a device, revoked or not, oldest first: what signed proofs from it (a wipe
     * confirmation, which a revoked laptop may still bring) are checked against.
     */
    public List<X509Certificate> certificatesOf(String deviceId) {
        List<X509Certificate> all = new java.util.ArrayList<>();
        for (IssuedCertificate issued : store.certificatesOf(deviceId)) {
            try {
                all.add((X509Certificate) CertificateFactory.getInstance("X.509", BC)
                        .generateCertificate(new ByteArrayInputStream(issued.der())));
            } catch (CertificateException e) {
                // unreadable: verifies nothing
            }
        }
        return all;
    }

    public Verdict lookUp(String deviceId) {
        if (DeviceCa.isReservedName(deviceId)) {
            // HQ's own certificates (broker, workers, console, HQ's keys) are on record too, but none is a laptop's
            return new Unknown("'" + deviceId + "' is one of HQ's own names, not a laptop's");
        }
        List<IssuedCertificate> issued = store.certificatesOf(deviceId);
        if (issued.isEmpty()) {
            return new Unknown("device " + deviceId + " was never enrolled here");
        }
        IssuedCertificate newest = issued.get(issued.size() - 1);
        var revocation = store.revocation(newest.serial());
        if (revocation.isPresent()) {
            return new Revoked("device " + deviceId + "'s certificate was revoked at " + revocation.get().revokedAt()
                    + " (" + revocation.get().reason() + ")");
        }
        if (newest.notAfter().isBefore(clock.instant())) {
            return new Unknown("device " + deviceId + "'s certificate expired at " + newest.notAfter());
        }
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509", BC)
                    .generateCertificate(new ByteArrayInputStream(newest.der()));
            return new Known(certificate);
        } catch (CertificateException e) {
            return new Unknown("device " + deviceId + "'s certificate on record cannot be read: " + e.getMessage());
        }
    }
}
