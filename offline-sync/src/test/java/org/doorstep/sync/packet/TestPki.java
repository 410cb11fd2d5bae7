package org.doorstep.sync.packet;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI of one suite: a CA, devices (ECDSA P-256 or SM2 signing keys) and HQ (a P-256 key-agreement or an
 * SM2 encryption certificate), certificates signed {@code SHA256withECDSA} or {@code SM3withSM2}. Every key is
 * generated here.
 */
final class TestPki {

    static final BouncyCastleProvider BC = new BouncyCastleProvider();
    static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<PacketSuite, TestPki> SHARED = new EnumMap<>(PacketSuite.class);

    record Party(KeyPair keys, X509Certificate certificate) {
    }

    final PacketSuite suite;
    final Party ca;
    /** The device "laptop-0042" and HQ that most tests use. */
    final Party device;
    final Party hq;

    TestPki(PacketSuite suite) {
        this.suite = suite;
        KeyPair caKeys = newKeyPair();
        ca = new Party(caKeys, issue("CN=Doorstep Test CA", caKeys, caKeys, true, KeyUsage.keyCertSign | KeyUsage.cRLSign));
        device = device("laptop-0042");
        hq = hq();
    }

    /** One PKI per suite for a whole test run. */
    static synchronized TestPki of(PacketSuite suite) {
        return SHARED.computeIfAbsent(suite, TestPki::new);
    }

    static PacketSuite other(PacketSuite suite) {
        return suite == PacketSuite.GM ? PacketSuite.INTL : PacketSuite.GM;
    }

    Party device(String id) {
        KeyPair keys = newKeyPair();
        return new Party(keys, issue("CN=" + id, keys, ca.keys(), false, KeyUsage.digitalSignature));
    }

    Party hq() {
        KeyPair keys = newKeyPair();
        // ECDH in intl; in gm the content key is encrypted to HQ's key
        int usage = suite == PacketSuite.GM ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement;
        return new Party(keys, issue("CN=Doorstep HQ encryption", keys, ca.keys(), false, usage));
    }

    KeyPair newKeyPair() {
        return suite.pkiSuite().generateKeyPair(RANDOM);
    }

    private X509Certificate issue(String subject, KeyPair subjectKeys, KeyPair issuerKeys, boolean isCa, int keyUsage) {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=Doorstep Test CA"),
                    new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(now.minus(1, ChronoUnit.HOURS)),
                    Date.from(now.plus(1, ChronoUnit.DAYS)), new X500Name(subject), subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            return new JcaX509CertificateConverter().setProvider(BC).getCertificate(builder.build(
                    new JcaContentSignerBuilder(suite.pkiSuite().signatureAlgorithm()).setProvider(BC)
                            .build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void writePem(Path file, Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(object);
        }
        Files.writeString(file, text.toString());
    }

    static void writePkcs8(Path file, KeyPair keys) throws IOException {
        writePem(file, new JcaPKCS8Generator(keys.getPrivate(), null));
    }
}
