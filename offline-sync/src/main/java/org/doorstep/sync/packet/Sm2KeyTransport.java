package org.doorstep.sync.packet;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyTransRecipient;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.AsymmetricKeyWrapper;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.OperatorException;
import org.bouncycastle.util.BigIntegers;

/**
 * The {@code gm} suite's content key, carried to HQ in a KeyTransRecipientInfo as GB/T 35275 does it: key-encryption
 * algorithm {@code sm2encrypt} (1.2.156.10197.1.301.3, no parameters), the encrypted key an SM2 public-key
 * encryption (GB/T 32918.4, with SM3) of the 16-byte SM4 key to HQ's SM2 certificate, DER-encoded as GB/T 35276's
 * {@code SM2Cipher ::= SEQUENCE { x INTEGER, y INTEGER, hash OCTET STRING (32), cipherText OCTET STRING }}, that is
 * C1 (the point x, y), C3 (the SM3 hash), C2 (the cipher text), in that order. Bouncy Castle's {@link SM2Engine} runs in
 * {@link SM2Engine.Mode#C1C3C2}, whose raw output ({@code 04 | x | y | C3 | C2}) is re-encoded as that structure.
 * The hash C3 covers the key, so a changed encrypted key fails to decrypt instead of giving another key.
 */
final class Sm2KeyTransport {

    static final AlgorithmIdentifier ALGORITHM = new AlgorithmIdentifier(GMObjectIdentifiers.sm2encrypt);
    private static final int COORDINATE_BYTES = 32;
    private static final int HASH_BYTES = 32;

    private Sm2KeyTransport() {
    }

    /** Encrypts content keys to the public key of HQ's certificate. */
    static AsymmetricKeyWrapper wrapper(X509Certificate hqCertificate, SecureRandom random) {
        ECPublicKeyParameters key = publicKey(hqCertificate);
        return new AsymmetricKeyWrapper(ALGORITHM) {
            @Override
            public byte[] generateWrappedKey(GenericKey contentKey) throws OperatorException {
                if (!(contentKey.getRepresentation() instanceof byte[] raw)) {
                    throw new OperatorException("the content key is not raw bytes");
                }
                try {
                    return encrypt(key, raw, random);
                } catch (InvalidCipherTextException e) {
                    throw new OperatorException("SM2 encryption of the content key failed: " + e.getMessage(), e);
                }
            }
        };
    }

    /** Decrypts the content key with HQ's private key and gives the SM4-GCM decryptor for the content. */
    static KeyTransRecipient recipient(PrivateKey hqKey) {
        return (keyEncryptionAlgorithm, contentEncryptionAlgorithm, encryptedKey) -> {
            byte[] contentKey;
            try {
                contentKey = decrypt(privateKey(hqKey), encryptedKey);
            } catch (InvalidCipherTextException | IllegalArgumentException e) {
                throw new CMSException("the SM2-encrypted content key does not decrypt: " + e.getMessage(), e);
            }
            try {
                return new RecipientOperator(Sm4Gcm.decryptor(contentEncryptionAlgorithm, contentKey));
            } finally {
                Arrays.fill(contentKey, (byte) 0);
            }
        };
    }

    static byte[] encrypt(ECPublicKeyParameters key, byte[] plain, SecureRandom random)
            throws InvalidCipherTextException {
        SM2Engine engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.init(true, new ParametersWithRandom(key, random));
        byte[] raw = engine.processBlock(plain, 0, plain.length);
        int c2 = 1 + 2 * COORDINATE_BYTES + HASH_BYTES;
        try {
            return new DERSequence(new ASN1Encodable[] {
                new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 1, 1 + COORDINATE_BYTES))),
                new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 1 + COORDINATE_BYTES, 1 + 2 * COORDINATE_BYTES))),
                new DEROctetString(Arrays.copyOfRange(raw, 1 + 2 * COORDINATE_BYTES, c2)),
                new DEROctetString(Arrays.copyOfRange(raw, c2, raw.length))}).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an SM2 cipher text", e);
        }
    }

    /**
     * Reads an {@code SM2Cipher} strictly (DER, four fields, coordinates of at most 32 bytes, a 32-byte hash) and
     * decrypts it.
     *
     * @throws InvalidCipherTextException if it is not such a structure, the point is not on the curve or the hash
     *                                    does not match (wrong key or changed bytes)
     */
    static byte[] decrypt(ECPrivateKeyParameters key, byte[] der) throws InvalidCipherTextException {
        byte[] raw = rawC1C3C2(der);
        SM2Engine engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.init(false, key);
        return engine.processBlock(raw, 0, raw.length);
    }

    /** {@code 04 | x | y | C3 | C2}, as {@link SM2Engine.Mode#C1C3C2} reads it, from the DER structure. */
    static byte[] rawC1C3C2(byte[] der) throws InvalidCipherTextException {
        ASN1Sequence sequence;
        try {
            sequence = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
            if (!Arrays.equals(der, sequence.getEncoded(ASN1Encoding.DER)) || sequence.size() != 4) {
                throw new InvalidCipherTextException("the encrypted key is not a DER SM2Cipher of four fields");
            }
            byte[] x = coordinate(ASN1Integer.getInstance(sequence.getObjectAt(0)));
            byte[] y = coordinate(ASN1Integer.getInstance(sequence.getObjectAt(1)));
            byte[] hash = ASN1OctetString.getInstance(sequence.getObjectAt(2)).getOctets();
            byte[] cipherText = ASN1OctetString.getInstance(sequence.getObjectAt(3)).getOctets();
            if (hash.length != HASH_BYTES || cipherText.length == 0) {
                throw new InvalidCipherTextException("the SM2Cipher's hash or cipher text has the wrong length");
            }
            byte[] raw = new byte[1 + 2 * COORDINATE_BYTES + HASH_BYTES + cipherText.length];
            raw[0] = 0x04;
            System.arraycopy(x, 0, raw, 1, COORDINATE_BYTES);
            System.arraycopy(y, 0, raw, 1 + COORDINATE_BYTES, COORDINATE_BYTES);
            System.arraycopy(hash, 0, raw, 1 + 2 * COORDINATE_BYTES, HASH_BYTES);
            System.arraycopy(cipherText, 0, raw, 1 + 2 * COORDINATE_BYTES + HASH_BYTES, cipherText.length);
            return raw;
        } catch (IOException | RuntimeException e) {
            throw new InvalidCipherTextException("the encrypted key is not an SM2Cipher: " + e.getMessage(), e);
        }
    }

    private static byte[] coordinate(ASN1Integer value) throws InvalidCipherTextException {
        BigInteger v = value.getValue();
        if (v.signum() < 0 || v.bitLength() > 8 * COORDINATE_BYTES) {
            throw new InvalidCipherTextException("an SM2Cipher coordinate is out of range");
        }
        return BigIntegers.asUnsignedByteArray(COORDINATE_BYTES, v);
    }

    private static ECPublicKeyParameters publicKey(X509Certificate certificate) {
        try {
            AsymmetricKeyParameter key = PublicKeyFactory.createKey(
                    SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()));
            if (key instanceof ECPublicKeyParameters ec) {
                return ec;
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("HQ's certificate has no usable SM2 public key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("HQ's certificate has no SM2 public key");
    }

    private static ECPrivateKeyParameters privateKey(PrivateKey key) throws CMSException {
        try {
            byte[] pkcs8 = key.getEncoded();
            if (pkcs8 != null && PrivateKeyFactory.createKey(pkcs8) instanceof ECPrivateKeyParameters ec) {
                return ec;
            }
        } catch (IOException | RuntimeException e) {
            throw new CMSException("HQ's private key cannot be read as an SM2 key: " + e.getMessage(), e);
        }
        throw new CMSException("HQ's private key is not an SM2 key");
    }
}
