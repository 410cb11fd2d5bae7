package org.doorstep.sync.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.doorstep.sync.pki.DeviceCertificateVerifier.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RevocationTest {

    @ParameterizedTest
    @EnumSource(PkiSuite.class)
    void revokedDeviceIsListedInNumberedCrlAndRefusedByVerifier(PkiSuite suite) throws Exception {
        TestPki pki = new TestPki(suite);
        TestPki.Enrolled lost = pki.enrolNewDevice();
        TestPki.Enrolled kept = pki.enrolNewDevice();
        X509CRLHolder before = pki.ca.crl();
        assertNull(before.getRevokedCertificate(lost.certificate().getSerialNumber()));

        pki.clock.advance(Duration.ofMinutes(5));
        assertTrue(pki.ca.revoke(lost.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE));
        assertFalse(pki.ca.revoke(lost.certificate().getSerialNumber(), RevocationReason.SUPERSEDED));
        assertTrue(pki.ca.isRevoked(lost.certificate().getSerialNumber()));
        assertFalse(pki.ca.isRevoked(kept.certificate().getSerialNumber()));

        X509CRLHolder after = pki.ca.crl();
        X509CRLEntryHolder entry = after.getRevokedCertificate(lost.certificate().getSerialNumber());
        assertNotNull(entry);
        assertEquals(CRLReason.keyCompromise,
                CRLReason.getInstance(entry.getExtension(Extension.reasonCode).getParsedValue()).getValue().intValue());
        assertEquals(pki.clock.instant(), entry.getRevocationDate().toInstant());
        assertEquals(Duration.ofDays(7), Duration.between(after.getThisUpdate().toInstant(),
                after.getNextUpdate().toInstant()));
        assertTrue(crlNumber(after).compareTo(crlNumber(before)) > 0);
        assertNotNull(after.getExtension(Extension.authorityKeyIdentifier));

        DeviceCertificateVerifier verifier = pki.verifier();
        assertEquals(Outcome.REVOKED, verifier.verify(List.of(TestPki.jca(lost.certificate())), TestPki.jca(after),
                pki.clock.instant()).outcome());
        assertEquals(Outcome.VALID, verifier.verify(List.of(TestPki.jca(kept.certificate())), TestPki.jca(after),
                pki.clock.instant()).outcome());
    }

    @ParameterizedTest
    @EnumSource(PkiSuite.class)
    void revokingDeviceRevokesEachOfItsCertificates(PkiSuite suite) throws Exception {
        TestPki pki = new TestPki(suite);
        TestPki.Enrolled device = pki.enrolNewDevice();
        DeviceCa.IssuedCode again = pki.ca.issueCode(device.deviceId());
        var second = pki.ca.enrol(EnrolmentRequest.create(suite, device.deviceId(), pki.newKey(), again.code()).der());
        assertEquals(2, pki.ca.revokeDevice(device.deviceId(), RevocationReason.CESSATION_OF_OPERATION));
        assertEquals(0, pki.ca.revokeDevice(device.deviceId(), RevocationReason.CESSATION_OF_OPERATION));
        assertTrue(pki.ca.isRevoked(second.getSerialNumber()));
        assertEquals(2, pki.ca.crl().getRevokedCertificates().size());
    }

    @ParameterizedTest
    @EnumSource(PkiSuite.class)
    void refusesToRevokeSerialItNeverIssued(PkiSuite suite) {
        TestPki pki = new TestPki(suite);
        assertThrows(IllegalArgumentException.class, () -> pki.ca.revoke(BigInteger.TEN, RevocationReason.UNSPECIFIED));
    }

    private static BigInteger crlNumber(X509CRLHolder crl) {
        return ASN1Integer.getInstance(crl.getExtension(Extension.cRLNumber).getParsedValue()).getValue();
    }
}
