package org.doorstep.sync.packet;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Seals one case on the laptop: signs it with the device key, then encrypts it to HQ's encryption certificate,
 * writing the packet as it goes so that no entry is ever held in memory (see docs/ARCHITECTURE.md, "Packets").
 *
 * <pre>
 *   ContentInfo AuthEnvelopedData (RFC 5083): the content key for HQ in one RecipientInfo, the content AEAD-encrypted
 *     └ encrypted content, type id-data: a ContentInfo holding SignedData (RFC 5652), signed by the device,
 *         signing certificate included, signed attributes content type, message digest, signing time
 *         └ encapsulated content, type id-data: the container (manifest JSON + entries)
 * </pre>
 *
 * The suite decides the algorithms ({@link PacketAlgorithms}): {@code intl} is ECDSA P-256 / SHA-256, ECDH P-256 with
 * AES-256 key wrap, AES-256-GCM; {@code gm} is SM2 / SM3, SM2 encryption of the content key, SM4-GCM.
 */
public final class PacketSealer {

    private static final int BUFFER = 64 * 1024;

    private final PacketSuite suite;
    private final PacketAlgorithms algorithms;
    private final PrivateKey deviceKey;
    private final X509Certificate deviceCertificate;
    private final X509Certificate hqCertificate;
    private final SecureRandom random;

    /**
     * A sealer for the suite the certificates' keys belong to: EC P-256 for {@code intl}, SM2 for {@code gm}.
     *
     * @param deviceKey         the device's private key (ECDSA P-256 or SM2)
     * @param deviceCertificate its certificate, issued by HQ's CA; included in every packet
     * @param hqCertificate     HQ's encryption certificate (EC P-256 for key agreement, or SM2 for encryption)
     * @throws IllegalArgumentException if the keys are not all of one suite
     */
    public PacketSealer(PrivateKey deviceKey, X509Certificate deviceCertificate, X509Certificate hqCertificate,
            SecureRandom random) {
        this(PacketSuite.of(Objects.requireNonNull(deviceCertificate, "deviceCertificate"), "the device certificate's key"),
                deviceKey, deviceCertificate, hqCertificate, random);
    }

    /**
     * A sealer for a named suite.
     *
     * @throws IllegalArgumentException if a key or certificate is not of that suite
     */
    public PacketSealer(PacketSuite suite, PrivateKey deviceKey, X509Certificate deviceCertificate,
            X509Certificate hqCertificate, SecureRandom random) {
        this.suite = Objects.requireNonNull(suite, "suite");
        this.algorithms = PacketAlgorithms.of(suite);
        this.deviceKey = Objects.requireNonNull(deviceKey, "deviceKey");
        this.deviceCertificate = Objects.requireNonNull(deviceCertificate, "deviceCertificate");
        this.hqCertificate = Objects.requireNonNull(hqCertificate, "hqCertificate");
        this.random = Objects.requireNonNull(random, "random");
        suite.require(deviceCertificate.getPublicKey(), "the device certificate's key");
        suite.require(deviceKey, "the device key");
        suite.require(hqCertificate.getPublicKey(), "HQ's certificate key");
    }

    public PacketSuite suite() {
        return suite;
    }

    /**
     * An upper bound of the size of the packet {@link #seal} writes for this manifest, from the sizes alone: the
     * container (header, manifest, entries), two layers of BER chunk headers (signed content and encrypted content,
     * at most 8 bytes per {@value #BUFFER}-byte chunk, a generous count), the device certificate carried in the
     * signature, and 8 KiB for the rest of the CMS structures (signer and recipient infos, algorithm parameters,
     * the GCM tag; about 1 KiB in both suites). The laptop uses it to refuse a case its outbox has no room for before
     * sealing it; it exceeds the real size by about 8-12 KiB.
     */
    public static long sizeBound(PacketManifest manifest, X509Certificate deviceCertificate) {
        long entries = 0;
        for (PacketEntry e : manifest.entries()) {
            entries += e.length();
        }
        long container = PacketContainer.MAGIC.length + 1 + 4 + manifest.toJson().length + entries;
        int certificate;
        try {
            certificate = deviceCertificate.getEncoded().length;
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException("the device certificate cannot be encoded", e);
        }
        long signed = container + chunkHeaders(container) + certificate + 4096;
        return signed + chunkHeaders(signed) + 4096;
    }

    private static long chunkHeaders(long bytes) {
        return (bytes / BUFFER + 2) * 8;
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
        if (manifest.suite() != suite) {
            throw new IllegalArgumentException("the manifest names the " + manifest.suite().id() + " suite, but this"
                    + " sealer's keys are " + suite.id());
        }
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
        CMSAuthEnvelopedDataStreamGenerator envelope = new CMSAuthEnvelopedDataStreamGenerator();
        envelope.setBufferSize(BUFFER);
        envelope.addRecipientInfoGenerator(algorithms.recipientInfo(hqCertificate, random));
        // The encrypted content is typed id-data and holds the SignedData's whole ContentInfo. Typed id-signedData,
        // RFC 5083 would require authenticated attributes, and OpenSSL 3.0 cannot parse an AuthEnvelopedData that
        // has them ("wrong tag", Field=mac); id-data needs none, and `openssl cms -decrypt` then writes exactly the
        // SignedData that `openssl cms -verify` reads.
        return envelope.open(out, algorithms.contentEncryptor(random));
    }

    private OutputStream openSignature(OutputStream envelope)
            throws GeneralSecurityException, CMSException, OperatorCreationException, IOException {
        CMSSignedDataStreamGenerator signer = new CMSSignedDataStreamGenerator();
        signer.setBufferSize(BUFFER);
        // the default signed attributes: content type, message digest, signing time, CMS algorithm protection
        signer.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder().setProvider(PacketAlgorithms.BC)
                .build(algorithms.signatureAlgorithm(), deviceKey, deviceCertificate));
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
