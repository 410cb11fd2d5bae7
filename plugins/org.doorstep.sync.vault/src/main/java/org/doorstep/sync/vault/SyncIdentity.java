package org.doorstep.sync.vault;

import java.net.URI;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.doorstep.vault.DeviceRevocation;
import org.doorstep.vault.SyncEnrolment;
import org.doorstep.vault.Vault;
import org.doorstep.vault.VaultException;

/**
 * The installed enrolment as the JCA objects the sync code needs (certificates for the packet sealer and TLS, HQ's
 * signing key for commands and receipts), read from the vault each time it is needed so that a newly installed
 * bundle or a revocation takes effect at once.
 */
public final class SyncIdentity {

    /** Bouncy Castle as an instance, never registered: SM2 certificates parse whatever the runtime ships. */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private final SyncEnrolment enrolment;
    private final X509Certificate deviceCertificate;
    private final X509Certificate caCertificate;
    private final X509Certificate hqEncryptionCertificate;
    private final X509Certificate hqSigningCertificate;

    private SyncIdentity(SyncEnrolment enrolment) throws CertificateException {
        this.enrolment = enrolment;
        this.deviceCertificate = x509(enrolment.deviceCertificate());
        this.caCertificate = x509(enrolment.caCertificate());
        this.hqEncryptionCertificate = x509(enrolment.hqEncryptionCertificate());
        this.hqSigningCertificate = x509(enrolment.hqSigningCertificate());
    }

    /** The enrolment of an unlocked vault, or empty if it has none. */
    public static Optional<SyncIdentity> of(Vault vault) {
        Optional<SyncEnrolment> enrolment = vault.syncSettings().enrolment();
        if (enrolment.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SyncIdentity(enrolment.get()));
        } catch (CertificateException e) {
            throw new VaultException.Storage("the enrolment stored in the vault cannot be read (" + e.getMessage()
                    + "): install HQ's enrolment bundle again", e);
        }
    }

    /** The enrolment of an unlocked vault, refusing when there is none. */
    static SyncIdentity require(Vault vault) throws SyncRefusedException {
        return of(vault).orElseThrow(SyncRefusedException::notEnrolled);
    }

    /** Refuses when HQ revoked this laptop. */
    static void requireNotRevoked(Vault vault) throws SyncRefusedException {
        Optional<DeviceRevocation> revocation = vault.syncSettings().revocation();
        if (revocation.isPresent()) {
            throw SyncRefusedException.revoked(revocation.get().reason());
        }
    }

    public String deviceId() {
        return enrolment.deviceId();
    }

    public X509Certificate deviceCertificate() {
        return deviceCertificate;
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    public X509Certificate hqEncryptionCertificate() {
        return hqEncryptionCertificate;
    }

    public X509Certificate hqSigningCertificate() {
        return hqSigningCertificate;
    }

    /** HQ's key for checking signed commands and receipts. */
    public PublicKey hqSigningKey() {
        return hqSigningCertificate.getPublicKey();
    }

    public URI broker() {
        return enrolment.broker();
    }

    public Instant installedAt() {
        return enrolment.installedAt();
    }

    static X509Certificate x509(byte[] der) throws CertificateException {
        try {
            return new JcaX509CertificateConverter().setProvider(BC).getCertificate(new X509CertificateHolder(der));
        } catch (java.io.IOException e) {
            throw new CertificateException("not a certificate: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SyncIdentity[" + deviceId() + ", broker " + broker() + "]";
    }
}
