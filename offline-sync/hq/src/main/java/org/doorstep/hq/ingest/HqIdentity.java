package org.doorstep.hq.ingest;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

import org.doorstep.sync.pki.PkiSuite;

/**
 * HQ's own keys for sync: the encryption key packets are sealed to, and the signing key of receipts,
 * rejections and commands (kept apart, so that a leaked decryption key cannot forge receipts and a signing key
 * cannot read cases).
 */
public record HqIdentity(PkiSuite suite, PrivateKey encryptionKey, X509Certificate encryptionCertificate,
        PrivateKey signingKey, X509Certificate signingCertificate) {

    public HqIdentity {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(encryptionKey, "encryptionKey");
        Objects.requireNonNull(encryptionCertificate, "encryptionCertificate");
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(signingCertificate, "signingCertificate");
    }
}
