package org.doorstep.hq.broker;

import java.net.URI;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import javax.net.ssl.SSLContext;

import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.doorstep.sync.link.TlsContexts;
import org.doorstep.sync.pki.CaOptions;
import org.doorstep.sync.pki.DeviceCa;
import org.doorstep.sync.pki.EnrolmentCode;
import org.doorstep.sync.pki.EnrolmentRefusedException;
import org.doorstep.sync.pki.EnrolmentRequest;
import org.doorstep.sync.pki.InMemoryCaStore;
import org.doorstep.sync.pki.PkiSuite;
import org.doorstep.sync.pki.RevocationReason;

/**
 * A device CA for broker tests, on the real clock (brokers judge certificates and CRLs by it): laptops and HQ
 * clients are enrolled the way the product enrols them (code, request, certificate with CN = id), the broker gets
 * a server certificate for 127.0.0.1 and localhost. Every key is generated here; nothing is read from disk.
 */
public final class BrokerPki {

    static final SecureRandom RANDOM = new SecureRandom();

    /** A client or server: its name (certificate CN), key and certificate. */
    public record Identity(String cn, KeyPair key, X509Certificate certificate) {
    }

    public final DeviceCa ca;
    public final X509Certificate caCertificate;
    public final Identity broker;

    BrokerPki() {
        this(DeviceCa.createRoot(PkiSuite.INTL, "Doorstep Device CA (broker test)",
                CaOptions.defaults(URI.create("http://hq.doorstep.invalid/pki/devices.crl")), new InMemoryCaStore(),
                Clock.systemUTC(), RANDOM));
    }

    /** Brokers for an HQ whose CA already exists (its records in HQ's store, say). */
    public BrokerPki(DeviceCa ca) {
        this.ca = ca;
        caCertificate = jca(ca.certificate());
        KeyPair key = PkiSuite.INTL.generateKeyPair(RANDOM);
        broker = new Identity("broker", key, jca(ca.issueServerCertificate(key.getPublic(), "broker",
                List.of("127.0.0.1", "localhost"))));
    }

    static String newDeviceId() {
        return "dev-" + UUID.randomUUID();
    }

    /**
     * Enrols a client whose certificate CN (and MQTT client id) is {@code cn}: a laptop with a one-time code, one of
     * HQ's own clients ({@code hq-…}) by the CA's internal path.
     */
    public Identity enrol(String cn) {
        if (cn.startsWith("hq-")) {
            // HQ's own clients are not enrolled with a code (laptops may not have their names): the internal path
            KeyPair key = PkiSuite.INTL.generateKeyPair(RANDOM);
            return new Identity(cn, key, jca(ca.issueHqClientCertificate(key.getPublic(), cn)));
        }
        try {
            DeviceCa.IssuedCode code = ca.issueCode(cn);
            KeyPair key = PkiSuite.INTL.generateKeyPair(RANDOM);
            EnrolmentCode typed = EnrolmentCode.parse(code.code().formatted());
            return new Identity(cn, key, jca(ca.enrol(EnrolmentRequest.create(PkiSuite.INTL, cn, key, typed).der())));
        } catch (EnrolmentRefusedException e) {
            throw new IllegalStateException("test enrolment refused: " + e.getMessage(), e);
        }
    }

    Identity newDevice() {
        return enrol(newDeviceId());
    }

    void revoke(Identity identity) {
        ca.revoke(identity.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE);
    }

    public X509CRL crl() {
        return jca(ca.crl());
    }

    public SSLContext tls(Identity identity) {
        return TlsContexts.client(identity.key().getPrivate(), List.of(identity.certificate()), caCertificate);
    }

    static X509Certificate jca(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509CRL jca(X509CRLHolder holder) {
        try {
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (CRLException e) {
            throw new IllegalStateException(e);
        }
    }
}
