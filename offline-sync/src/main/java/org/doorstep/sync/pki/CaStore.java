package org.doorstep.sync.pki;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the device CA must remember: open and used enrolment codes, issued certificates, revocations and
 * the CRL number. HQ will keep it in its Derby database; {@link InMemoryCaStore} serves tests. The CA's private key
 * is not part of it (HQ keeps that in its key store). Implementations must be safe for concurrent use, and
 * {@link #markCodeUsed} must be atomic: it is what makes a code single-use.
 */
public interface CaStore {

    /** An enrolment code as HQ keeps it: its id and proof key, never the code itself. */
    record CodeRecord(String codeId, String deviceId, byte[] proofKey, Instant issuedAt, Instant expiresAt,
            Optional<Instant> usedAt) {
        public CodeRecord {
            Objects.requireNonNull(codeId, "codeId");
            Objects.requireNonNull(deviceId, "deviceId");
            proofKey = proofKey.clone();
            Objects.requireNonNull(usedAt, "usedAt");
        }

        @Override
        public byte[] proofKey() {
            return proofKey.clone();
        }
    }

    /** A certificate the CA issued: a device's (subject = device id) or a server's such as the broker. */
    record IssuedCertificate(BigInteger serial, String subjectName, Instant notAfter, byte[] der) {
        public IssuedCertificate {
            Objects.requireNonNull(serial, "serial");
            der = der.clone();
        }

        @Override
        public byte[] der() {
            return der.clone();
        }
    }

    record Revocation(BigInteger serial, Instant revokedAt, RevocationReason reason) {
    }

    void putCode(CodeRecord code);

    Optional<CodeRecord> code(String codeId);

    /** Marks an open code used; false if it is unknown or was already used (by a concurrent enrolment, say). */
    boolean markCodeUsed(String codeId, Instant at);

    /** @throws IllegalStateException if the serial is already taken */
    void putCertificate(IssuedCertificate certificate);

    Optional<IssuedCertificate> certificate(BigInteger serial);

    List<IssuedCertificate> certificatesOf(String subjectName);

    /** Records a revocation; false if that serial was already revoked (the first revocation stands). */
    boolean revoke(Revocation revocation);

    Optional<Revocation> revocation(BigInteger serial);

    List<Revocation> revocations();

    /** The next CRL number: strictly increasing, never reused (RFC 5280 §5.2.3). */
    BigInteger nextCrlNumber();
}
