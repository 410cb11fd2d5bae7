package org.doorstep.vault;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Structurally valid X.509 certificates for a given public key, with a dummy signature: the vault stores
 * certificates and checks whose key they hold, it never checks signatures (the sync service does, with real CAs).
 */
final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(1);

    private TestCertificates() {
    }

    static byte[] forKey(byte[] subjectPublicKeyInfo, String cn) {
        try {
            AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
            V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
            tbs.setSerialNumber(new ASN1Integer(BigInteger.valueOf(SERIAL.getAndIncrement())));
            tbs.setSignature(algorithm);
            tbs.setIssuer(new X500Name("CN=Test CA"));
            Instant now = Instant.parse("2026-11-21T08:00:00Z");
            tbs.setStartDate(new Time(Date.from(now.minus(1, ChronoUnit.DAYS))));
            tbs.setEndDate(new Time(Date.from(now.plus(365, ChronoUnit.DAYS))));
            tbs.setSubject(new X500Name("CN=" + cn));
            tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(subjectPublicKeyInfo));
            TBSCertificate t = tbs.generateTBSCertificate();
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(t);
            v.add(algorithm);
            v.add(new DERBitString(new byte[8]));
            return Certificate.getInstance(new DERSequence(v)).getEncoded("DER");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
