package org.doorstep.sync.packet;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputAEADEncryptor;

/**
 * Seals one case on the laptop: signs it with the device key, then encrypts it to HQ's encryption certificate,
 * writing the packet as it goes so that no entry is ever held in memory (see docs/ARCHITECTURE.md, "Packets").
 *
 * <pre>
 *   ContentInfo AuthEnvelopedData (RFC 5083): AES-256-GCM, one KeyAgreeRecipientInfo for HQ
 *     (dhSinglePass-stdDH-sha256kdf-scheme with a fresh ephemeral P-256 key, AES-256 key wrap)
 *     └ encrypted content, type id-data: a ContentInfo holding SignedData (RFC 5652), ECDSA with SHA-256,
 *         signing certificate included, signed attributes content type, message digest, signing time
 *         └ encapsulated content, type id-data: the container (manifest JSON + entries)
 * </pre>
 *
 * Only the {@code intl} suite is implemented.
 */
public final class PacketSealer {

    private static final int BUFFER = 64 * 1024;

    private final PrivateKey deviceKey;
    private final X509Certificate deviceCertificate;
    private final X509Certificate hqCertificate;
    private final SecureRandom random;
    /** Bouncy Castle as an instance, not registered: the runtime's provider list is left alone. Stateless. */
    private static final Provider BC = new BouncyCastleProvider();

    /**
     * @param deviceKey         the device's ECDSA P-256 private key
     * @param deviceCertificate its certificate, issued by HQ's CA; included in every packet
     * @param hqCertificate     HQ's encryption certificate (an EC P-256 key for key agreement)
     */
    public PacketSealer(PrivateKey deviceKey, X509Certificate deviceCertificate, X509Certificate hqCertificate,
            SecureRandom random) {
        this.deviceKey = Objects.requireNonNull(deviceKey, "deviceKey");
        this.deviceCertificate = Objects.requireNonNull(deviceCertificate, "deviceCertificate");
        this.hqCertificate = Objects.requireNonNull(hqCertificate, "hqCertificate");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Gives the content of one entry of the manifest; called once per entry, in manifest order. */
    @FunctionalInterface
    public interface EntrySource {
        InputStream open(PacketEntry entry) throws IOException;
    }

    /**
     * Writes the sealed packet to {@code out} (which is not closed). Each entry's content must have exactly the
     * length and digest the manifest gives; if not, an {@link IllegalArgumentException} names the entry and what was
     * written so far must be thrown away.
     */
    public void seal(PacketManifest manifest, EntrySource source, OutputStream out) throws IOException {
        Objects.requireNonNull(source, "source");
        sealContent(signed -> PacketContainer.write(manifest, source, signed), out);
    }

    /** Writes the signed content; tests use it to seal containers that the real sealer would never write. */
    @FunctionalInterface
    interface ContentWriter {
        void write(OutputStream signed) throws IOException;
    }

    void sealContent(ContentWriter content, OutputStream out) throws IOException {
        try {
            OutputStream envelope = openEnvelope(out);
            OutputStream signed = openSignature(envelope);
            content.write(signed);
            signed.close();
            envelope.close();
        } catch (GeneralSecurityException | CMSException | OperatorCreationException e) {
            throw new IOException("cannot seal a packet: " + e.getMessage(), e);
        }
    }

    private OutputStream openEnvelope(OutputStream out)
            throws GeneralSecurityException, CMSException, IOException {
        // stdDH needs an originator key pair; a fresh one per packet means that a laptop's compromise later does
        // not expose earlier packets (forward secrecy on the laptop side).
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair ephemeral = generator.generateKeyPair();
        CMSAuthEnvelopedDataStreamGenerator envelope = new CMSAuthEnvelopedDataStreamGenerator();
        envelope.setBufferSize(BUFFER);
        envelope.addRecipientInfoGenerator(new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF,
                ephemeral.getPrivate(), ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP)
                .addRecipient(hqCertificate).setProvider(BC).setSecureRandom(random));
        OutputAEADEncryptor encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                .setProvider(BC).setSecureRandom(random).build();
        // The encrypted content is typed id-data and holds the SignedData's whole ContentInfo. Typed id-signedData,
        // RFC 5083 would require authenticated attributes, and OpenSSL 3.0 cannot parse an AuthEnvelopedData that
        // has them ("wrong tag", Field=mac); id-data needs none, and `openssl cms -decrypt` then writes exactly the
        // SignedData that `openssl cms -verify` reads.
        return envelope.open(out, encryptor);
    }

    private OutputStream openSignature(OutputStream envelope)
            throws GeneralSecurityException, CMSException, OperatorCreationException, IOException {
        CMSSignedDataStreamGenerator signer = new CMSSignedDataStreamGenerator();
        signer.setBufferSize(BUFFER);
        // the default signed attributes: content type, message digest, signing time, CMS algorithm protection
        signer.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder().setProvider(BC)
                .build("SHA256withECDSA", deviceKey, deviceCertificate));
        signer.addCertificates(new JcaCertStore(List.of(deviceCertificate)));
        return signer.open(envelope, true);
    }

    /** Copies one entry, checking its length and digest against the manifest as it passes. */
    static void copyEntry(PacketEntry entry, PacketSuite suite, InputStream in, DataOutputStream out) throws IOException {
        Digest digest = suite.newDigest();
        byte[] buffer = new byte[BUFFER];
        long copied = 0;
        for (int n; (n = in.read(buffer)) != -1;) {
            copied += n;
            if (copied > entry.length()) {
                throw new IllegalArgumentException("entry " + entry.name() + " is longer than the manifest's "
                        + entry.length() + " bytes");
            }
            digest.update(buffer, 0, n);
            out.write(buffer, 0, n);
        }
        if (copied != entry.length()) {
            throw new IllegalArgumentException("entry " + entry.name() + " has " + copied + " bytes, the manifest says "
                    + entry.length());
        }
        byte[] actual = new byte[digest.getDigestSize()];
        digest.doFinal(actual, 0);
        if (!Arrays.equals(actual, entry.digest())) {
            throw new IllegalArgumentException("entry " + entry.name() + " does not match the manifest's digest");
        }
    }
}
