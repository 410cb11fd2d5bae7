package org.doorstep.vault;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What this laptop needs to talk to HQ, as installed from HQ's enrolment bundle: its device id and certificate, the
 * CA that issued it (the trust anchor for the broker's TLS certificate and for HQ's certificates), HQ's encryption
 * certificate (packets are encrypted to it) and HQ's signing certificate (receipts and commands are signed with
 * it), and the broker's address. Certificates are DER; the sync service checks them before installing, the vault
 * checks that the device certificate is for this vault's device key.
 */
public record SyncEnrolment(String deviceId, byte[] deviceCertificate, byte[] caCertificate,
        byte[] hqEncryptionCertificate, byte[] hqSigningCertificate, URI broker, Instant installedAt) {

    /** Device ids are certificate CNs, broker user names and topic levels. */
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_CERTIFICATE = 16 * 1024;

    public SyncEnrolment {
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
            throw new IllegalArgumentException("a device id is 1-64 letters, digits, '.', '_' or '-': " + deviceId);
        }
        deviceCertificate = certificate("device certificate", deviceCertificate);
        caCertificate = certificate("CA certificate", caCertificate);
        hqEncryptionCertificate = certificate("HQ encryption certificate", hqEncryptionCertificate);
        hqSigningCertificate = certificate("HQ signing certificate", hqSigningCertificate);
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(installedAt, "installedAt");
    }

    private static byte[] certificate(String what, byte[] der) {
        if (der == null || der.length == 0 || der.length > MAX_CERTIFICATE) {
            throw new IllegalArgumentException("the " + what + " must be 1 to " + MAX_CERTIFICATE + " bytes of DER");
        }
        return der.clone();
    }

    @Override
    public byte[] deviceCertificate() {
        return deviceCertificate.clone();
    }

    @Override
    public byte[] caCertificate() {
        return caCertificate.clone();
    }

    @Override
    public byte[] hqEncryptionCertificate() {
        return hqEncryptionCertificate.clone();
    }

    @Override
    public byte[] hqSigningCertificate() {
        return hqSigningCertificate.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyncEnrolment e && deviceId.equals(e.deviceId)
                && Arrays.equals(deviceCertificate, e.deviceCertificate) && Arrays.equals(caCertificate, e.caCertificate)
                && Arrays.equals(hqEncryptionCertificate, e.hqEncryptionCertificate)
                && Arrays.equals(hqSigningCertificate, e.hqSigningCertificate) && broker.equals(e.broker)
                && installedAt.equals(e.installedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, Arrays.hashCode(deviceCertificate), broker, installedAt);
    }

    @Override
    public String toString() {
        return "SyncEnrolment[" + deviceId + ", broker " + broker + ", installed " + installedAt + "]";
    }
}
