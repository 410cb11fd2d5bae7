package org.doorstep.sync.packet;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientId;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OutputAEADEncryptor;

import org.doorstep.sync.packet.PacketException.Reason;

/**
 * What differs between the suites inside the one packet structure (AuthEnvelopedData around SignedData around the
 * container; see docs/ARCHITECTURE.md, "Packets"): how the content key reaches HQ, how the content is encrypted,
 * and how the device signs. {@link PacketSealer} and {@link PacketOpener} do everything else the same way for both.
 */
abstract sealed class PacketAlgorithms permits PacketAlgorithms.Intl, PacketAlgorithms.Gm {

    /** Bouncy Castle as an instance, not registered: the runtime's provider list is left alone. Stateless. */
    static final Provider BC = new BouncyCastleProvider();

    static PacketAlgorithms of(PacketSuite suite) {
        return switch (suite) {
            case INTL -> Intl.INSTANCE;
            case GM -> Gm.INSTANCE;
        };
    }

    abstract PacketSuite suite();

    /** JCA name of the device's signature algorithm, for the SignerInfo. */
    abstract String signatureAlgorithm();

    /** The SignerInfo's digest and signature algorithms, and how a message names the pair. */
    abstract ASN1ObjectIdentifier digestOid();

    abstract ASN1ObjectIdentifier signatureOid();

    abstract String signatureName();

    abstract ASN1ObjectIdentifier contentEncryptionOid();

    abstract String contentEncryptionName();

    /** The RecipientInfo that brings this packet's content key to HQ. */
    abstract RecipientInfoGenerator recipientInfo(X509Certificate hqCertificate, SecureRandom random)
            throws GeneralSecurityException;

    /** A fresh content key and nonce for one packet. */
    abstract OutputAEADEncryptor contentEncryptor(SecureRandom random) throws CMSException;

    /** How HQ finds its RecipientInfo among the packet's. */
    abstract RecipientId recipientId(X509Certificate hqCertificate) throws CertificateEncodingException;

    /**
     * Refuses a RecipientInfo that is not exactly what the sealer writes: the parser would otherwise accept fields it
     * ignores, and a packet that could be changed without being refused is not what HQ wants.
     */
    abstract void checkRecipient(RecipientInformation recipient) throws PacketException;

    /** Recovers the content key with HQ's key and decrypts the content. */
    abstract Recipient recipient(PrivateKey hqKey);

    /** Content-encryption parameters beyond the algorithm, where the suite's decryptor does not check them itself. */
    void checkContentParameters(AlgorithmIdentifier algorithm) throws PacketException {
        // nothing further by default
    }

    /** The packet's content-encryption algorithm must be this suite's; a packet of the other suite is named as such. */
    final void checkContentEncryption(AlgorithmIdentifier algorithm) throws PacketException {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (!contentEncryptionOid().equals(oid)) {
            String sealedWith = Arrays.stream(PacketSuite.values()).map(PacketAlgorithms::of)
                    .filter(other -> other.contentEncryptionOid().equals(oid)).findFirst()
                    .map(other -> other.contentEncryptionName() + ", the " + other.suite().id() + " suite's cipher")
                    .orElse(oid.getId());
            throw new PacketException(Reason.MALFORMED, "the content is encrypted with " + sealedWith
                    + "; this HQ key opens " + suite().id() + " packets (" + contentEncryptionName() + ")");
        }
        checkContentParameters(algorithm);
    }

    /** The signer must use this suite's digest and signature algorithms. */
    final void checkSignerAlgorithms(SignerInformation signer) throws PacketException {
        if (!digestOid().getId().equals(signer.getDigestAlgOID())
                || !signatureOid().getId().equals(signer.getEncryptionAlgOID())) {
            throw new PacketException(Reason.BAD_SIGNATURE, "signature algorithm " + signer.getEncryptionAlgOID()
                    + " with digest " + signer.getDigestAlgOID() + " is not " + signatureName());
        }
    }

    /**
     * {@code intl}: ECDSA P-256 with SHA-256; the content key reaches HQ by ECDH (dhSinglePass-stdDH-sha256kdf, a
     * fresh ephemeral P-256 key per packet) and AES-256 key wrap; the content is AES-256-GCM (JCA, Bouncy Castle).
     */
    static final class Intl extends PacketAlgorithms {
        static final Intl INSTANCE = new Intl();

        @Override
        PacketSuite suite() {
            return PacketSuite.INTL;
        }

        @Override
        String signatureAlgorithm() {
            return "SHA256withECDSA";
        }

        @Override
        ASN1ObjectIdentifier digestOid() {
            return NISTObjectIdentifiers.id_sha256;
        }

        @Override
        ASN1ObjectIdentifier signatureOid() {
            return X9ObjectIdentifiers.ecdsa_with_SHA256;
        }

        @Override
        String signatureName() {
            return "ECDSA with SHA-256";
        }

        @Override
        ASN1ObjectIdentifier contentEncryptionOid() {
            return CMSAlgorithm.AES256_GCM;
        }

        @Override
        String contentEncryptionName() {
            return "AES-256-GCM";
        }

        @Override
        RecipientInfoGenerator recipientInfo(X509Certificate hqCertificate, SecureRandom random)
                throws GeneralSecurityException {
            // stdDH needs an originator key pair; a fresh one per packet means that a laptop's compromise later does
            // not expose earlier packets (forward secrecy on the laptop side).
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair ephemeral = generator.generateKeyPair();
            return new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF, ephemeral.getPrivate(),
                    ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP).addRecipient(hqCertificate).setProvider(BC)
                    .setSecureRandom(random);
        }

        @Override
        OutputAEADEncryptor contentEncryptor(SecureRandom random) throws CMSException {
            return (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM).setProvider(BC)
                    .setSecureRandom(random).build();
        }

        @Override
        RecipientId recipientId(X509Certificate hqCertificate) throws CertificateEncodingException {
            return new JceKeyAgreeRecipientId(hqCertificate);
        }

        @Override
        void checkRecipient(RecipientInformation recipient) throws PacketException {
            try {
                if (recipient instanceof KeyAgreeRecipientInformation agreement
                        && CMSAlgorithm.ECDH_SHA256KDF.equals(agreement.getKeyEncryptionAlgorithm().getAlgorithm())
                        && CMSAlgorithm.AES256_WRAP.equals(AlgorithmIdentifier.getInstance(
                                agreement.getKeyEncryptionAlgorithm().getParameters()).getAlgorithm())
                        && agreement.getOriginator().getOriginatorKey() != null
                        && new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1)
                                .equals(agreement.getOriginator().getOriginatorKey().getAlgorithm())) {
                    return;
                }
            } catch (RuntimeException e) {
                throw new PacketException(Reason.MALFORMED, "the key agreement cannot be read: " + e.getMessage(), e);
            }
            throw new PacketException(Reason.MALFORMED, "the key agreement is not ECDH P-256 (stdDH, SHA-256 KDF)"
                    + " with AES-256 key wrap and an ephemeral originator key");
        }

        @Override
        Recipient recipient(PrivateKey hqKey) {
            return new JceKeyAgreeAuthEnvelopedRecipient(hqKey).setProvider(BC);
        }
    }

    /**
     * {@code gm}: SM2 with SM3 ({@code SM3withSM2}, the default user ID {@code 1234567812345678} of GB/T 35276, which
     * Bouncy Castle uses when none is given); the SM4 content key reaches HQ by SM2 public-key encryption
     * ({@link Sm2KeyTransport}); the content is SM4-GCM ({@link Sm4Gcm}).
     */
    static final class Gm extends PacketAlgorithms {
        static final Gm INSTANCE = new Gm();

        @Override
        PacketSuite suite() {
            return PacketSuite.GM;
        }

        @Override
        String signatureAlgorithm() {
            return "SM3withSM2";
        }

        @Override
        ASN1ObjectIdentifier digestOid() {
            return GMObjectIdentifiers.sm3;
        }

        @Override
        ASN1ObjectIdentifier signatureOid() {
            return GMObjectIdentifiers.sm2sign_with_sm3;
        }

        @Override
        String signatureName() {
            return "SM2 with SM3";
        }

        @Override
        ASN1ObjectIdentifier contentEncryptionOid() {
            return Sm4Gcm.OID;
        }

        @Override
        String contentEncryptionName() {
            return "SM4-GCM";
        }

        @Override
        RecipientInfoGenerator recipientInfo(X509Certificate hqCertificate, SecureRandom random)
                throws GeneralSecurityException {
            return new JceKeyTransRecipientInfoGenerator(hqCertificate, Sm2KeyTransport.wrapper(hqCertificate, random));
        }

        @Override
        OutputAEADEncryptor contentEncryptor(SecureRandom random) {
            return Sm4Gcm.encryptor(random);
        }

        @Override
        RecipientId recipientId(X509Certificate hqCertificate) throws CertificateEncodingException {
            return new JceKeyTransRecipientId(hqCertificate);
        }

        @Override
        void checkRecipient(RecipientInformation recipient) throws PacketException {
            if (!(recipient instanceof KeyTransRecipientInformation)
                    || !Sm2KeyTransport.ALGORITHM.equals(recipient.getKeyEncryptionAlgorithm())) {
                throw new PacketException(Reason.MALFORMED, "the content key is not carried by SM2 encryption"
                        + " (key transport with sm2encrypt, no parameters)");
            }
        }

        @Override
        Recipient recipient(PrivateKey hqKey) {
            return Sm2KeyTransport.recipient(hqKey);
        }

        @Override
        void checkContentParameters(AlgorithmIdentifier algorithm) throws PacketException {
            try {
                Sm4Gcm.parameters(algorithm);
            } catch (IllegalArgumentException e) {
                throw new PacketException(Reason.MALFORMED, e.getMessage(), e);
            }
        }
    }
}
