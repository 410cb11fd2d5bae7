package org.doorstep.vault.crypto;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Objects;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Derives a key-encryption key from an officer's passphrase with Argon2id (version 1.3). The passphrase is
 * Unicode-normalised (NFC) first, so the same words typed through different input methods give the same
 * key, then encoded as UTF-8.
 */
public final class PassphraseKdf {

    /** Salt length: 16 bytes, as RFC 9106 recommends. */
    public static final int SALT_BYTES = 16;

    private PassphraseKdf() {
    }

    public static byte[] derive(char[] passphrase, byte[] salt, Argon2Settings settings, int keyBytes) {
        Objects.requireNonNull(passphrase, "passphrase");
        if (salt == null || salt.length < 8) {
            throw new IllegalArgumentException("salt must have at least 8 bytes");
        }
        byte[] password = utf8(Normalizer.normalize(CharBuffer.wrap(passphrase), Normalizer.Form.NFC));
        try {
            return argon2id(password, salt, null, null, settings, keyBytes);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    /** Raw Argon2id with optional secret and associated data (used by the RFC 9106 known-answer test). */
    static byte[] argon2id(byte[] password, byte[] salt, byte[] secret, byte[] associatedData,
            Argon2Settings settings, int keyBytes) {
        Argon2Parameters.Builder builder = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(settings.memoryKiB())
                .withIterations(settings.iterations())
                .withParallelism(settings.parallelism())
                .withSalt(salt);
        if (secret != null) {
            builder.withSecret(secret);
        }
        if (associatedData != null) {
            builder.withAdditional(associatedData);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(builder.build());
        byte[] key = new byte[keyBytes];
        generator.generateBytes(password, key);
        return key;
    }

    private static byte[] utf8(CharSequence text) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(text));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }
}
