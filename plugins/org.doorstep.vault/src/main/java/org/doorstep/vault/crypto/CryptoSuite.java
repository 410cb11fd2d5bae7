package org.doorstep.vault.crypto;

import java.util.Arrays;
import java.util.Locale;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.SM4Engine;

/**
 * The algorithm family a deployment uses, chosen once per deployment. {@code intl}: AES-256-GCM for data
 * (ECDSA P-256 / SHA-256 for signatures, in the sync layer); {@code gm}: the Chinese national algorithms,
 * SM4-GCM for data (SM2 / SM3 in the sync layer). Both come from Bouncy Castle's lightweight API, so they
 * do not depend on which JCE providers the runtime has.
 */
public enum CryptoSuite {
    INTL("intl", (byte) 1, 32) {
        @Override
        BlockCipher newBlockCipher() {
            return AESEngine.newInstance();
        }
    },
    GM("gm", (byte) 2, 16) {
        @Override
        BlockCipher newBlockCipher() {
            return new SM4Engine();
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
