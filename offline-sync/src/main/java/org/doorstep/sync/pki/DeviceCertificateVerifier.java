package org.doorstep.sync.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentVerifierProvider;

/**
 * HQ's check of a device certificate (from a TLS session or a signed packet): issued by our CA, valid at the given
 * time, meant for client authentication, and not on a current CRL signed by the same CA. A CRL is required: HQ
 * honours revocation or refuses, it never skips it.
 */
public final class DeviceCertificateVerifier {

    public enum Outcome {
        VALID,
        /** Empty chain, or a certificate or CRL that cannot be read. */
        MALFORMED,
        /** Not issued by our CA (issuer or signature), or the chain holds a certificate that is not our root. */
        UNTRUSTED,
        NOT_YET_VALID,
        EXPIRED,
        /** Not an end-entity certificate for client authentication with digitalSignature. */
        WRONG_USAGE,
        /** No CRL was given. */
        CRL_MISSING,
        /** The CRL is not signed by our CA. */
        CRL_UNTRUSTED,
        /** The CRL's next-update has passed (or it is not yet in force): HQ must publish a new one. */
        CRL_STALE,
        REVOKED
    }

    public record Verdict(Outcome outcome, String detail) {
        public boolean valid() {
            return outcome == Outcome.VALID;
        }
    }

    private final X509CertificateHolder ca;
    private final ContentVerifierProvider caVerifier;

    public DeviceCertificateVerifier(X509CertificateHolder ca) {
        this.ca = Objects.requireNonNull(ca, "ca");
        try {
            PublicKey key = Pki.publicKey(ca.getSubjectPublicKeyInfo());
            this.caVerifier = Pki.verifier(key);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalArgumentException("unusable CA certificate", e);
        }
    }

    /**
     * @param chain the device certificate first; our root may follow, nothing else
     * @param crl the CA's current CRL
     * @param time the moment to judge validity at (now, or a packet's signing time)
     */
    public Verdict verify(List<X509Certificate> chain, X509CRL crl, Instant time) {
        if (chain == null || chain.isEmpty()) {
            return new Verdict(Outcome.MALFORMED, "no certificate");
        }
        X509CertificateHolder device;
        try {
            device = new X509CertificateHolder(chain.get(0).getEncoded());
            for (X509Certificate other : chain.subList(1, chain.size())) {
                if (!Arrays.equals(other.getEncoded(), ca.getEncoded())) {
                    return new Verdict(Outcome.UNTRUSTED, "the chain holds a certificate that is not our CA's");
                }
            }
        } catch (CertificateEncodingException | IOException | RuntimeException e) {
            return new Verdict(Outcome.MALFORMED, "unreadable certificate");
        }
        Date at = Date.from(time);
        if (!device.getIssuer().equals(ca.getSubject()) || !signedByCa(device)) {
            return new Verdict(Outcome.UNTRUSTED, "not issued by " + ca.getSubject());
        }
        if (!ca.isValidOn(at)) {
            return new Verdict(Outcome.UNTRUSTED, "our CA certificate is not valid at " + time);
        }
        if (at.before(device.getNotBefore())) {
            return new Verdict(Outcome.NOT_YET_VALID, "valid from " + device.getNotBefore().toInstant());
        }
        if (at.after(device.getNotAfter())) {
            return new Verdict(Outcome.EXPIRED, "expired at " + device.getNotAfter().toInstant());
        }
        Extensions extensions = device.getExtensions();
        ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(extensions);
        KeyUsage ku = KeyUsage.fromExtensions(extensions);
        BasicConstraints bc = BasicConstraints.fromExtensions(extensions);
        if (eku == null || !eku.hasKeyPurposeId(KeyPurposeId.id_kp_clientAuth) || ku == null
                || !ku.hasUsages(KeyUsage.digitalSignature) || (bc != null && bc.isCA())) {
            return new Verdict(Outcome.WRONG_USAGE, "not a client-authentication certificate");
        }
        if (crl == null) {
            return new Verdict(Outcome.CRL_MISSING, "no CRL");
        }
        X509CRLHolder crlHolder;
        try {
            crlHolder = new X509CRLHolder(crl.getEncoded());
        } catch (CRLException | IOException | RuntimeException e) {
            return new Verdict(Outcome.MALFORMED, "unreadable CRL");
        }
        boolean crlSigned;
        try {
            crlSigned = crlHolder.getIssuer().equals(ca.getSubject()) && crlHolder.isSignatureValid(caVerifier);
        } catch (Exception e) {
            crlSigned = false;
        }
        if (!crlSigned) {
            return new Verdict(Outcome.CRL_UNTRUSTED, "the CRL is not signed by " + ca.getSubject());
        }
        if (at.before(crlHolder.getThisUpdate()) || crlHolder.getNextUpdate() == null
                || at.after(crlHolder.getNextUpdate())) {
            return new Verdict(Outcome.CRL_STALE, "the CRL is not in force at " + time);
        }
        var entry = crlHolder.getRevokedCertificate(device.getSerialNumber());
        if (entry != null && !at.before(entry.getRevocationDate())) {
            return new Verdict(Outcome.REVOKED, "revoked at " + entry.getRevocationDate().toInstant());
        }
        return new Verdict(Outcome.VALID, device.getSubject().toString());
    }

    private boolean signedByCa(X509CertificateHolder device) {
        try {
            return device.isSignatureValid(caVerifier);
        } catch (Exception e) {
            return false;
        }
    }
}
