package org.doorstep.sync.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.IPAddress;
import org.doorstep.sync.pki.EnrolmentRefusedException.Reason;

/**
 * HQ's device CA: one self-signed root that issues enrolment codes, signs the laptops' requests against them,
 * issues the broker's server certificate, revokes and publishes the CRL. State lives in a {@link CaStore}; the
 * key pair and root certificate are given (or made by {@link #createRoot}).
 */
public final class DeviceCa {

    private final PkiSuite suite;
    private final KeyPair key;
    private final X509CertificateHolder certificate;
    private final CaOptions options;
    private final CaStore store;
    private final Clock clock;
    private final SecureRandom random;
    private final JcaX509ExtensionUtils extensions;

    /** A code as handed to the administrator: shown once, then only its id is kept. */
    public record IssuedCode(EnrolmentCode code, String codeId, String deviceId, Instant expiresAt) {
    }

    public DeviceCa(PkiSuite suite, KeyPair key, X509CertificateHolder certificate, CaOptions options, CaStore store,
            Clock clock, SecureRandom random) {
        this.suite = Objects.requireNonNull(suite, "suite");
        this.key = Objects.requireNonNull(key, "key");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.options = Objects.requireNonNull(options, "options");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.extensions = extensionUtils();
        if (!suite.owns(key.getPublic())) {
            throw new IllegalArgumentException("CA key is not a " + suite.id() + " key");
        }
    }

    /** Makes a new key pair and a self-signed root {@code O=Doorstep, CN=<name>} valid for {@code caValidity}. */
    public static DeviceCa createRoot(PkiSuite suite, String name, CaOptions options, CaStore store, Clock clock,
            SecureRandom random) {
        return createRoot(suite, name, suite.generateKeyPair(random), options, store, clock, random);
    }

    /**
     * As above with a key pair the caller made, so that HQ can keep the private key in its own key store (the CA
     * object never hands it out).
     */
    public static DeviceCa createRoot(PkiSuite suite, String name, KeyPair key, CaOptions options, CaStore store,
            Clock clock, SecureRandom random) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, EnrolmentRequest.ORGANISATION)
                .addRDN(BCStyle.CN, name).build();
        Instant now = clock.instant();
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded());
        JcaX509ExtensionUtils utils = extensionUtils();
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(subject, randomSerial(random),
                    Date.from(now.minus(options.clockSkew())), Date.from(now.plus(options.caValidity())), subject, spki)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(spki));
            X509CertificateHolder root = builder.build(Pki.signer(suite, key.getPrivate()));
            return new DeviceCa(suite, key, root, options, store, clock, random);
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build the root certificate", e);
        }
    }

    public PkiSuite suite() {
        return suite;
    }

    public X509CertificateHolder certificate() {
        return certificate;
    }

    /**
     * Names a laptop may not have, because HQ's own clients and servers use them: the certificate CN becomes the MQTT
     * user name, and the brokers give {@code hq-ingest-*} and {@code hq-console} HQ's rights (read every laptop's
     * {@code up/}, write every {@code down/}); {@code broker}, {@code hq-encryption} and {@code hq-signing} name HQ's
     * other certificates. Reserved, in any case: {@code hq} and {@code broker}, alone or followed by {@code -}, {@code .}
     * or {@code _} and anything.
     */
    private static final Pattern RESERVED = Pattern.compile("(?i)(hq|broker)([-._].*)?");

    /** HQ's own broker clients: ingest workers and the console, the names the brokers' ACLs privilege. */
    private static final Pattern HQ_CLIENT = Pattern.compile("hq-ingest-[A-Za-z0-9._-]{1,32}|hq-console");

    /** Whether {@code name} is reserved for HQ's own certificates and so refused as a laptop's device id. */
    public static boolean isReservedName(String name) {
        return name != null && RESERVED.matcher(name).matches();
    }

    private static void requireLaptopName(String deviceId) {
        if (isReservedName(deviceId)) {
            throw new IllegalArgumentException("'" + deviceId + "' cannot be a laptop's name: names starting with 'hq' or"
                    + " 'broker' are reserved for HQ's own services (the broker would give such a laptop HQ's rights);"
                    + " choose another device name");
        }
    }

    /**
     * Opens a one-time code for one device id, valid for {@code codeValidity}.
     *
     * @throws IllegalArgumentException the id is not a valid device id, or is reserved for HQ ({@link #isReservedName})
     */
    public IssuedCode issueCode(String deviceId) {
        EnrolmentRequest.subject(deviceId); // validates the id
        requireLaptopName(deviceId);
        EnrolmentCode code = EnrolmentCode.generate(random);
        Instant now = clock.instant();
        Instant expiry = now.plus(options.codeValidity());
        String id = code.id(suite);
        store.putCode(new CaStore.CodeRecord(id, deviceId, code.proofKey(suite), now, expiry, Optional.empty()));
        return new IssuedCode(code, id, deviceId, expiry);
    }

    /**
     * Checks a laptop's request against its open code and, if everything holds, signs its certificate and closes
     * the code. Checks run in this order, so that only someone who knows the code learns whether it is used or
     * expired: form, signature, code id, proof, use, expiry, subject.
     */
    public X509CertificateHolder enrol(byte[] requestDer) throws EnrolmentRefusedException {
        PKCS10CertificationRequest request;
        try {
            request = new PKCS10CertificationRequest(requestDer);
        } catch (IOException | RuntimeException e) {
            throw new EnrolmentRefusedException(Reason.MALFORMED, "not a PKCS#10 certificate request");
        }
        SubjectPublicKeyInfo spki = request.getSubjectPublicKeyInfo();
        if (!suite.owns(spki)) {
            throw new EnrolmentRefusedException(Reason.MALFORMED, "the key is not a " + suite.id() + " key");
        }
        PublicKey publicKey;
        try {
            publicKey = Pki.publicKey(spki);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new EnrolmentRefusedException(Reason.MALFORMED, "unreadable public key");
        }
        if (!request.getSignatureAlgorithm().getAlgorithm().equals(
                new DefaultSignatureAlgorithmIdentifierFinder().find(suite.signatureAlgorithm()).getAlgorithm())) {
            throw new EnrolmentRefusedException(Reason.BAD_SIGNATURE, "not signed with " + suite.signatureAlgorithm());
        }
        boolean signed;
        try {
            signed = request.isSignatureValid(Pki.verifier(publicKey));
        } catch (Exception e) {
            signed = false;
        }
        if (!signed) {
            throw new EnrolmentRefusedException(Reason.BAD_SIGNATURE, "the request's signature does not verify");
        }
        String[] proof = proofOf(request);
        CaStore.CodeRecord code = store.code(proof[0])
                .orElseThrow(() -> new EnrolmentRefusedException(Reason.UNKNOWN_CODE, "no enrolment code with that id"));
        byte[] expected = EnrolmentRequest.proof(suite, code.proofKey(), request.getSubject(), spki);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(proof[1]);
        } catch (IllegalArgumentException e) {
            throw new EnrolmentRefusedException(Reason.MALFORMED, "code proof is not base64url");
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw new EnrolmentRefusedException(Reason.BAD_PROOF, "the proof was not made with this code for this request");
        }
        if (code.usedAt().isPresent()) {
            throw new EnrolmentRefusedException(Reason.USED_CODE, "the code was used at " + code.usedAt().get());
        }
        Instant now = clock.instant();
        if (!now.isBefore(code.expiresAt())) {
            throw new EnrolmentRefusedException(Reason.EXPIRED_CODE, "the code expired at " + code.expiresAt());
        }
        X500Name expectedSubject = EnrolmentRequest.subject(code.deviceId());
        if (!expectedSubject.equals(request.getSubject())) {
            throw new EnrolmentRefusedException(Reason.SUBJECT_MISMATCH,
                    "request names '" + request.getSubject() + "', the code is for '" + expectedSubject + "'");
        }
        if (isReservedName(code.deviceId())) {
            // a code for such a name can only come from a store written before names were reserved, or by hand
            throw new EnrolmentRefusedException(Reason.RESERVED_NAME, "'" + code.deviceId() + "' is reserved for HQ's"
                    + " own services and cannot be a laptop's name; HQ must issue a code for another device name");
        }
        // Sign first, close the code second: if a concurrent request closed it in between, this certificate is
        // dropped unseen, so a code never yields two certificates.
        X509CertificateHolder issued = sign(expectedSubject, spki, now, KeyPurposeId.id_kp_clientAuth, null);
        if (!store.markCodeUsed(code.codeId(), now)) {
            throw new EnrolmentRefusedException(Reason.USED_CODE, "the code was used by a concurrent request");
        }
        record(issued, code.deviceId());
        return issued;
    }

    /**
     * A TLS client certificate for one of HQ's own broker clients ({@code hq-ingest-<n>} or {@code hq-console}),
     * whose names the brokers privilege and no laptop may have. HQ makes the key itself, so no enrolment code is
     * involved: this is the internal path {@link #issueCode} and {@link #enrol} refuse these names for. The
     * certificate is recorded like a device's, so {@link #revokeDevice} and the CRL reach it.
     *
     * @throws IllegalArgumentException the name is not one of HQ's client names, or the key is of another suite
     */
    public X509CertificateHolder issueHqClientCertificate(PublicKey publicKey, String name) {
        if (name == null || !HQ_CLIENT.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not one of HQ's broker clients (hq-ingest-<n> or"
                    + " hq-console)");
        }
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
        if (!suite.owns(spki)) {
            throw new IllegalArgumentException("the key for " + name + " is not a " + suite.id() + " key");
        }
        X509CertificateHolder issued = sign(EnrolmentRequest.subject(name), spki, clock.instant(),
                KeyPurposeId.id_kp_clientAuth, null);
        record(issued, name);
        return issued;
    }

    /**
     * A TLS server certificate (serverAuth) for the broker or HQ's endpoints, with the given DNS names or IP
     * addresses as subject alternative names (clients that check host names need them).
     */
    public X509CertificateHolder issueServerCertificate(PublicKey publicKey, String commonName, List<String> hostNames) {
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, EnrolmentRequest.ORGANISATION)
                .addRDN(BCStyle.CN, commonName).build();
        List<GeneralName> names = new ArrayList<>();
        for (String host : hostNames) {
            names.add(isIpLiteral(host) ? new GeneralName(GeneralName.iPAddress, host)
                    : new GeneralName(GeneralName.dNSName, host));
        }
        X509CertificateHolder issued = sign(subject, spki, clock.instant(), KeyPurposeId.id_kp_serverAuth,
                names.isEmpty() ? null : new GeneralNames(names.toArray(GeneralName[]::new)));
        record(issued, commonName);
        return issued;
    }

    /** What one of HQ's own certificates is for. */
    public enum HqKeyUse {
        /**
         * Packets are encrypted to it: key usage keyAgreement in the intl suite (ECDH), keyEncipherment in the gm
         * suite (SM2 public-key encryption of the content key, as the gm packet format is designed).
         */
        ENCRYPTION,
        /** Receipts and commands are signed with it: key usage digitalSignature. */
        SIGNING
    }

    /**
     * One of HQ's certificates that go into every laptop's enrolment bundle, issued under this CA so that the
     * laptop, which trusts only the bundle's CA, can check it. No extended key usage: neither use has a standard one.
     */
    public X509CertificateHolder issueHqCertificate(PublicKey publicKey, String commonName, HqKeyUse use) {
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
        if (!suite.owns(spki)) {
            throw new IllegalArgumentException("HQ's " + use.name().toLowerCase(java.util.Locale.ROOT) + " key is not a "
                    + suite.id() + " key");
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, EnrolmentRequest.ORGANISATION)
                .addRDN(BCStyle.CN, commonName).build();
        int keyUsage = use == HqKeyUse.SIGNING ? KeyUsage.digitalSignature
                : suite == PkiSuite.GM ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement;
        X509CertificateHolder issued = sign(subject, spki, clock.instant(), keyUsage, null, null);
        record(issued, commonName);
        return issued;
    }

    /**
     * Revokes one certificate this CA issued.
     *
     * @return false if it was revoked already (the first revocation and its reason stand)
     * @throws IllegalArgumentException if this CA never issued that serial
     */
    public boolean revoke(BigInteger serial, RevocationReason reason) {
        if (store.certificate(serial).isEmpty()) {
            throw new IllegalArgumentException("no certificate with serial " + serial.toString(16) + " was issued here");
        }
        return store.revoke(new CaStore.Revocation(serial, clock.instant(), Objects.requireNonNull(reason, "reason")));
    }

    /** Revokes every certificate issued to a device; returns how many were newly revoked. */
    public int revokeDevice(String deviceId, RevocationReason reason) {
        int count = 0;
        for (CaStore.IssuedCertificate issued : store.certificatesOf(deviceId)) {
            if (revoke(issued.serial(), reason)) {
                count++;
            }
        }
        return count;
    }

    public boolean isRevoked(BigInteger serial) {
        return store.revocation(serial).isPresent();
    }

    /** A fresh CRL of every revocation, numbered, valid until now + {@code crlValidity}. */
    public X509CRLHolder crl() {
        Instant now = clock.instant();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(certificate.getSubject(), Date.from(now));
        builder.setNextUpdate(Date.from(now.plus(options.crlValidity())));
        for (CaStore.Revocation revocation : store.revocations()) {
            builder.addCRLEntry(revocation.serial(), Date.from(revocation.revokedAt()), revocation.reason().code());
        }
        try {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(certificate));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(store.nextCrlNumber()));
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build the CRL", e);
        }
        return builder.build(Pki.signer(suite, key.getPrivate()));
    }

    private X509CertificateHolder sign(X500Name subject, SubjectPublicKeyInfo spki, Instant now, KeyPurposeId purpose,
            GeneralNames alternativeNames) {
        return sign(subject, spki, now, KeyUsage.digitalSignature, purpose, alternativeNames);
    }

    private X509CertificateHolder sign(X500Name subject, SubjectPublicKeyInfo spki, Instant now, int keyUsage,
            KeyPurposeId purpose, GeneralNames alternativeNames) {
        BigInteger serial;
        do {
            serial = randomSerial(random);
        } while (store.certificate(serial).isPresent());
        DistributionPoint crlPoint = new DistributionPoint(new DistributionPointName(new GeneralNames(
                new GeneralName(GeneralName.uniformResourceIdentifier, options.crlDistributionPoint().toString()))),
                null, null);
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(certificate.getSubject(), serial,
                    Date.from(now.minus(options.clockSkew())), Date.from(now.plus(options.certificateValidity())),
                    subject, spki)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            if (purpose != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(spki))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(certificate))
                    .addExtension(Extension.cRLDistributionPoints, false,
                            new CRLDistPoint(new DistributionPoint[] {crlPoint}));
            if (alternativeNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
            }
            return builder.build(Pki.signer(suite, key.getPrivate()));
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build a certificate", e);
        }
    }

    private void record(X509CertificateHolder issued, String subjectName) {
        try {
            store.putCertificate(new CaStore.IssuedCertificate(issued.getSerialNumber(), subjectName,
                    issued.getNotAfter().toInstant(), issued.getEncoded()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
    }

    /** The code id and proof from the challengePassword attribute, or MALFORMED. */
    private static String[] proofOf(PKCS10CertificationRequest request) throws EnrolmentRefusedException {
        Attribute[] attributes = request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_challengePassword);
        if (attributes.length != 1 || attributes[0].getAttributeValues().length != 1) {
            throw new EnrolmentRefusedException(Reason.MALFORMED, "the request carries no enrolment code proof");
        }
        ASN1Encodable value = attributes[0].getAttributeValues()[0];
        String text = value instanceof ASN1String s ? s.getString() : "";
        String[] parts = text.split(":", -1);
        if (parts.length != 3 || !(parts[0] + ":").equals(EnrolmentRequest.PROOF_PREFIX)
                || !parts[1].matches("[0-9a-f]{32}") || parts[2].isEmpty()) {
            throw new EnrolmentRefusedException(Reason.MALFORMED, "the enrolment code proof is not in dsk1 form");
        }
        return new String[] {parts[1], parts[2]};
    }

    /** 128 random bits, positive and non-zero (RFC 5280 §4.1.2.2 allows up to 20 octets). */
    private static BigInteger randomSerial(SecureRandom random) {
        byte[] bytes = new byte[16];
        BigInteger serial;
        do {
            random.nextBytes(bytes);
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }

    private static boolean isIpLiteral(String host) {
        return IPAddress.isValid(host);
    }

    private static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 for key identifiers unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "DeviceCa[" + suite.id() + ", " + certificate.getSubject() + ", serial "
                + HexFormat.of().formatHex(certificate.getSerialNumber().toByteArray()) + "]";
    }
}
