package org.doorstep.vault.crypto;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * The laptop's signing key pair: ECDSA P-256 with SHA-256 in the {@code intl} suite, SM2 with SM3 in the
 * {@code gm} suite. It signs the audit trail now and, once HQ has certified it, the packets sent to HQ.
 * Keys travel in the standard encodings (PKCS#8 for the private key, SubjectPublicKeyInfo for the public
 * one) so that certificate requests and CMS can use them unchanged. Signatures are DER-encoded (r, s).
 */
public final class DeviceKey {

    private final CryptoSuite suite;
    private final ECPrivateKeyParameters privateKey;
    private final ECPublicKeyParameters publicKey;

    private DeviceKey(CryptoSuite suite, ECPrivateKeyParameters privateKey, ECPublicKeyParameters publicKey) {
        this.suite = suite;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static DeviceKey generate(CryptoSuite suite, SecureRandom random) {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(domain(suite), random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        return new DeviceKey(suite, (ECPrivateKeyParameters) pair.getPrivate(), (ECPublicKeyParameters) pair.getPublic());
    }

    /** Rebuilds a key pair from its PKCS#8 encoding, checking that it belongs to the suite's curve. */
    public static DeviceKey fromPkcs8(CryptoSuite suite, byte[] pkcs8) throws CorruptDataException {
        AsymmetricKeyParameter key;
        try {
            key = PrivateKeyFactory.createKey(pkcs8);
        } catch (IOException | RuntimeException e) {
            throw new CorruptDataException("device key is not a valid PKCS#8 key: " + e.getMessage());
        }
        if (!(key instanceof ECPrivateKeyParameters ec) || !ec.getParameters().equals(domain(suite))) {
            throw new CorruptDataException("device key is not on the " + suite.id() + " suite's curve");
        }
        ECPublicKeyParameters pub = new ECPublicKeyParameters(ec.getParameters().getG().multiply(ec.getD()).normalize(),
                ec.getParameters());
        return new DeviceKey(suite, ec, pub);
    }

    public CryptoSuite suite() {
        return suite;
    }

    /** PKCS#8 PrivateKeyInfo, DER. Only ever stored sealed under the vault master key. */
    public byte[] privateKeyPkcs8() {
        try {
            return PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the device key", e);
        }
    }

    /** SubjectPublicKeyInfo, DER: what HQ and the audit verifier need. */
    public byte[] publicKeyInfo() {
        try {
            return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the device public key", e);
        }
    }

    public byte[] sign(byte[] message) {
        Signer signer = signer(suite);
        signer.init(true, suite == CryptoSuite.GM ? new ParametersWithRandom(privateKey, new SecureRandom()) : privateKey);
        signer.update(message, 0, message.length);
        try {
            return signer.generateSignature();
        } catch (CryptoException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /** Checks a signature against a SubjectPublicKeyInfo; any malformed input simply fails to verify. */
    public static boolean verify(CryptoSuite suite, byte[] publicKeyInfo, byte[] message, byte[] signature) {
        try {
            AsymmetricKeyParameter key = PublicKeyFactory.createKey(publicKeyInfo);
            if (!(key instanceof ECPublicKeyParameters ec) || !ec.getParameters().equals(domain(suite))) {
                return false;
            }
            Signer signer = signer(suite);
            signer.init(false, ec);
            signer.update(message, 0, message.length);
            return signer.verifySignature(signature);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Signer signer(CryptoSuite suite) {
        return switch (suite) {
            case INTL -> new DSADigestSigner(new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest())), new SHA256Digest());
            case GM -> new SM2Signer();
        };
    }

    private static ECNamedDomainParameters domain(CryptoSuite suite) {
        ASN1ObjectIdentifier oid = switch (Objects.requireNonNull(suite, "suite")) {
            case INTL -> SECObjectIdentifiers.secp256r1;
            case GM -> GMObjectIdentifiers.sm2p256v1;
        };
        X9ECParameters curve = CustomNamedCurves.getByOID(oid);
        return new ECNamedDomainParameters(oid, curve);
    }

    @Override
    public String toString() {
        return "DeviceKey[" + suite.id() + ", public " + Arrays.hashCode(publicKeyInfo()) + "]";
    }
}
