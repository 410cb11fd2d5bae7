package org.doorstep.vault.crypto;

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
