package org.doorstep.sync.pki;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentVerifierProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What HQ hands a laptop after signing its request: everything the laptop needs to talk to HQ, in one strict JSON
 * file the officer carries over (format {@value #FORMAT}):
 *
 * <pre>
 * {"format":"doorstep-enrolment/1",
 *  "deviceCertificate":"-----BEGIN CERTIFICATE-----…",     the laptop's certificate (CN = device id)
 *  "caCertificate":"-----BEGIN CERTIFICATE-----…",         HQ's device CA: trust anchor for everything below
 *  "hqEncryptionCertificate":"-----BEGIN CERTIFICATE-----…", packets are encrypted to it
 *  "hqSigningCertificate":"-----BEGIN CERTIFICATE-----…",  receipts and commands are signed with it
 *  "broker":"ssl://broker.hq.example:8883"}
 * </pre>
 *
 * {@link #parse} reads it strictly: exactly these fields, each certificate one PEM block of strict DER, a TLS broker
 * address; it never carries a private key. {@link #check} then proves the certificates hold together: a CA, and the
 * three others issued by it, in force, for their purpose and of the deployment's suite. What only the laptop can
 * check (its own key, its device id) is the laptop's part.
 */
public final class EnrolmentBundle {

    public static final String FORMAT = "doorstep-enrolment/1";
    /** Four certificates and an address take a few kilobytes. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";
    private static final Set<String> FIELDS = Set.of("format", "deviceCertificate", "caCertificate",
            "hqEncryptionCertificate", "hqSigningCertificate", "broker");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final X509CertificateHolder deviceCertificate;
    private final X509CertificateHolder caCertificate;
    private final X509CertificateHolder hqEncryptionCertificate;
    private final X509CertificateHolder hqSigningCertificate;
    private final URI broker;

    /** HQ's side: assembles a bundle (the broker address is checked as {@link #parse} would). */
    public EnrolmentBundle(X509CertificateHolder deviceCertificate, X509CertificateHolder caCertificate,
            X509CertificateHolder hqEncryptionCertificate, X509CertificateHolder hqSigningCertificate, URI broker) {
        this.deviceCertificate = Objects.requireNonNull(deviceCertificate, "deviceCertificate");
        this.caCertificate = Objects.requireNonNull(caCertificate, "caCertificate");
        this.hqEncryptionCertificate = Objects.requireNonNull(hqEncryptionCertificate, "hqEncryptionCertificate");
        this.hqSigningCertificate = Objects.requireNonNull(hqSigningCertificate, "hqSigningCertificate");
        try {
            this.broker = checkBroker(Objects.requireNonNull(broker, "broker").toString());
        } catch (EnrolmentBundleException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public X509CertificateHolder deviceCertificate() {
        return deviceCertificate;
    }

    public X509CertificateHolder caCertificate() {
        return caCertificate;
    }

    public X509CertificateHolder hqEncryptionCertificate() {
        return hqEncryptionCertificate;
    }

    public X509CertificateHolder hqSigningCertificate() {
        return hqSigningCertificate;
    }

    public URI broker() {
        return broker;
    }

    /** The device id the certificate was issued to: its subject's CN (empty string when it has none). */
    public String deviceId() {
        return commonName(deviceCertificate.getSubject());
    }

    /** The bundle as UTF-8 JSON, fields in the documented order. */
    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("deviceCertificate", pem(deviceCertificate));
        root.put("caCertificate", pem(caCertificate));
        root.put("hqEncryptionCertificate", pem(hqEncryptionCertificate));
        root.put("hqSigningCertificate", pem(hqSigningCertificate));
        root.put("broker", broker.toString());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the bundle", e);
        }
    }

    /** Reads a bundle strictly; the exception names the field and what is wrong with it. */
    public static EnrolmentBundle parse(byte[] json) throws EnrolmentBundleException {
        if (json == null || json.length == 0 || json.length > MAX_BYTES) {
            throw new EnrolmentBundleException("an enrolment bundle has 1 to " + MAX_BYTES + " bytes; this one has "
                    + (json == null ? 0 : json.length) + ": it is not HQ's bundle");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new EnrolmentBundleException("the enrolment bundle is not JSON: "
                    + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new EnrolmentBundleException("the enrolment bundle cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new EnrolmentBundleException("the enrolment bundle is not a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                throw new EnrolmentBundleException("$." + name + ": unknown field; a " + FORMAT + " bundle has only "
                        + String.join(", ", List.of("format", "deviceCertificate", "caCertificate",
                                "hqEncryptionCertificate", "hqSigningCertificate", "broker")));
            }
        }
        String format = text(root, "format");
        if (!FORMAT.equals(format)) {
            throw new EnrolmentBundleException("$.format: \"" + abbreviate(format) + "\" is not " + FORMAT);
        }
        Map<String, X509CertificateHolder> certificates = new LinkedHashMap<>();
        for (String field : List.of("deviceCertificate", "caCertificate", "hqEncryptionCertificate",
                "hqSigningCertificate")) {
            certificates.put(field, certificate(field, text(root, field)));
        }
        URI broker = checkBroker(text(root, "broker"));
        return new EnrolmentBundle(certificates.get("deviceCertificate"), certificates.get("caCertificate"),
                certificates.get("hqEncryptionCertificate"), certificates.get("hqSigningCertificate"), broker);
    }

    /**
     * Proves the certificates hold together at {@code now}: the CA is a self-signed CA certificate in force; the device
     * certificate, HQ's encryption certificate and HQ's signing certificate are each issued and signed by it, in
     * force, not CAs, for their purpose (client authentication with digital signatures; key agreement or key
     * encipherment; digital signatures), with keys of {@code suite}'s curve.
     */
    public void check(PkiSuite suite, Instant now) throws EnrolmentBundleException {
        Objects.requireNonNull(suite, "suite");
        Date at = Date.from(now);
        String caName = caCertificate.getSubject().toString();
        if (!caCertificate.getIssuer().equals(caCertificate.getSubject()) || !signedBy(caCertificate, caCertificate)) {
            throw new EnrolmentBundleException("caCertificate: " + caName + " is not a self-signed root");
        }
        BasicConstraints caConstraints = BasicConstraints.fromExtensions(caCertificate.getExtensions());
        KeyUsage caUsage = KeyUsage.fromExtensions(caCertificate.getExtensions());
        if (caConstraints == null || !caConstraints.isCA() || caUsage == null || !caUsage.hasUsages(KeyUsage.keyCertSign)) {
            throw new EnrolmentBundleException("caCertificate: " + caName + " is not a CA certificate (it must say "
                    + "CA:true and keyCertSign)");
        }
        inForce("caCertificate", caCertificate, at);
        requireSuite("caCertificate", caCertificate, suite);
        issuedByCa("deviceCertificate", deviceCertificate, suite, at);
        issuedByCa("hqEncryptionCertificate", hqEncryptionCertificate, suite, at);
        issuedByCa("hqSigningCertificate", hqSigningCertificate, suite, at);

        KeyUsage deviceUsage = KeyUsage.fromExtensions(deviceCertificate.getExtensions());
        ExtendedKeyUsage deviceEku = ExtendedKeyUsage.fromExtensions(deviceCertificate.getExtensions());
        if (deviceUsage == null || !deviceUsage.hasUsages(KeyUsage.digitalSignature) || deviceEku == null
                || !deviceEku.hasKeyPurposeId(KeyPurposeId.id_kp_clientAuth)) {
            throw new EnrolmentBundleException("deviceCertificate: not a device certificate (it must allow digital "
                    + "signatures and client authentication)");
        }
        if (deviceId().isEmpty()) {
            throw new EnrolmentBundleException("deviceCertificate: its subject names no device (no CN)");
        }
        KeyUsage encryptionUsage = KeyUsage.fromExtensions(hqEncryptionCertificate.getExtensions());
        if (encryptionUsage != null && !encryptionUsage.hasUsages(KeyUsage.keyAgreement)
                && !encryptionUsage.hasUsages(KeyUsage.keyEncipherment)) {
            throw new EnrolmentBundleException("hqEncryptionCertificate: its key usage allows neither key agreement nor "
                    + "key encipherment, so packets cannot be encrypted to it");
        }
        KeyUsage signingUsage = KeyUsage.fromExtensions(hqSigningCertificate.getExtensions());
        if (signingUsage != null && !signingUsage.hasUsages(KeyUsage.digitalSignature)) {
            throw new EnrolmentBundleException("hqSigningCertificate: its key usage does not allow digital signatures");
        }
        if (deviceCertificate.equals(hqEncryptionCertificate) || deviceCertificate.equals(hqSigningCertificate)) {
            throw new EnrolmentBundleException("deviceCertificate: the same certificate is given as one of HQ's");
        }
    }

    private void issuedByCa(String field, X509CertificateHolder certificate, PkiSuite suite, Date at)
            throws EnrolmentBundleException {
        if (!certificate.getIssuer().equals(caCertificate.getSubject()) || !signedBy(certificate, caCertificate)) {
            throw new EnrolmentBundleException(field + ": " + certificate.getSubject() + " is not issued by the bundle's CA "
                    + caCertificate.getSubject());
        }
        BasicConstraints constraints = BasicConstraints.fromExtensions(certificate.getExtensions());
        if (constraints != null && constraints.isCA()) {
            throw new EnrolmentBundleException(field + ": " + certificate.getSubject() + " is a CA certificate, not an "
                    + "end entity's");
        }
        inForce(field, certificate, at);
        requireSuite(field, certificate, suite);
    }

    private static void inForce(String field, X509CertificateHolder certificate, Date at) throws EnrolmentBundleException {
        if (at.before(certificate.getNotBefore())) {
            throw new EnrolmentBundleException(field + ": not valid before " + certificate.getNotBefore().toInstant()
                    + " (check this laptop's clock)");
        }
        if (at.after(certificate.getNotAfter())) {
            throw new EnrolmentBundleException(field + ": expired at " + certificate.getNotAfter().toInstant());
        }
    }

    private static void requireSuite(String field, X509CertificateHolder certificate, PkiSuite suite)
            throws EnrolmentBundleException {
        if (!suite.owns(certificate.getSubjectPublicKeyInfo())) {
            throw new EnrolmentBundleException(field + ": its key is not of the " + suite.id() + " suite, which this "
                    + "laptop uses");
        }
    }

    private static boolean signedBy(X509CertificateHolder certificate, X509CertificateHolder issuer) {
        try {
            ContentVerifierProvider verifier = Pki.verifier(Pki.publicKey(issuer.getSubjectPublicKeyInfo()));
            return certificate.isSignatureValid(verifier);
        } catch (GeneralSecurityException | RuntimeException | org.bouncycastle.operator.OperatorCreationException
                | org.bouncycastle.cert.CertException e) {
            return false;
        }
    }

    private static X509CertificateHolder certificate(String field, String pem) throws EnrolmentBundleException {
        if (pem.contains("PRIVATE KEY")) {
            throw new EnrolmentBundleException("$." + field + ": holds a private key. A bundle never carries one: do not "
                    + "install it, and tell HQ that the key in it must be treated as exposed");
        }
        String text = pem.strip();
        if (!text.startsWith(BEGIN) || !text.endsWith(END) || text.indexOf(BEGIN, 1) >= 0
                || text.indexOf(END) != text.length() - END.length()) {
            throw new EnrolmentBundleException("$." + field + ": expected exactly one PEM certificate (" + BEGIN + " … "
                    + END + ")");
        }
        String body = text.substring(BEGIN.length(), text.length() - END.length()).replaceAll("\\s+", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new EnrolmentBundleException("$." + field + ": the PEM block is not valid base64");
        }
        X509CertificateHolder holder;
        try {
            holder = new X509CertificateHolder(der);
        } catch (IOException | RuntimeException e) {
            throw new EnrolmentBundleException("$." + field + ": not an X.509 certificate (" + e.getMessage() + ")");
        }
        try {
            if (!Arrays.equals(holder.getEncoded(), der)) {
                throw new EnrolmentBundleException("$." + field + ": the certificate is not in strict DER form");
            }
        } catch (IOException e) {
            throw new EnrolmentBundleException("$." + field + ": the certificate cannot be encoded: " + e.getMessage());
        }
        return holder;
    }

    private static URI checkBroker(String text) throws EnrolmentBundleException {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new EnrolmentBundleException("$.broker: \"" + abbreviate(text) + "\" is not an address: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equals("ssl") && !scheme.equals("wss")) {
            throw new EnrolmentBundleException("$.broker: \"" + abbreviate(text) + "\" must start with ssl:// or wss://: "
                    + "the broker is reached only over TLS");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || (scheme.equals("ssl") && !uri.getRawPath().isEmpty())
                || uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new EnrolmentBundleException("$.broker: \"" + abbreviate(text) + "\" must be ssl://host[:port] or "
                    + "wss://host[:port][/path], with no user, query or fragment");
        }
        return uri;
    }

    private static String text(JsonNode root, String field) throws EnrolmentBundleException {
        JsonNode node = root.get(field);
        if (node == null) {
            throw new EnrolmentBundleException("$." + field + ": missing");
        }
        if (!node.isTextual()) {
            throw new EnrolmentBundleException("$." + field + ": expected text");
        }
        return node.textValue();
    }

    private static String pem(X509CertificateHolder certificate) {
        try {
            return Pem.encode("CERTIFICATE", certificate.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
    }

    static String commonName(X500Name name) {
        RDN[] cns = name.getRDNs(BCStyle.CN);
        return cns.length == 1 ? IETFUtils.valueToString(cns[0].getFirst().getValue()) : "";
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\p{Cntrl}", "?");
        return one.length() <= 60 ? one : one.substring(0, 60) + "…";
    }

    @Override
    public String toString() {
        return "EnrolmentBundle[" + deviceId() + ", CA " + caCertificate.getSubject() + ", broker " + broker + "]";
    }
}
