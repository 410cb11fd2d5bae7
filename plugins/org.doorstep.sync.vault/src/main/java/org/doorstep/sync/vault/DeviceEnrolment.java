package org.doorstep.sync.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

import org.doorstep.sync.pki.EnrolmentBundle;
import org.doorstep.sync.pki.EnrolmentBundleException;
import org.doorstep.sync.pki.EnrolmentCode;
import org.doorstep.sync.pki.EnrolmentRequest;
import org.doorstep.sync.pki.PkiSuite;
import org.doorstep.vault.SyncEnrolment;
import org.doorstep.vault.Vault;
import org.doorstep.vault.VaultException;

/**
 * The laptop's half of device enrolment. {@link #request} makes the certificate request (PKCS#10) from the vault's
 * device key with the one-time code HQ gave the officer; {@link #install} takes HQ's {@link EnrolmentBundle} back
 * and installs it only if it is this laptop's: the device certificate holds the vault's device key, names the device
 * id that was requested, and chains, like HQ's two certificates, to the bundle's CA. On a laptop that is enrolled
 * already the CA must be the one installed before, so that a bundle from elsewhere cannot swap the trust anchor.
 * A refused bundle changes nothing.
 */
public final class DeviceEnrolment {

    private final Vault vault;
    private final Clock clock;

    public DeviceEnrolment(Vault vault, Clock clock) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Makes the certificate request for {@code deviceId} (the id HQ issued the code for), signed with the device key,
     * proving the code without sending it. The request is recorded, so that the bundle must name the same device.
     */
    public EnrolmentRequest request(String deviceId, EnrolmentCode code) {
        Objects.requireNonNull(code, "code");
        PkiSuite suite = suite();
        byte[] publicKey = vault.devicePublicKey();
        vault.syncSettings().recordEnrolmentRequest(deviceId);
        try {
            return vault.lendDeviceKey("certificate request for device " + deviceId, null,
                    pkcs8 -> EnrolmentRequest.create(suite, deviceId, pkcs8, publicKey, code));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the vault's device key cannot make a request: " + e.getMessage(), e);
        }
    }

    /** Reads HQ's bundle strictly and installs it; see {@link #install(EnrolmentBundle)}. */
    public SyncEnrolment install(byte[] bundleJson) throws EnrolmentBundleException {
        return install(EnrolmentBundle.parse(bundleJson));
    }

    /**
     * Installs HQ's bundle if it is for this laptop and holds together; otherwise refuses, saying why, and changes
     * nothing. A new certificate after a revocation ends the revocation (HQ issued it through a new code).
     */
    public SyncEnrolment install(EnrolmentBundle bundle) throws EnrolmentBundleException {
        Objects.requireNonNull(bundle, "bundle");
        Optional<SyncEnrolment> current = vault.syncSettings().enrolment();
        Optional<String> expected = vault.syncSettings().requestedDeviceId()
                .or(() -> current.map(SyncEnrolment::deviceId));
        if (expected.isEmpty()) {
            throw new EnrolmentBundleException("no certificate request was made on this laptop: make one with the "
                    + "enrolment code first, then install the bundle HQ sends back for it");
        }
        bundle.check(suite(), clock.instant());
        byte[] certificateKey;
        byte[] caDer;
        try {
            certificateKey = bundle.deviceCertificate().getSubjectPublicKeyInfo().getEncoded("DER");
            caDer = bundle.caCertificate().getEncoded();
        } catch (IOException e) {
            throw new EnrolmentBundleException("the bundle's certificates cannot be encoded: " + e.getMessage(), e);
        }
        if (!Arrays.equals(certificateKey, vault.devicePublicKey())) {
            throw new EnrolmentBundleException("deviceCertificate: it is for another key than this laptop's device key, "
                    + "so it was not issued for this laptop's request");
        }
        if (!bundle.deviceId().equals(expected.get())) {
            throw new EnrolmentBundleException("deviceCertificate: it is for device \"" + bundle.deviceId()
                    + "\", but this laptop asked for \"" + expected.get() + "\"");
        }
        if (current.isPresent() && !Arrays.equals(current.get().caCertificate(), caDer)) {
            throw new EnrolmentBundleException("caCertificate: this laptop is enrolled under another CA; a bundle cannot "
                    + "change it (wipe and set the laptop up again to move it to another CA)");
        }
        SyncEnrolment enrolment;
        try {
            enrolment = new SyncEnrolment(bundle.deviceId(), bundle.deviceCertificate().getEncoded(), caDer,
                    bundle.hqEncryptionCertificate().getEncoded(), bundle.hqSigningCertificate().getEncoded(),
                    bundle.broker(), clock.instant());
        } catch (IOException e) {
            throw new EnrolmentBundleException("the bundle's certificates cannot be encoded: " + e.getMessage(), e);
        }
        try {
            vault.syncSettings().install(enrolment, "certificate serial "
                    + HexFormat.of().formatHex(bundle.deviceCertificate().getSerialNumber().toByteArray()) + ", CA "
                    + bundle.caCertificate().getSubject() + ", broker " + bundle.broker());
        } catch (VaultException.Storage | VaultException.Locked e) {
            throw e;
        } catch (VaultException e) {
            throw new EnrolmentBundleException(e.getMessage(), e);
        }
        return enrolment;
    }

    private PkiSuite suite() {
        return PkiSuite.byId(vault.suite().id());
    }
}
