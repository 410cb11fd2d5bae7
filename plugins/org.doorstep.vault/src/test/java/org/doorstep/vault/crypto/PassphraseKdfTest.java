package org.doorstep.vault.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.doorstep.vault.crypto.PassphrasePolicy.Problem;
import org.junit.jupiter.api.Test;

class PassphraseKdfTest {

    /** Cheap settings for tests that are about behaviour, not cost. */
    private static final Argon2Settings CHEAP = new Argon2Settings(64, 1, 1);

    /** RFC 9106, section 5.3: the Argon2id test vector (t=3, m=32 KiB, p=4, secret and associated data). */
    @Test
    void matchesTheRfc9106Argon2idTestVector() {
        byte[] tag = PassphraseKdf.argon2id(Hex.filled(32, 0x01), Hex.filled(16, 0x02), Hex.filled(8, 0x03),
                Hex.filled(12, 0x04), new Argon2Settings(32, 3, 4), 32);
        assertEquals("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659", Hex.hex(tag));
    }

    @Test
    void samePassphraseAndSaltGiveTheSameKeyAndAnotherSaltAnother() {
        byte[] salt = Hex.filled(16, 7);
        byte[] a = PassphraseKdf.derive("correct horse battery".toCharArray(), salt, CHEAP, 32);
        byte[] b = PassphraseKdf.derive("correct horse battery".toCharArray(), salt, CHEAP, 32);
        byte[] c = PassphraseKdf.derive("correct horse battery".toCharArray(), Hex.filled(16, 8), CHEAP, 32);
        byte[] d = PassphraseKdf.derive("correct horse batterY".toCharArray(), salt, CHEAP, 32);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        assertFalse(Arrays.equals(a, d));
    }

    @Test
    void theSameWordsTypedThroughDifferentInputMethodsGiveTheSameKey() {
        byte[] salt = Hex.filled(16, 1);
        String composed = "Jos\u00e9 上门办证 2026";
        String decomposed = "Jose\u0301 上门办证 2026";
        assertArrayEquals(PassphraseKdf.derive(composed.toCharArray(), salt, CHEAP, 32),
                PassphraseKdf.derive(decomposed.toCharArray(), salt, CHEAP, 32));
    }

    @Test
    void refusesAShortSaltAndImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> PassphraseKdf.derive("x".toCharArray(), new byte[4], CHEAP, 32));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Settings(8, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Settings(1024, 0, 1));
        assertTrue(Argon2Settings.DEFAULT.meetsPolicy());
        assertFalse(CHEAP.meetsPolicy());
    }

    @Test
    void passphrasePolicyNamesEveryProblem() {
        assertEquals(List.of(), PassphrasePolicy.check("上门办证只跑一次最多跑".toCharArray(), "上门办证只跑一次最多跑".toCharArray()));
        assertEquals(List.of(Problem.TOO_SHORT, Problem.TYPED_DIFFERENTLY),
                PassphrasePolicy.check("short".toCharArray(), "shorT".toCharArray()));
        assertEquals(List.of(Problem.ONLY_WHITESPACE),
                PassphrasePolicy.check("            ".toCharArray(), "            ".toCharArray()));
    }
}
