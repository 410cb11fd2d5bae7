package org.doorstep.sync.packet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.io.CipherInputStream;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.InputAEADDecryptor;
import org.bouncycastle.operator.OutputAEADEncryptor;

/**
 * SM4 in GCM for the {@code gm} suite's AuthEnvelopedData, on Bouncy Castle's lightweight API (its CMS builders know
 * no SM4): content-encryption algorithm {@code sm4-gcm} (GM/T 0006, 1.2.156.10197.1.104.8) with RFC 5084
 * {@code GCMParameters}, a random 16-byte key, a random 12-byte nonce and a 16-byte tag, which goes into the
 * AuthEnvelopedData's {@code mac} field, not after the ciphertext. Both directions stream: the encryptor writes
 * ciphertext as plain text comes, and the decryptor hands plain text on before the tag is checked at the end (so the
 * opener trusts nothing until the stream has ended without an error).
 */
final class Sm4Gcm {

    static final ASN1ObjectIdentifier OID = GMObjectIdentifiers.sms4_gcm;
    static final int KEY_BYTES = 16;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    private static final int BUFFER = 64 * 1024;

    private Sm4Gcm() {
    }

    /** A fresh key and nonce, for one packet. */
    static OutputAEADEncryptor encryptor(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(key);
        random.nextBytes(nonce);
        return new Encryptor(key, nonce);
    }

    /**
     * A decryptor for content sealed under {@code key} with the given algorithm.
     *
     * @throws IllegalArgumentException if the algorithm is not SM4-GCM with a 12-byte nonce and a 16-byte tag, or the
     *                                  key is not 16 bytes
     */
    static InputAEADDecryptor decryptor(AlgorithmIdentifier algorithm, byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the content key has " + key.length + " bytes, not " + KEY_BYTES);
        }
        return new Decryptor(algorithm, parameters(algorithm), key);
    }

    /**
     * The nonce of a packet's content-encryption algorithm, once it is checked to be exactly what the sealer writes.
     *
     * @throws IllegalArgumentException otherwise, saying what differs
     */
    static byte[] parameters(AlgorithmIdentifier algorithm) {
        if (!OID.equals(algorithm.getAlgorithm())) {
            throw new IllegalArgumentException("the content is encrypted with " + algorithm.getAlgorithm()
                    + ", not SM4-GCM");
        }
        GCMParameters parameters;
        try {
            parameters = GCMParameters.getInstance(algorithm.getParameters());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the SM4-GCM parameters cannot be read: " + e.getMessage(), e);
        }
        if (parameters == null || parameters.getNonce().length != NONCE_BYTES || parameters.getIcvLen() != TAG_BYTES) {
            throw new IllegalArgumentException("SM4-GCM must have a " + NONCE_BYTES + "-byte nonce and a " + TAG_BYTES
                    + "-byte tag");
        }
        return parameters.getNonce();
    }

    private static GCMModeCipher cipher(boolean encrypt, byte[] key, byte[] nonce) {
        GCMModeCipher cipher = GCMBlockCipher.newInstance(new SM4Engine());
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BYTES * 8, nonce));
        return cipher;
    }

    /** Additional authenticated data goes straight into the cipher (the packet has none; RFC 5083 allows it). */
    private static OutputStream aadStream(GCMModeCipher cipher) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                cipher.processAADByte((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                cipher.processAADBytes(b, off, len);
            }
        };
    }

    private static final class Encryptor implements OutputAEADEncryptor {
        private final byte[] key;
        private final AlgorithmIdentifier algorithm;
        private final GCMModeCipher cipher;
        private byte[] tag;

        Encryptor(byte[] key, byte[] nonce) {
            this.key = key;
            this.algorithm = new AlgorithmIdentifier(OID, new GCMParameters(nonce, TAG_BYTES));
            this.cipher = cipher(true, key, nonce);
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return algorithm;
        }

        @Override
        public GenericKey getKey() {
            return new GenericKey(algorithm, key.clone());
        }

        @Override
        public OutputStream getAADStream() {
            return aadStream(cipher);
        }

        @Override
        public byte[] getMAC() {
            if (tag == null) {
                throw new IllegalStateException("the SM4-GCM tag exists only once the content stream is closed");
            }
            return tag.clone();
        }

        /** Closing finishes the encryption but leaves {@code out} open: the CMS generator closes it itself. */
        @Override
        public OutputStream getOutputStream(OutputStream out) {
            return new OutputStream() {
                private byte[] buffer = new byte[0];
                private boolean closed;

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (closed) {
                        throw new IOException("the SM4-GCM stream is closed");
                    }
                    int size = cipher.getUpdateOutputSize(len);
                    if (buffer.length < size) {
                        buffer = new byte[Math.max(size, BUFFER)];
                    }
                    int n = cipher.processBytes(b, off, len, buffer, 0);
                    out.write(buffer, 0, n);
                }

                @Override
                public void close() throws IOException {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    byte[] last = new byte[cipher.getOutputSize(0)];
                    int n;
                    try {
                        n = cipher.doFinal(last, 0);
                    } catch (InvalidCipherTextException e) {
                        throw new IOException("SM4-GCM cannot finish: " + e.getMessage(), e);
                    }
                    // doFinal appends the tag; it belongs in the mac field
                    out.write(last, 0, n - TAG_BYTES);
                    tag = cipher.getMac();
                }
            };
        }
    }

    private static final class Decryptor implements InputAEADDecryptor {
        private final AlgorithmIdentifier algorithm;
        private final GCMModeCipher cipher;

        Decryptor(AlgorithmIdentifier algorithm, byte[] nonce, byte[] key) {
            this.algorithm = algorithm;
            this.cipher = cipher(false, key, nonce);
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return algorithm;
        }

        @Override
        public OutputStream getAADStream() {
            return aadStream(cipher);
        }

        @Override
        public byte[] getMAC() {
            return cipher.getMac();
        }

        /**
         * {@code in} is the ciphertext followed by the tag (Bouncy Castle's AuthEnvelopedData parser appends the mac
         * field); a tag that does not match fails the last read with an {@code InvalidCipherTextIOException}.
         */
        @Override
        public InputStream getInputStream(InputStream in) {
            return new CipherInputStream(in, cipher, BUFFER);
        }
    }
}
