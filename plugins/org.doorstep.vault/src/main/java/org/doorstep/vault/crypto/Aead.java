package org.doorstep.vault.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Authenticated encryption of one record with GCM (AES-256 or SM4, by suite). A sealed record is
 * self-describing and bound to its context:
 *
 * <pre>
 *   version (1) | suite code (1) | nonce (12) | ciphertext | tag (16)
 * </pre>
 *
 * The header bytes and the caller's context (for example "case:1234/photo") are authenticated as
 * associated data, so a record cannot be moved to another slot, another case or another suite without
 * {@link #open} failing. Nonces are random: with one key per case and at most a few thousand records
 * per key, the 2^-32 collision bound of random 96-bit nonces is far away.
 */
public final class Aead {

    static final byte FORMAT_VERSION = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    static final int HEADER_BYTES = 2 + NONCE_BYTES;

    private final CryptoSuite suite;
    private final SecureRandom random;

    public Aead(CryptoSuite suite, SecureRandom random) {
        this.suite = Objects.requireNonNull(suite, "suite");
        this.random = Objects.requireNonNull(random, "random");
    }

    public CryptoSuite suite() {
        return suite;
    }

    public byte[] seal(byte[] key, byte[] plaintext, byte[] context) {
        checkKey(suite, key);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).put(FORMAT_VERSION).put(suite.code()).put(nonce);
        GCMModeCipher gcm = cipher(suite, true, key, nonce, header.array(), context);
        byte[] out = Arrays.copyOf(header.array(), HEADER_BYTES + gcm.getOutputSize(plaintext.length));
        int n = gcm.processBytes(plaintext, 0, plaintext.length, out, HEADER_BYTES);
        try {
            gcm.doFinal(out, HEADER_BYTES + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("GCM encryption cannot fail", e);
        }
        return out;
    }

    /**
     * Opens a record sealed by {@link #seal} with the same key and context. The suite is read from the
     * record, so records of both suites can be opened during a migration; it must match the key length.
     */
    public static byte[] open(byte[] key, byte[] sealed, byte[] context) throws CorruptDataException {
        if (sealed == null || sealed.length < HEADER_BYTES + TAG_BITS / 8) {
            throw new CorruptDataException("sealed record is too short");
        }
        if (sealed[0] != FORMAT_VERSION) {
            throw new CorruptDataException("unknown record format version " + (sealed[0] & 0xff));
        }
        CryptoSuite suite = CryptoSuite.byCode(sealed[1]);
        if (key == null || key.length != suite.dataKeyBytes()) {
            throw new CorruptDataException("key does not fit the record's suite " + suite.id());
        }
        byte[] header = Arrays.copyOf(sealed, HEADER_BYTES);
        byte[] nonce = Arrays.copyOfRange(sealed, 2, HEADER_BYTES);
        GCMModeCipher gcm = cipher(suite, false, key, nonce, header, context);
        int bodyLength = sealed.length - HEADER_BYTES;
        byte[] plain = new byte[gcm.getOutputSize(bodyLength)];
        int n = gcm.processBytes(sealed, HEADER_BYTES, bodyLength, plain, 0);
        try {
            n += gcm.doFinal(plain, n);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(plain, (byte) 0);
            throw new CorruptDataException("record failed authentication (altered, wrong key or wrong context)");
        }
        return n == plain.length ? plain : Arrays.copyOf(plain, n);
    }

    /**
     * Opens a record sealed by {@link #seal} as a stream, so that neither the record nor its plaintext is ever held
     * whole: plaintext comes out as the sealed bytes are read (GCM decrypts as it goes), and the tag is checked when
     * the end is reached. A record that fails authentication (altered, truncated, wrong key or context) throws a
     * {@link RecordDamagedException} from the read that reaches the end, after unauthenticated plaintext has already
     * been handed out: the caller must treat everything it read as void when that happens. The header is read and
     * checked here.
     *
     * @param key     copied, so the caller may zero its own at once
     * @param sealed  read to its end; not closed by this method (closing the returned stream closes it)
     * @throws CorruptDataException the header is unreadable or does not fit the key
     */
    public static InputStream openStream(byte[] key, InputStream sealed, byte[] context)
            throws CorruptDataException, IOException {
        byte[] header = sealed.readNBytes(HEADER_BYTES);
        if (header.length < HEADER_BYTES) {
            throw new CorruptDataException("sealed record is too short");
        }
        if (header[0] != FORMAT_VERSION) {
            throw new CorruptDataException("unknown record format version " + (header[0] & 0xff));
        }
        CryptoSuite suite = CryptoSuite.byCode(header[1]);
        if (key == null || key.length != suite.dataKeyBytes()) {
            throw new CorruptDataException("key does not fit the record's suite " + suite.id());
        }
        byte[] nonce = Arrays.copyOfRange(header, 2, HEADER_BYTES);
        return new OpeningStream(cipher(suite, false, key.clone(), nonce, header, context), sealed);
    }

    /** A record that failed authentication while being read as a stream (see {@link #openStream}). */
    public static final class RecordDamagedException extends IOException {
        private static final long serialVersionUID = 1L;

        public RecordDamagedException(String message) {
            super(message);
        }
    }

    /** Decrypts as the sealed bytes arrive; checks the tag at the end. */
    private static final class OpeningStream extends InputStream {
        private static final int BUFFER = 64 * 1024;
        private final GCMModeCipher gcm;
        private final InputStream in;
        private final byte[] input = new byte[BUFFER];
        private final byte[] output = new byte[BUFFER + 2 * TAG_BITS / 8];
        private int position;
        private int limit;
        private boolean finished;

        OpeningStream(GCMModeCipher gcm, InputStream in) {
            this.gcm = gcm;
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (position == limit) {
                if (finished) {
                    return -1;
                }
                fill();
            }
            int n = Math.min(len, limit - position);
            System.arraycopy(output, position, b, off, n);
            position += n;
            return n;
        }

        private void fill() throws IOException {
            int n = in.read(input);
            position = 0;
            if (n < 0) {
                finished = true;
                try {
                    limit = gcm.doFinal(output, 0);
                } catch (InvalidCipherTextException | IllegalStateException e) {
                    limit = 0;
                    throw new RecordDamagedException("record failed authentication (altered, truncated, wrong key or"
                            + " wrong context)");
                }
            } else {
                limit = gcm.processBytes(input, 0, n, output, 0);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static GCMModeCipher cipher(CryptoSuite suite, boolean encrypt, byte[] key, byte[] nonce,
            byte[] header, byte[] context) {
        byte[] aad = associatedData(header, context);
        GCMModeCipher gcm = GCMBlockCipher.newInstance(suite.newBlockCipher());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, aad));
        return gcm;
    }

    /** header | length of context (4) | context: unambiguous, so no two contexts authenticate alike. */
    private static byte[] associatedData(byte[] header, byte[] context) {
        byte[] ctx = context == null ? new byte[0] : context;
        return ByteBuffer.allocate(header.length + 4 + ctx.length).put(header).putInt(ctx.length).put(ctx).array();
    }

    private static void checkKey(CryptoSuite suite, byte[] key) {
        if (key == null || key.length != suite.dataKeyBytes()) {
            throw new IllegalArgumentException("a " + suite.id() + " key has " + suite.dataKeyBytes() + " bytes, not "
                    + (key == null ? "none" : key.length));
        }
    }
}
