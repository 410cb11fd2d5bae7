package org.doorstep.sync.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

class EnrolmentCodeTest {

    @Test
    void codeCarriesAtLeast128RandomBitsInGroupsOfFour() {
        EnrolmentCode code = EnrolmentCode.generate(TestPki.RANDOM);
        assertTrue(EnrolmentCode.RANDOM_SYMBOLS * 5 >= 128);
        assertTrue(code.formatted().matches("([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}"), code.formatted());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(EnrolmentCode.generate(TestPki.RANDOM).formatted()));
        }
    }

    @Test
    void readsCodeTypedInLowerCaseWithLookalikesAndSpaces() {
        EnrolmentCode code = EnrolmentCode.generate(TestPki.RANDOM);
        String typed = code.formatted().toLowerCase(Locale.ROOT).replace('-', ' ').replace("0", "o").replace("1", "l");
        assertEquals(code, EnrolmentCode.parse(typed));
        assertEquals(code.id(PkiSuite.INTL), EnrolmentCode.parse(typed).id(PkiSuite.INTL));
    }

    @Test
    void refusesCodeWithOneSymbolMistyped() {
        EnrolmentCode code = EnrolmentCode.generate(TestPki.RANDOM);
        String formatted = code.formatted();
        int caught = 0;
        for (int i = 0; i < formatted.length(); i++) {
            if (formatted.charAt(i) == '-') {
                continue;
            }
            char wrong = formatted.charAt(i) == 'A' ? 'B' : 'A';
            String typo = formatted.substring(0, i) + wrong + formatted.substring(i + 1);
            try {
                EnrolmentCode.parse(typo);
            } catch (IllegalArgumentException e) {
                assertFalse(e.getMessage().contains(formatted.substring(0, 4)), "the message must not echo the code");
                caught++;
            }
        }
        // a 10-bit check misses a given typo with probability 1/1024; 28 typos all caught almost always
        assertTrue(caught >= 27, "caught " + caught);
    }

    @Test
    void refusesCodeOfWrongLengthOrAlphabet() {
        assertThrows(IllegalArgumentException.class, () -> EnrolmentCode.parse("ABCD-EFGH"));
        assertThrows(IllegalArgumentException.class,
                () -> EnrolmentCode.parse(EnrolmentCode.generate(TestPki.RANDOM).formatted().replaceFirst(".", "U")));
        assertThrows(IllegalArgumentException.class, () -> EnrolmentCode.parse(null));
    }

    @Test
    void neverPrintsItselfAndDerivesDifferentIdsPerSuite() {
        EnrolmentCode code = EnrolmentCode.generate(TestPki.RANDOM);
        assertFalse(code.toString().contains(code.formatted().substring(0, 4)));
        assertNotEquals(code.id(PkiSuite.INTL), code.id(PkiSuite.GM));
        assertEquals(32, code.id(PkiSuite.GM).length());
    }
}
