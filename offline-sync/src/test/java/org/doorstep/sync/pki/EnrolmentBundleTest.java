package org.doorstep.sync.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class EnrolmentBundleTest {

    static final URI BROKER = URI.create("ssl://broker.hq.doorstep.invalid:8883");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A CA, one enrolled device and HQ's two certificates, all of one suite. */
    record Hq(TestPki pki, TestPki.Enrolled device, X509CertificateHolder encryption, X509CertificateHolder signing) {
        static Hq of(PkiSuite suite) throws EnrolmentRefusedException {
            TestPki pki = new TestPki(suite);
            TestPki.Enrolled device = pki.enrolNewDevice();
            return new Hq(pki, device,
                    pki.ca.issueHqCertificate(pki.newKey().getPublic(), "Doorstep HQ encryption", DeviceCa.HqKeyUse.ENCRYPTION),
                    pki.ca.issueHqCertificate(pki.newKey().getPublic(), "Doorstep HQ signing", DeviceCa.HqKeyUse.SIGNING));
        }

        EnrolmentBundle bundle() {
            return new EnrolmentBundle(device.certificate(), pki.ca.certificate(), encryption, signing, BROKER);
        }
    }

    @ParameterizedTest
    @EnumSource(PkiSuite.class)
    void aBundleHqWritesIsReadBackAndHoldsTogether(PkiSuite suite) throws Exception {
        Hq hq = Hq.of(suite);
        byte[] json = hq.bundle().toJson();
        EnrolmentBundle read = EnrolmentBundle.parse(json);
        assertArrayEquals(hq.device().certificate().getEncoded(), read.deviceCertificate().getEncoded());
        assertArrayEquals(hq.pki().ca.certificate().getEncoded(), read.caCertificate().getEncoded());
        assertArrayEquals(hq.encryption().getEncoded(), read.hqEncryptionCertificate().getEncoded());
        assertArrayEquals(hq.signing().getEncoded(), read.hqSigningCertificate().getEncoded());
        assertEquals(BROKER, read.broker());
        assertEquals(hq.device().deviceId(), read.deviceId());
        read.check(suite, hq.pki().clock.instant());
        assertTrue(new String(json, StandardCharsets.UTF_8).startsWith("{\n  \"format\" : \"doorstep-enrolment/1\""));
    }

    @ParameterizedTest
    @EnumSource(PkiSuite.class)
    void hqCertificatesCarryTheUsageTheirJobNeeds(PkiSuite suite) throws Exception {
        Hq hq = Hq.of(suite);
        KeyUsage encryption = KeyUsage.fromExtensions(hq.encryption().getExtensions());
        assertTrue(encryption.hasUsages(suite == PkiSuite.GM ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement));
        assertTrue(hq.encryption().getExtension(Extension.keyUsage).isCritical());
        assertEquals(null, ExtendedKeyUsage.fromExtensions(hq.encryption().getExtensions()));
        assertTrue(KeyUsage.fromExtensions(hq.signing().getExtensions()).hasUsages(KeyUsage.digitalSignature));
        PkiSuite other = suite == PkiSuite.GM ? PkiSuite.INTL : PkiSuite.GM;
        assertThrows(IllegalArgumentException.class, () -> hq.pki().ca.issueHqCertificate(
                other.generateKeyPair(TestPki.RANDOM).getPublic(), "HQ", DeviceCa.HqKeyUse.SIGNING));
    }

    static Stream<Arguments> garbage() throws Exception {
        Hq hq = Hq.of(PkiSuite.INTL);
        String good = new String(hq.bundle().toJson(), StandardCharsets.UTF_8);
        String device = JSON.readTree(good).get("deviceCertificate").asText();
        String ca = JSON.readTree(good).get("caCertificate").asText();
        String csr = Pem.encode("CERTIFICATE", EnrolmentRequest.create(PkiSuite.INTL, "dev-x", hq.pki().newKey(),
                hq.pki().ca.issueCode("dev-x").code()).der());
        String key = Pem.encode("PRIVATE KEY", hq.pki().newKey().getPrivate().getEncoded());
        return Stream.of(
                Arguments.of("empty", "", "1 to 65536 bytes"),
                Arguments.of("not JSON", "certificate please", "not JSON"),
                Arguments.of("not UTF-8", "{\"format\":\"\u00ff\u00fe\"}".getBytes(StandardCharsets.ISO_8859_1), "not JSON"),
                Arguments.of("an array", "[1,2]", "not a JSON object"),
                Arguments.of("data after the object", good + " {}", "not JSON"),
                Arguments.of("a field twice", good.replaceFirst("\\{", "{\"broker\":\"ssl://x:1\","), "not JSON"),
                Arguments.of("an unknown field", with(good, "comment", "hello"), "$.comment: unknown field"),
                Arguments.of("a missing field", without(good, "hqSigningCertificate"), "$.hqSigningCertificate: missing"),
                Arguments.of("another format", with(good, "format", "doorstep-enrolment/2"), "$.format"),
                Arguments.of("a number for a certificate", withNumber(good, "caCertificate"), "$.caCertificate: expected text"),
                Arguments.of("not base64", with(good, "caCertificate", "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----"),
                        "not valid base64"),
                Arguments.of("two certificates in one field", with(good, "caCertificate", ca + device),
                        "exactly one PEM certificate"),
                Arguments.of("text around the certificate", with(good, "caCertificate", "see below\n" + ca),
                        "exactly one PEM certificate"),
                Arguments.of("a private key", with(good, "deviceCertificate", device + key), "holds a private key"),
                Arguments.of("a request, not a certificate", with(good, "deviceCertificate", csr), "not an X.509 certificate"),
                Arguments.of("a truncated certificate", with(good, "caCertificate", truncated(ca)), "not an X.509 certificate"),
                Arguments.of("a plain TCP broker", with(good, "broker", "tcp://broker:1883"), "must start with ssl:// or wss://"),
                Arguments.of("a broker with a user", with(good, "broker", "ssl://dev@broker:8883"), "no user, query or fragment"),
                Arguments.of("a broker with a path", with(good, "broker", "ssl://broker:8883/x"), "no user, query or fragment"),
                Arguments.of("no broker host", with(good, "broker", "ssl:///"), "no user, query or fragment"),
                Arguments.of("too large", with(good, "caCertificate", "x".repeat(70_000)), "1 to 65536 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageIsRefusedNamingTheFieldAndWhatIsWrong(String what, Object json, String expected) {
        byte[] bytes = json instanceof byte[] b ? b : ((String) json).getBytes(StandardCharsets.UTF_8);
        EnrolmentBundleException e = assertThrows(EnrolmentBundleException.class, () -> EnrolmentBundle.parse(bytes));
        assertTrue(e.getMessage().contains(expected), () -> what + ": " + e.getMessage());
    }

    @Test
    void certificatesThatDoNotHoldTogetherAreRefused() throws Exception {
        Hq hq = Hq.of(PkiSuite.INTL);
        Hq elsewhere = Hq.of(PkiSuite.INTL);
        Instant now = hq.pki().clock.instant();
        X509CertificateHolder ca = hq.pki().ca.certificate();
        X509CertificateHolder device = hq.device().certificate();
        assertRefused(new EnrolmentBundle(elsewhere.device().certificate(), ca, hq.encryption(), hq.signing(), BROKER),
                PkiSuite.INTL, now, "deviceCertificate: ", "is not issued by the bundle's CA");
        assertRefused(new EnrolmentBundle(device, ca, elsewhere.encryption(), hq.signing(), BROKER),
                PkiSuite.INTL, now, "hqEncryptionCertificate: ", "is not issued by the bundle's CA");
        assertRefused(new EnrolmentBundle(device, ca, hq.encryption(), elsewhere.signing(), BROKER),
                PkiSuite.INTL, now, "hqSigningCertificate: ", "is not issued by the bundle's CA");
        assertRefused(new EnrolmentBundle(device, elsewhere.pki().ca.certificate(), hq.encryption(), hq.signing(), BROKER),
                PkiSuite.INTL, now, "deviceCertificate: ", "is not issued by the bundle's CA");
        assertRefused(new EnrolmentBundle(device, device, hq.encryption(), hq.signing(), BROKER),
                PkiSuite.INTL, now, "caCertificate: ", "is not a self-signed root");
        assertRefused(new EnrolmentBundle(device, ca, hq.signing(), hq.signing(), BROKER),
                PkiSuite.INTL, now, "hqEncryptionCertificate: ", "neither key agreement nor key encipherment");
        assertRefused(new EnrolmentBundle(hq.signing(), ca, hq.encryption(), hq.signing(), BROKER),
                PkiSuite.INTL, now, "deviceCertificate: ", "not a device certificate");
        assertRefused(new EnrolmentBundle(device, ca, hq.encryption(), device, BROKER),
                PkiSuite.INTL, now, "deviceCertificate: ", "the same certificate is given as one of HQ's");
        assertRefused(hq.bundle(), PkiSuite.INTL, now.plus(Duration.ofDays(800)), "deviceCertificate: ", "expired at");
        assertRefused(hq.bundle(), PkiSuite.INTL, now.minus(Duration.ofDays(1)), "caCertificate: ",
                "not valid before");
        assertRefused(Hq.of(PkiSuite.GM).bundle(), PkiSuite.INTL, now, "caCertificate: ",
                "its key is not of the intl suite");
    }

    private static void assertRefused(EnrolmentBundle bundle, PkiSuite suite, Instant at, String field, String reason) {
        EnrolmentBundleException e = assertThrows(EnrolmentBundleException.class, () -> bundle.check(suite, at));
        assertTrue(e.getMessage().startsWith(field) && e.getMessage().contains(reason), e.getMessage());
    }

    private static String with(String json, String field, String value) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        root.put(field, value);
        return JSON.writeValueAsString(root);
    }

    private static String withNumber(String json, String field) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        root.put(field, 42);
        return JSON.writeValueAsString(root);
    }

    private static String without(String json, String field) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        root.remove(field);
        return JSON.writeValueAsString(root);
    }

    private static String truncated(String pem) {
        byte[] der = Pem.decode("CERTIFICATE", pem);
        return Pem.encode("CERTIFICATE", java.util.Arrays.copyOf(der, der.length - 20));
    }
}
