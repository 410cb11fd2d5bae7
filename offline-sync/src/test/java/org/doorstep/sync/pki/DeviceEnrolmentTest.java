package org.doorstep.sync.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.doorstep.sync.pki.EnrolmentRefusedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeviceEnrolmentTest {

    @ParameterizedTest
    @EnumSource(PkiSuite.class)
    void enrolsDeviceWithOpenCodeAsClientCertificateOfTwoYears(PkiSuite suite) throws Exception {
        TestPki pki = new TestPki(suite);
        TestPki.Enrolled device = pki.enrolNewDevice();
        X509CertificateHolder cert = device.certificate();

        assertEquals(new X500Name("O=Doorstep,CN=" + device.deviceId()), cert.getSubject());
        assertEquals(pki.ca.certificate().getSubject(), cert.getIssuer());
        assertArrayEquals(device.key().getPublic().getEncoded(), cert.getSubjectPublicKeyInfo().getEncoded());
        assertTrue(cert.getSerialNumber().bitLength() > 100 && cert.getSerialNumber().bitLength() <= 128);
        assertEquals(Duration.ofDays(730).plusHours(1),
                Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()));
        assertEquals(suite.signatureAlgorithm().toUpperCase(),
                new org.bouncycastle.operator.DefaultAlgorithmNameFinder().getAlgorithmName(cert.getSignatureAlgorithm())
                        .toUpperCase());

        assertTrue(ExtendedKeyUsage.fromExtensions(cert.getExtensions()).hasKeyPurposeId(KeyPurposeId.id_kp_clientAuth));
        assertTrue(KeyUsage.fromExtensions(cert.getExtensions()).hasUsages(KeyUsage.digitalSignature));
        assertTrue(cert.getExtension(Extension.keyUsage).isCritical());
        assertFalse(BasicConstraints.fromExtensions(cert.getExtensions()).isCA());
        assertNotNull(SubjectKeyIdentifier.fromExtensions(cert.getExtensions()));
        assertArrayEquals(
                SubjectKeyIdentifier.fromExtensions(pki.ca.certificate().getExtensions()).getKeyIdentifier(),
                AuthorityKeyIdentifier.fromExtensions(cert.getExtensions()).getKeyIdentifierOctets());
        CRLDistPoint crlDp = CRLDistPoint.getInstance(cert.getExtension(Extension.cRLDistributionPoints).getParsedValue());
        assertTrue(crlDp.getDistributionPoints()[0].getDistributionPoint().toString().contains(TestPki.CRL_URI.toString()));

        assertEquals(DeviceCertificateVerifier.Outcome.VALID, pki.verifier()
                .verify(List.of(TestPki.jca(cert)), TestPki.jca(pki.ca.crl()), pki.clock.instant()).outcome());
    }

    @ParameterizedTest
    @EnumSource(PkiSuite.class)
    void requestCarriesProofButNeverTheCode(PkiSuite suite) throws Exception {
        TestPki pki = new TestPki(suite);
        String deviceId = TestPki.newDeviceId();
        DeviceCa.IssuedCode code = pki.ca.issueCode(deviceId);
        EnrolmentRequest request = EnrolmentRequest.create(suite, deviceId, pki.newKey(), code.code());
        String der = new String(request.der(), StandardCharsets.ISO_8859_1);
        String canonical = code.code().formatted().replace("-", "");
        assertFalse(der.contains(canonical.substring(0, 12)));
        assertTrue(der.contains("dsk1:" + code.codeId() + ":"));
        assertTrue(request.pem().startsWith("-----BEGIN CERTIFICATE REQUEST-----"));
    }

    @ParameterizedTest
    @EnumSource(PkiSuite.class)
    void enrolsFromTheVaultsKeyEncodings(PkiSuite suite) throws Exception {
        TestPki pki = new TestPki(suite);
        String deviceId = TestPki.newDeviceId();
        DeviceCa.IssuedCode code = pki.ca.issueCode(deviceId);
        KeyPair key = pki.newKey();
        // DeviceKey.privateKeyPkcs8() / publicKeyInfo() give these two standard encodings
        byte[] der = EnrolmentRequest.create(suite, deviceId, key.getPrivate().getEncoded(), key.getPublic().getEncoded(),
                code.code()).der();
        assertEquals(deviceId, pki.ca.enrol(der).getSubject().getRDNs()[1].getFirst().getValue().toString());
    }

    @ParameterizedTest
    @EnumSource(PkiSuite.class)
    void refusesCodeUsedBefore(PkiSuite suite) throws Exception {
        TestPki pki = new TestPki(suite);
        String deviceId = TestPki.newDeviceId();
        DeviceCa.IssuedCode code = pki.ca.issueCode(deviceId);
        pki.ca.enrol(EnrolmentRequest.create(suite, deviceId, pki.newKey(), code.code()).der());
        assertRefused(Reason.USED_CODE, pki, EnrolmentRequest.create(suite, deviceId, pki.newKey(), code.code()).der());
    }

    @Test
    void oneCodeGivesOneCertificateWhenRequestsRace() throws Exception {
        TestPki pki = new TestPki(PkiSuite.INTL);
        String deviceId = TestPki.newDeviceId();
        DeviceCa.IssuedCode code = pki.ca.issueCode(deviceId);
        int racers = 8;
        List<byte[]> requests = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            requests.add(EnrolmentRequest.create(PkiSuite.INTL, deviceId, pki.newKey(), code.code()).der());
        }
        var start = new CountDownLatch(1);
        var issued = new AtomicInteger();
        var usedRefusals = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(racers)) {
            for (byte[] request : requests) {
                pool.submit(() -> {
                    start.await();
                    try {
                        pki.ca.enrol(request);
                        issued.incrementAndGet();
                    } catch (EnrolmentRefusedException e) {
                        if (e.reason() == Reason.USED_CODE) {
                            usedRefusals.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            start.countDown();
        }
        assertEquals(1, issued.get());
        assertEquals(racers - 1, usedRefusals.get());
        assertEquals(1, pki.store.certificatesOf(deviceId).size());
    }

    @ParameterizedTest
    @EnumSource(PkiSuite.class)
    void refusesCodeAfterItsExpiry(PkiSuite suite) throws Exception {
        TestPki pki = new TestPki(suite);
        String deviceId = TestPki.newDeviceId();
        DeviceCa.IssuedCode code = pki.ca.issueCode(deviceId);
        pki.clock.advance(Duration.ofHours(72));
        assertRefused(Reason.EXPIRED_CODE, pki, EnrolmentRequest.create(suite, deviceId, pki.newKey(), code.code()).der());
    }

    @ParameterizedTest
    @EnumSource(PkiSuite.class)
    void refusesCodeTheCaNeverIssued(PkiSuite suite) throws Exception {
        TestPki pki = new TestPki(suite);
        TestPki otherHq = new TestPki(suite);
        String deviceId = TestPki.newDeviceId();
        DeviceCa.IssuedCode foreign = otherHq.ca.issueCode(deviceId);
        assertRefused(Reason.UNKNOWN_CODE, pki,
                EnrolmentRequest.create(suite, deviceId, pki.newKey(), foreign.code()).der());
        assertRefused(Reason.UNKNOWN_CODE, pki,
                EnrolmentRequest.create(suite, deviceId, pki.newKey(), EnrolmentCode.generate(TestPki.RANDOM)).der());
    }

    @ParameterizedTest
    @EnumSource(PkiSuite.class)
    void refusesRequestForAnotherDeviceThanTheCodes(PkiSuite suite) throws Exception {
        TestPki pki = new TestPki(suite);
        DeviceCa.IssuedCode code = pki.ca.issueCode("dev-a");
        assertRefused(Reason.SUBJECT_MISMATCH, pki, EnrolmentRequest.create(suite, "dev-b", pki.newKey(), code.code()).der());
        // the refusal does not burn the code
        pki.ca.enrol(EnrolmentRequest.create(suite, "dev-a", pki.newKey(), code.code()).der());
    }

    @ParameterizedTest
    @EnumSource(PkiSuite.class)
    void refusesCodesForNamesReservedForHqsOwnBrokerIdentities(PkiSuite suite) throws Exception {
        TestPki pki = new TestPki(suite);
        for (String reserved : List.of("hq-ingest-1", "hq-ingest-9", "hq-console", "HQ-Console", "broker", "Broker.2",
                "hq", "hq_ingest", "hq-encryption", "hq-signing")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pki.ca.issueCode(reserved),
                    reserved);
            assertTrue(e.getMessage().contains("'" + reserved + "' cannot be a laptop's name")
                    && e.getMessage().contains("reserved for HQ's own services"), e.getMessage());
        }
        assertEquals(0, pki.store.certificatesOf("hq-ingest-1").size(), "nothing was issued");
        // names that merely contain the words are laptops like any other
        for (String fine : List.of("hqx-01", "field-hq-07", "brokerage-3", "dev-hq")) {
            pki.ca.enrol(EnrolmentRequest.create(suite, fine, pki.newKey(), pki.ca.issueCode(fine).code()).der());
        }
    }

    @ParameterizedTest
    @EnumSource(PkiSuite.class)
    void refusesToEnrolAReservedNameEvenWithACodeInTheStore(PkiSuite suite) throws Exception {
        // a code for a reserved name cannot be issued any more; one written to the store before (or by hand) is
        // still refused at enrolment, and leaves no certificate behind
        TestPki pki = new TestPki(suite);
        EnrolmentCode code = EnrolmentCode.generate(TestPki.RANDOM);
        pki.store.putCode(new CaStore.CodeRecord(code.id(suite), "hq-ingest-1", code.proofKey(suite),
                pki.clock.instant(), pki.clock.instant().plus(Duration.ofHours(72)), java.util.Optional.empty()));
        assertRefused(Reason.RESERVED_NAME, pki, EnrolmentRequest.create(suite, "hq-ingest-1", pki.newKey(), code).der());
        assertEquals(0, pki.store.certificatesOf("hq-ingest-1").size());
    }

    @ParameterizedTest
    @EnumSource(PkiSuite.class)
    void hqsOwnBrokerClientsGetTheirCertificatesByTheInternalPathOnly(PkiSuite suite) throws Exception {
        TestPki pki = new TestPki(suite);
        KeyPair key = pki.newKey();
        X509CertificateHolder worker = pki.ca.issueHqClientCertificate(key.getPublic(), "hq-ingest-3");
        assertEquals(new X500Name("O=Doorstep,CN=hq-ingest-3"), worker.getSubject());
        assertTrue(ExtendedKeyUsage.fromExtensions(worker.getExtensions()).hasKeyPurposeId(KeyPurposeId.id_kp_clientAuth));
        assertEquals(1, pki.store.certificatesOf("hq-ingest-3").size(), "recorded, so it can be revoked");
        assertEquals(1, pki.ca.revokeDevice("hq-ingest-3", RevocationReason.KEY_COMPROMISE));
        pki.ca.issueHqClientCertificate(pki.newKey().getPublic(), "hq-console");
        for (String notHq : List.of("dev-1", "broker", "hq-encryption", "hq-ingest-")) {
            assertThrows(IllegalArgumentException.class, () -> pki.ca.issueHqClientCertificate(key.getPublic(), notHq),
                    notHq);
        }
    }

    @ParameterizedTest
    @EnumSource(PkiSuite.class)
    void refusesRequestNotSignedByItsOwnKey(PkiSuite suite) throws Exception {
        TestPki pki = new TestPki(suite);
        String deviceId = TestPki.newDeviceId();
        DeviceCa.IssuedCode code = pki.ca.issueCode(deviceId);
        KeyPair claimed = pki.newKey();
        KeyPair signing = pki.newKey();
        X500Name subject = EnrolmentRequest.subject(deviceId);
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(claimed.getPublic().getEncoded());
        byte[] der = new PKCS10CertificationRequestBuilder(subject, spki)
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword,
                        new DERUTF8String(proofText(suite, code.code(), code.code(), subject, spki)))
                .build(Pki.signer(suite, signing.getPrivate())).getEncoded();
        assertRefused(Reason.BAD_SIGNATURE, pki, der);
    }

    @ParameterizedTest
    @EnumSource(PkiSuite.class)
    void refusesProofMadeWithAnotherCodeUnderAnOpenCodesId(PkiSuite suite) throws Exception {
        TestPki pki = new TestPki(suite);
        String deviceId = TestPki.newDeviceId();
        DeviceCa.IssuedCode code = pki.ca.issueCode(deviceId);
        KeyPair key = pki.newKey();
        X500Name subject = EnrolmentRequest.subject(deviceId);
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded());
        byte[] der = new PKCS10CertificationRequestBuilder(subject, spki)
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, new DERUTF8String(
                        proofText(suite, code.code(), EnrolmentCode.generate(TestPki.RANDOM), subject, spki)))
                .build(Pki.signer(suite, key.getPrivate())).getEncoded();
        assertRefused(Reason.BAD_PROOF, pki, der);
    }

    @ParameterizedTest
    @EnumSource(PkiSuite.class)
    void refusesWhatIsNotAWellFormedRequest(PkiSuite suite) throws Exception {
        TestPki pki = new TestPki(suite);
        assertRefused(Reason.MALFORMED, pki, "not a request".getBytes(StandardCharsets.US_ASCII));
        assertRefused(Reason.MALFORMED, pki, new byte[0]);
        KeyPair key = pki.newKey();
        X500Name subject = EnrolmentRequest.subject("dev-x");
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded());
        byte[] noProof = new PKCS10CertificationRequestBuilder(subject, spki).build(Pki.signer(suite, key.getPrivate()))
                .getEncoded();
        assertRefused(Reason.MALFORMED, pki, noProof);
        byte[] plainPassword = new PKCS10CertificationRequestBuilder(subject, spki)
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, new DERUTF8String("secret"))
                .build(Pki.signer(suite, key.getPrivate())).getEncoded();
        assertRefused(Reason.MALFORMED, pki, plainPassword);
        // a key of the other suite
        PkiSuite other = suite == PkiSuite.INTL ? PkiSuite.GM : PkiSuite.INTL;
        DeviceCa.IssuedCode code = pki.ca.issueCode("dev-x");
        assertRefused(Reason.MALFORMED, pki,
                EnrolmentRequest.create(other, "dev-x", other.generateKeyPair(TestPki.RANDOM), code.code()).der());
    }

    @ParameterizedTest
    @EnumSource(PkiSuite.class)
    void refusesDeviceIdsThatWouldEscapeTheirTopic(PkiSuite suite) {
        TestPki pki = new TestPki(suite);
        for (String bad : new String[] {"dev/a", "dev+", "#", "", "-dev", "dev a"}) {
            assertThrows(IllegalArgumentException.class, () -> pki.ca.issueCode(bad), bad);
        }
    }

    static void assertRefused(Reason reason, TestPki pki, byte[] der) {
        EnrolmentRefusedException e = assertThrows(EnrolmentRefusedException.class, () -> pki.ca.enrol(der));
        assertEquals(reason, e.reason(), e.getMessage());
    }

    private static String proofText(PkiSuite suite, EnrolmentCode idOf, EnrolmentCode keyOf, X500Name subject,
            SubjectPublicKeyInfo spki) {
        return EnrolmentRequest.PROOF_PREFIX + idOf.id(suite) + ":" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(EnrolmentRequest.proof(suite, keyOf.proofKey(suite), subject, spki));
    }

}
