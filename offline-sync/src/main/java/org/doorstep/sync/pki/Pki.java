package org.doorstep.sync.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Shared plumbing. Bouncy Castle is used as a provider <em>object</em>, never installed with
 * {@code Security.addProvider}: the JVM-wide provider list stays as the application left it, and SM2/SM3 work
 * whatever the runtime ships.
 */
final class Pki {

    static final Provider PROVIDER = new BouncyCastleProvider();

    private Pki() {
    }

    static ContentSigner signer(PkiSuite suite, PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(suite.signatureAlgorithm()).setProvider(PROVIDER).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with " + suite.signatureAlgorithm(), e);
        }
    }

    static ContentVerifierProvider verifier(PublicKey key) throws OperatorCreationException {
        return new JcaContentVerifierProviderBuilder().setProvider(PROVIDER).build(key);
    }

    static PublicKey publicKey(SubjectPublicKeyInfo spki) throws GeneralSecurityException {
        try {
            return KeyFactory.getInstance("EC", PROVIDER).generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
        } catch (IOException e) {
            throw new GeneralSecurityException("unencodable public key", e);
        }
    }

    static X509Certificate toJca(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().setProvider(PROVIDER).getCertificate(holder);
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot convert a certificate we just built", e);
        }
    }

    static X509CRL toJca(X509CRLHolder holder) {
        try {
            return new JcaX509CRLConverter().setProvider(PROVIDER).getCRL(holder);
        } catch (CRLException e) {
            throw new IllegalStateException("cannot convert a CRL we just built", e);
        }
    }

    /**
     * The key pair of the vault's {@code DeviceKey}, from its PKCS#8 private key (which carries no public key, so
     * the public half comes from its SubjectPublicKeyInfo, the other encoding {@code DeviceKey} offers).
     */
    static KeyPair keyPair(byte[] pkcs8, byte[] subjectPublicKeyInfo) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("EC", PROVIDER);
        return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo)),
                factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
    }
}
