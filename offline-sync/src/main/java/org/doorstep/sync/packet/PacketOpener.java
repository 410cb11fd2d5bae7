package org.doorstep.sync.packet;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import javax.crypto.AEADBadTagException;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAuthEnvelopedDataParser;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.io.InvalidCipherTextIOException;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import org.doorstep.sync.packet.PacketException.Reason;

/**
 * Opens packets at HQ: decrypts them with HQ's key, checks the container against its manifest and the signature
 * against the device certificate the caller expects. Entries are streamed to an {@link EntrySink} while the packet
 * is read, so a large case is never held in memory; because the signature and the GCM tag can only be checked
 * at the end, what a sink received counts only if {@link #open} returns normally, and must be thrown away if it
 * throws.
 */
public final class PacketOpener {

    private static final int BUFFER = 64 * 1024;

    private final PacketSuite suite;
    private final PacketAlgorithms algorithms;
    private final PrivateKey hqKey;
    private final X509Certificate hqCertificate;
    private final PacketLimits limits;

    /**
     * An opener for the suite of HQ's certificate: {@code intl} for an EC P-256 key, {@code gm} for SM2. It opens
     * only packets of that suite; packets of the other are refused as {@link Reason#MALFORMED}, saying so.
     *
     * @throws IllegalArgumentException if the key and certificate are not of one suite
     */
    public PacketOpener(PrivateKey hqKey, X509Certificate hqCertificate, PacketLimits limits) {
        this(PacketSuite.of(Objects.requireNonNull(hqCertificate, "hqCertificate"), "HQ's certificate key"), hqKey,
                hqCertificate, limits);
    }

    /**
     * An opener for a named suite.
     *
     * @throws IllegalArgumentException if HQ's key or certificate is not of that suite
     */
    public PacketOpener(PacketSuite suite, PrivateKey hqKey, X509Certificate hqCertificate, PacketLimits limits) {
        this.suite = Objects.requireNonNull(suite, "suite");
        this.algorithms = PacketAlgorithms.of(suite);
        this.hqKey = Objects.requireNonNull(hqKey, "hqKey");
        this.hqCertificate = Objects.requireNonNull(hqCertificate, "hqCertificate");
        this.limits = Objects.requireNonNull(limits, "limits");
        suite.require(hqCertificate.getPublicKey(), "HQ's certificate key");
        suite.require(hqKey, "HQ's key");
    }

    public PacketSuite suite() {
        return suite;
    }

    /** Receives each entry's content, in manifest order. The stream ends after exactly the entry's length. */
    @FunctionalInterface
    public interface EntrySink {
        void accept(PacketEntry entry, InputStream content) throws IOException;
    }

    /** A small packet opened into memory: for tests and tools, not for ingest of large cases. */
    public record OpenedPacket(PacketManifest manifest, Map<String, byte[]> contents) {
    }

    public OpenedPacket openInMemory(InputStream packet, X509Certificate deviceCertificate)
            throws PacketException, IOException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        PacketManifest manifest = open(packet, deviceCertificate, (entry, in) -> contents.put(entry.name(), in.readAllBytes()));
        return new OpenedPacket(manifest, contents);
    }

    /**
     * Opens one packet.
     *
     * @param deviceCertificate the certificate HQ's registry holds for the device the packet should come from
     * @return the manifest, once everything checked out
     * @throws PacketException          the packet is refused; its reason says why
     * @throws IOException              only when the sink itself failed
     * @throws IllegalArgumentException if the device certificate is not of this opener's suite (a registry error,
     *                                  not the packet's)
     */
    public PacketManifest open(InputStream packet, X509Certificate deviceCertificate, EntrySink sink)
            throws PacketException, IOException {
        Objects.requireNonNull(deviceCertificate, "deviceCertificate");
        Objects.requireNonNull(sink, "sink");
        suite.require(deviceCertificate.getPublicKey(), "the device certificate's key");
        InputStream plain = decrypt(packet);
        try {
            return openSigned(plain, deviceCertificate, sink);
        } catch (SinkFailure e) {
            throw e.getCause();
        } catch (PacketException e) {
            // a changed ciphertext byte usually shows first as nonsense in the signed content; the GCM tag says
            // whether it was tampering
            throw tagFailure(e, plain) ? new PacketException(Reason.TAMPERED,
                    "the content fails GCM authentication (" + e.getMessage() + ")", e) : e;
        } catch (IOException | CMSException | RuntimeException e) {
            if (isTagFailure(e) || tagFailure(e, plain)) {
                throw new PacketException(Reason.TAMPERED, "the content fails GCM authentication", e);
            }
            throw new PacketException(Reason.MALFORMED, "the signed content cannot be read: " + e.getMessage(), e);
        }
    }

    private InputStream decrypt(InputStream packet) throws PacketException {
        EnvelopeParser envelope;
        try {
            envelope = new EnvelopeParser(new BufferedInputStream(packet, BUFFER));
        } catch (CMSException | IOException | RuntimeException e) {
            throw new PacketException(Reason.MALFORMED, "not a CMS AuthEnvelopedData: " + e.getMessage(), e);
        }
        if (!CMSObjectIdentifiers.authEnvelopedData.equals(envelope.contentType())) {
            throw new PacketException(Reason.MALFORMED, "the packet is a " + envelope.contentType()
                    + ", not AuthEnvelopedData");
        }
        algorithms.checkContentEncryption(envelope.getEncryptionAlgOID());
        RecipientInformation recipient;
        try {
            recipient = envelope.getRecipientInfos().get(algorithms.recipientId(hqCertificate));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("HQ's certificate cannot be encoded", e);
        } catch (RuntimeException e) {
            throw new PacketException(Reason.MALFORMED, "recipient infos cannot be read: " + e.getMessage(), e);
        }
        if (recipient == null) {
            throw new PacketException(Reason.UNDECRYPTABLE, "the packet is not addressed to HQ certificate "
                    + hqCertificate.getSerialNumber().toString(16));
        }
        algorithms.checkRecipient(recipient);
        try {
            CMSTypedStream content = recipient.getContentStream(algorithms.recipient(hqKey));
            if (!CMSObjectIdentifiers.data.equals(content.getContentType())) {
                throw new PacketException(Reason.MALFORMED, "the encrypted content is " + content.getContentType()
                        + ", not id-data holding a SignedData");
            }
            return new TagCheckedStream(content.getContentStream());
        } catch (CMSException | IOException | RuntimeException e) {
            throw new PacketException(Reason.UNDECRYPTABLE, "the content key cannot be recovered with HQ's key: "
                    + e.getMessage(), e);
        }
    }

    private PacketManifest openSigned(InputStream plain, X509Certificate deviceCertificate, EntrySink sink)
            throws PacketException, IOException, CMSException {
        SignedParser signed;
        try {
            signed = new SignedParser(new JcaDigestCalculatorProviderBuilder().setProvider(PacketAlgorithms.BC).build(),
                    plain);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("Bouncy Castle has no digest calculators", e);
        }
        if (!CMSObjectIdentifiers.signedData.equals(signed.contentType())) {
            throw new PacketException(Reason.MALFORMED, "the decrypted content is a " + signed.contentType()
                    + ", not SignedData");
        }
        CMSTypedStream content = signed.getSignedContent();
        if (content == null || !CMSObjectIdentifiers.data.equals(content.getContentType())) {
            throw new PacketException(Reason.MALFORMED, "the SignedData does not encapsulate id-data content");
        }
        DataInputStream in = new DataInputStream(content.getContentStream());
        PacketManifest manifest = PacketContainer.readManifest(in, limits);
        if (manifest.suite() != suite) {
            throw new PacketException(Reason.MALFORMED, "the manifest names the " + manifest.suite().id()
                    + " suite, but the packet is sealed with the " + suite.id() + " suite");
        }
        for (PacketEntry entry : manifest.entries()) {
            readEntry(entry, manifest.suite(), in, sink);
        }
        if (in.read() != -1) {
            throw new PacketException(Reason.MALFORMED, "data follows the last entry of the manifest");
        }
        content.drain();
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        // the rest of the decrypted stream, so that the GCM tag is checked before the signature is judged
        drain(plain);
        verifySignature(signers, deviceCertificate);
        return manifest;
    }

    private void readEntry(PacketEntry entry, PacketSuite suite, DataInputStream in, EntrySink sink)
            throws IOException, PacketException {
        EntryStream stream = new EntryStream(in, entry.length(), suite.newDigest());
        try {
            sink.accept(entry, stream);
        } catch (IOException e) {
            if (stream.sourceFailure != null) {
                throw stream.sourceFailure;
            }
            throw new SinkFailure(e);
        }
        if (stream.sourceFailure != null) {
            throw stream.sourceFailure;
        }
        drain(stream);
        if (stream.remaining != 0) {
            throw new PacketException(Reason.MALFORMED, "the container ends inside entry " + entry.name());
        }
        byte[] digest = new byte[stream.digest.getDigestSize()];
        stream.digest.doFinal(digest, 0);
        if (!Arrays.equals(digest, entry.digest())) {
            throw new PacketException(Reason.TAMPERED, "entry " + entry.name() + " does not match its digest");
        }
    }

    private void verifySignature(Collection<SignerInformation> signers, X509Certificate deviceCertificate)
            throws PacketException {
        if (signers.size() != 1) {
            throw new PacketException(Reason.MALFORMED, "the packet has " + signers.size() + " signers, not one");
        }
        SignerInformation signer = signers.iterator().next();
        try {
            if (!signer.getSID().match(new JcaX509CertificateHolder(deviceCertificate))) {
                throw new PacketException(Reason.UNKNOWN_SIGNER, "the packet is signed by " + signer.getSID().getIssuer()
                        + " #" + signer.getSID().getSerialNumber() + ", not by the expected device certificate");
            }
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the device certificate cannot be encoded", e);
        }
        algorithms.checkSignerAlgorithms(signer);
        boolean valid;
        try {
            valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(PacketAlgorithms.BC)
                    .build(deviceCertificate));
        } catch (CMSException | OperatorCreationException | RuntimeException e) {
            throw new PacketException(Reason.BAD_SIGNATURE, "the signature does not verify: " + e.getMessage(), e);
        }
        if (!valid) {
            throw new PacketException(Reason.BAD_SIGNATURE, "the signature does not verify");
        }
    }

    /** Whether reading what is left of the decrypted stream fails GCM authentication. */
    private static boolean tagFailure(Exception first, InputStream plain) {
        if (isTagFailure(first)) {
            return true;
        }
        try {
            drain(plain);
            return false;
        } catch (IOException | RuntimeException e) {
            return isTagFailure(e);
        }
    }

    private static boolean isTagFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidCipherTextIOException || t instanceof AEADBadTagException
                    || String.valueOf(t.getMessage()).contains("mac check")) {
                return true;
            }
        }
        return false;
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[BUFFER];
        while (in.read(buffer) != -1) {
            // discard
        }
    }

    /** Bouncy Castle's parsers do not check the ContentInfo's type; these say what it is. */
    private static final class EnvelopeParser extends CMSAuthEnvelopedDataParser {
        EnvelopeParser(InputStream in) throws CMSException, IOException {
            super(in);
        }

        ASN1ObjectIdentifier contentType() {
            return _contentInfo.getContentType();
        }
    }

    private static final class SignedParser extends CMSSignedDataParser {
        SignedParser(DigestCalculatorProvider digests, InputStream in) throws CMSException {
            super(digests, in);
        }

        ASN1ObjectIdentifier contentType() {
            return _contentInfo.getContentType();
        }
    }

    /**
     * The decrypted content, remembering a failed GCM tag: every read after it fails the same way. Bouncy Castle's
     * ASN.1 parser keeps only the message of an exception it catches, so when the tag fails under the parser,
     * {@link #tagFailure} asks this stream again to learn whether it was the tag.
     */
    private static final class TagCheckedStream extends FilterInputStream {
        private IOException tagFailure;

        TagCheckedStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (tagFailure != null) {
                throw tagFailure;
            }
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                if (isTagFailure(e)) {
                    tagFailure = e;
                }
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            return n <= 0 ? 0 : Math.max(0, read(new byte[(int) Math.min(n, BUFFER)]));
        }
    }

    /** The sink's failure, kept apart from failures of the packet so that it is not reported as one. */
    private static final class SinkFailure extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        SinkFailure(IOException cause) {
            super(cause);
        }
    }

    /** One entry's bytes: ends after its length, digests what passes, remembers a failure of the packet stream. */
    private static final class EntryStream extends FilterInputStream {
        final Digest digest;
        long remaining;
        IOException sourceFailure;

        EntryStream(InputStream in, long length, Digest digest) {
            super(in);
            this.remaining = length;
            this.digest = digest;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n;
            try {
                n = in.read(b, off, (int) Math.min(len, remaining));
            } catch (IOException e) {
                sourceFailure = e;
                throw e;
            }
            if (n == -1) {
                return -1;
            }
            remaining -= n;
            digest.update(b, off, n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return n <= 0 ? 0 : Math.max(0, read(new byte[(int) Math.min(n, BUFFER)]));
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public void close() {
            // the packet stream stays open for the next entry
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
