package org.doorstep.sync.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.doorstep.sync.pki.DeviceCertificateVerifier.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeviceCertificateVerifierTest {

    private TestPki pki;
    private TestPki.Enrolled device;

    @BeforeEach
    void enrol() throws Exception {
        pki = new TestPki(PkiSuite.INTL);
        device = pki.enrolNewDevice();
    }

    @Test
    void acceptsDeviceCertificateFollowedByOurRoot() {
        assertEquals(Outcome.VALID, pki.verifier().verify(
                List.of(TestPki.jca(device.certificate()), TestPki.jca(pki.ca.certificate())),
                TestPki.jca(pki.ca.crl()), pki.clock.instant()).outcome());
    }

    @Test
    void refusesCertificateOfAnotherCaEvenWithTheSameName() throws Exception {
        TestPki impostor = new TestPki(PkiSuite.INTL);
        TestPki.Enrolled foreign = impostor.enrolNewDevice();
        assertEquals(Outcome.UNTRUSTED, pki.verifier().verify(List.of(TestPki.jca(foreign.certificate())),
                TestPki.jca(pki.ca.crl()), pki.clock.instant()).outcome());
        assertEquals(Outcome.UNTRUSTED, pki.verifier().verify(
                List.of(TestPki.jca(device.certificate()), TestPki.jca(impostor.ca.certificate())),
                TestPki.jca(pki.ca.crl()), pki.clock.instant()).outcome());
        assertEquals(Outcome.CRL_UNTRUSTED, pki.verifier().verify(List.of(TestPki.jca(device.certificate())),
                TestPki.jca(impostor.ca.crl()), pki.clock.instant()).outcome());
    }

    @Test
    void refusesCertificateOutsideItsValidity() throws Exception {
        var enrolledAt = pki.clock.instant();
        var crl = TestPki.jca(pki.ca.crl());
        pki.clock.advance(Duration.ofDays(2));
        TestPki.Enrolled later = pki.enrolNewDevice();
        assertEquals(Outcome.NOT_YET_VALID, pki.verifier().verify(List.of(TestPki.jca(later.certificate())), crl,
                enrolledAt.plus(Duration.ofDays(1))).outcome());
        pki.clock.advance(Duration.ofDays(731));
        assertEquals(Outcome.EXPIRED, pki.verifier().verify(List.of(TestPki.jca(device.certificate())),
                TestPki.jca(pki.ca.crl()), pki.clock.instant()).outcome());
    }

    @Test
    void refusesServerCertificateAsDeviceCertificate() {
        var broker = pki.ca.issueServerCertificate(pki.newKey().getPublic(), "broker", List.of("127.0.0.1", "localhost"));
        assertEquals(Outcome.WRONG_USAGE, pki.verifier().verify(List.of(TestPki.jca(broker)), TestPki.jca(pki.ca.crl()),
                pki.clock.instant()).outcome());
    }

    @Test
    void refusesWithoutCurrentCrl() {
        var crl = TestPki.jca(pki.ca.crl());
        assertEquals(Outcome.CRL_MISSING, pki.verifier().verify(List.of(TestPki.jca(device.certificate())), null,
                pki.clock.instant()).outcome());
        assertEquals(Outcome.CRL_STALE, pki.verifier().verify(List.of(TestPki.jca(device.certificate())), crl,
                pki.clock.instant().plus(Duration.ofDays(8))).outcome());
    }

    @Test
    void refusesEmptyChain() {
        assertEquals(Outcome.MALFORMED, pki.verifier().verify(List.of(), TestPki.jca(pki.ca.crl()),
                pki.clock.instant()).outcome());
    }
}
