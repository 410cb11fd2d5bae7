package org.doorstep.sync.pki;

import java.net.URI;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;

/** A CA with a clock the test moves, and helpers; every key is generated here. */
final class TestPki {

    static final SecureRandom RANDOM = new SecureRandom();
    static final URI CRL_URI = URI.create("http://hq.doorstep.invalid/pki/devices.crl");

    final PkiSuite suite;
    final MovableClock clock;
    final InMemoryCaStore store = new InMemoryCaStore();
    final DeviceCa ca;

    TestPki(PkiSuite suite) {
        this(suite, Instant.parse("2026-11-21T08:00:00Z"));
    }

    TestPki(PkiSuite suite, Instant start) {
        this.suite = suite;
        this.clock = new MovableClock(start);
        this.ca = DeviceCa.createRoot(suite, "Doorstep Device CA (test)", CaOptions.defaults(CRL_URI), store, clock,
                RANDOM);
    }

    static String newDeviceId() {
        return "dev-" + UUID.randomUUID();
    }

    KeyPair newKey() {
        return suite.generateKeyPair(RANDOM);
    }

    /** Issues a code for a new device and enrols it; returns its key and certificate. */
    Enrolled enrolNewDevice() throws EnrolmentRefusedException {
        String deviceId = newDeviceId();
        DeviceCa.IssuedCode code = ca.issueCode(deviceId);
        KeyPair key = newKey();
        EnrolmentCode typed = EnrolmentCode.parse(code.code().formatted());
        X509CertificateHolder cert = ca.enrol(EnrolmentRequest.create(suite, deviceId, key, typed).der());
        return new Enrolled(deviceId, key, cert);
    }

    DeviceCertificateVerifier verifier() {
        return new DeviceCertificateVerifier(ca.certificate());
    }

    static X509Certificate jca(X509CertificateHolder holder) {
        return Pki.toJca(holder);
    }

    static X509CRL jca(X509CRLHolder holder) {
        return Pki.toJca(holder);
    }

    record Enrolled(String deviceId, KeyPair key, X509CertificateHolder certificate) {
    }

    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
