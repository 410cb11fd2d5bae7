package org.doorstep.vault.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The algorithm family a deployment uses, chosen once per deployment. {@code intl}: AES-256-GCM for data
 * (SHA-256 for hashing and key derivation, ECDSA P-256 for signatures); {@code gm}: the Chinese national algorithms,
 * SM4-GCM for data, SM3 for hashing and key derivation, SM2 for signatures. Both come from Bouncy Castle's lightweight API, so they
 * do not depend on which JCE providers the runtime has.
 */
public enum CryptoSuite {
    INTL("intl", (byte) 1, 32) {
        @Override
        BlockCipher newBlockCipher() {
            return AESEngine.newInstance();
        }

        @Override
        public Digest newDigest() {
            return new SHA256Digest();
        }
    },
    GM("gm", (byte) 2, 16) {
        @Override
        BlockCipher newBlockCipher() {
            return new SM4Engine();
        }

        @Override
        public Digest newDigest() {
            return new SM3Digest();
        }
    };

    private final String id;
    private final byte code;
    private final int dataKeyBytes;

    CryptoSuite(String id, byte code, int dataKeyBytes) {
        this.id = id;
        this.code = code;
        this.dataKeyBytes = dataKeyBytes;
    }

    /** Name used in configuration and on the command line: {@code intl} or {@code gm}. */
    public String id() {
        return id;
    }

    /** One byte stored in every sealed record, so a record says which suite opens it. */
    byte code() {
        return code;
    }

    /** Key length for data encryption: 32 bytes for AES-256, 16 bytes for SM4 (its only key size). */
    public int dataKeyBytes() {
        return dataKeyBytes;
    }

    abstract BlockCipher newBlockCipher();

    /** The suite's hash: SHA-256 ({@code intl}) or SM3 ({@code gm}), both 32 bytes. */
    public abstract Digest newDigest();

    /** Hashes the given parts, in order, with the suite's digest. */
    public byte[] hash(byte[]... parts) {
        Digest digest = newDigest();
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    /**
     * Derives a key of {@code length} bytes for one purpose from a longer-lived secret (HKDF, RFC 5869,
     * over the suite's hash). Different purposes give independent keys, so the same master key can
     * protect the database, the case keys and the device key without one use exposing another.
     */
    public byte[] deriveKey(byte[] secret, String purpose, int length) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(newDigest());
        hkdf.init(new HKDFParameters(secret, null, ("doorstep/v1/" + purpose).getBytes(StandardCharsets.UTF_8)));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    public static CryptoSuite byId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown crypto suite '" + id + "': expected 'intl' or 'gm'"));
    }

    static CryptoSuite byCode(byte code) throws CorruptDataException {
        for (CryptoSuite suite : values()) {
            if (suite.code == code) {
                return suite;
            }
        }
        throw new CorruptDataException("unknown crypto suite code " + (code & 0xff));
    }
}
