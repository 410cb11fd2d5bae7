package org.doorstep.vault.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AeadTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CONTEXT = "case:4711/photo/1".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void sealedRecordOpensWithTheSameKeyAndContext(CryptoSuite suite) throws Exception {
        byte[] key = key(suite);
        byte[] plain = "张三 110101194903071234 家访".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = new Aead(suite, RANDOM).seal(key, plain, CONTEXT);
        assertArrayEquals(plain, Aead.open(key, sealed, CONTEXT));
        assertEquals(plain.length + Aead.HEADER_BYTES + 16, sealed.length);
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void everyAlteredByteIsDetected(CryptoSuite suite) {
        byte[] key = key(suite);
        byte[] sealed = new Aead(suite, RANDOM).seal(key, "marker-TAMPER-0001".getBytes(StandardCharsets.UTF_8), CONTEXT);
        for (int i = 0; i < sealed.length; i++) {
            byte[] altered = sealed.clone();
            altered[i] ^= 0x01;
            assertThrows(CorruptDataException.class, () -> Aead.open(key, altered, CONTEXT), "byte " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aRecordCannotBeOpenedInAnotherContextOrWithAnotherKey(CryptoSuite suite) {
        byte[] key = key(suite);
        byte[] sealed = new Aead(suite, RANDOM).seal(key, new byte[] { 1, 2, 3 }, CONTEXT);
        byte[] otherContext = "case:4712/photo/1".getBytes(StandardCharsets.UTF_8);
        assertThrows(CorruptDataException.class, () -> Aead.open(key, sealed, otherContext));
        assertThrows(CorruptDataException.class, () -> Aead.open(key(suite), sealed, CONTEXT));
        assertThrows(CorruptDataException.class, () -> Aead.open(key, Arrays.copyOf(sealed, sealed.length - 1), CONTEXT));
        assertThrows(CorruptDataException.class, () -> Aead.open(key, new byte[5], CONTEXT));
    }

    @Test
    void aKeyOfTheOtherSuiteIsRefusedWithoutTryingIt() {
        byte[] sealed = new Aead(CryptoSuite.GM, RANDOM).seal(key(CryptoSuite.GM), new byte[] { 9 }, CONTEXT);
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> Aead.open(key(CryptoSuite.INTL), sealed, CONTEXT));
        assertEquals("key does not fit the record's suite gm", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Aead(CryptoSuite.INTL, RANDOM).seal(new byte[16], new byte[1], CONTEXT));
    }

    @Test
    void sealingTheSameDataTwiceGivesDifferentRecords() {
        byte[] key = key(CryptoSuite.INTL);
        Aead aead = new Aead(CryptoSuite.INTL, RANDOM);
        assertFalse(Arrays.equals(aead.seal(key, new byte[32], CONTEXT), aead.seal(key, new byte[32], CONTEXT)));
    }

    /** NIST GCM specification, test case 14: AES-256, zero key, zero IV, one zero block. */
    @Test
    void aesGcmMatchesTheNistTestVector() throws Exception {
        byte[] out = gcm(CryptoSuite.INTL.newBlockCipher(), new byte[32], new byte[12], new byte[16]);
        assertEquals("cea7403d4d606b6e074ec5d3baf39d18" + "d0d1c8a799996bf0265b98b5d48ab919", Hex.hex(out));
    }

    /** GB/T 32907-2016, appendix A example 1: the SM4 block cipher the gm suite runs GCM over. */
    @Test
    void sm4MatchesTheStandardsExample() {
        BlockCipher sm4 = CryptoSuite.GM.newBlockCipher();
        byte[] keyAndPlain = Hex.bytes("0123456789abcdeffedcba9876543210");
        sm4.init(true, new KeyParameter(keyAndPlain));
        byte[] out = new byte[16];
        sm4.processBlock(keyAndPlain, 0, out, 0);
        assertEquals("681edf34d206965e86b3e94f536e4246", Hex.hex(out));
    }

    @Test
    void suitesAreNamedAsInTheConfiguration() {
        assertEquals(CryptoSuite.GM, CryptoSuite.byId(" GM "));
        assertEquals(CryptoSuite.INTL, CryptoSuite.byId("intl"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CryptoSuite.byId("des"));
        assertEquals("unknown crypto suite 'des': expected 'intl' or 'gm'", e.getMessage());
    }

    private static byte[] gcm(BlockCipher engine, byte[] key, byte[] nonce, byte[] plain) throws Exception {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(engine);
        gcm.init(true, new AEADParameters(new KeyParameter(key), 128, nonce));
        byte[] out = new byte[gcm.getOutputSize(plain.length)];
        int n = gcm.processBytes(plain, 0, plain.length, out, 0);
        gcm.doFinal(out, n);
        return out;
    }

    private static byte[] key(CryptoSuite suite) {
        byte[] key = new byte[suite.dataKeyBytes()];
        RANDOM.nextBytes(key);
        return key;
    }
}
