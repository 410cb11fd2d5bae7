package org.doorstep.sync.pki;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The algorithms of the device PKI, matching the vault's {@code CryptoSuite}: {@code intl} is ECDSA on P-256 with
 * SHA-256 (certificates and requests signed {@code SHA256withECDSA}, codes proven with HMAC-SHA256); {@code gm} is SM2
 * with SM3 ({@code SM3withSM2}, HMAC-SM3). The CA and every device of a deployment use the same suite.
 */
public enum PkiSuite {
    INTL("intl", "secp256r1", SECObjectIdentifiers.secp256r1, "SHA256withECDSA", "HmacSHA256"),
    GM("gm", "sm2p256v1", GMObjectIdentifiers.sm2p256v1, "SM3withSM2", "HMACSM3");

    private final String id;
    private final String curveName;
    private final ASN1ObjectIdentifier curve;
    private final String signatureAlgorithm;
    private final String macAlgorithm;

    PkiSuite(String id, String curveName, ASN1ObjectIdentifier curve, String signatureAlgorithm, String macAlgorithm) {
        this.id = id;
        this.curveName = curveName;
        this.curve = curve;
        this.signatureAlgorithm = signatureAlgorithm;
        this.macAlgorithm = macAlgorithm;
    }

    public String id() {
        return id;
    }

    /** JCA name of the signature algorithm for certificates, requests and CRLs. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    String macAlgorithm() {
        return macAlgorithm;
    }

    /** A fresh key pair on the suite's curve (for the CA, a broker, or tests; the laptop's comes from its vault). */
    public KeyPair generateKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Pki.PROVIDER);
            generator.initialize(new ECGenParameterSpec(curveName), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + id + " key pair", e);
        }
    }

    /** True if the key is an EC key on this suite's named curve. */
    boolean owns(SubjectPublicKeyInfo spki) {
        return owns(spki.getAlgorithm());
    }

    private boolean owns(AlgorithmIdentifier keyAlgorithm) {
        return keyAlgorithm.getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)
                && curve.equals(keyAlgorithm.getParameters());
    }

    /**
     * The suite whose named curve a key is on, judged by its standard encoding (SubjectPublicKeyInfo for a public
     * key, PKCS#8 for a private one); empty for any other key, or one that has no encoding.
     */
    public static Optional<PkiSuite> of(Key key) {
        AlgorithmIdentifier algorithm;
        try {
            byte[] encoded = key.getEncoded();
            if (encoded == null) {
                return Optional.empty();
            }
            algorithm = key instanceof PrivateKey ? PrivateKeyInfo.getInstance(encoded).getPrivateKeyAlgorithm()
                    : SubjectPublicKeyInfo.getInstance(encoded).getAlgorithm();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(s -> s.owns(algorithm)).findFirst();
    }

    boolean owns(PublicKey key) {
        return key instanceof ECPublicKey && owns(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
    }

    public static PkiSuite byId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown crypto suite '" + id + "': expected 'intl' or 'gm'"));
    }
}
