package org.doorstep.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * GB 32100-2015 check characters against codes companies publish on their licences (and in the national enterprise
 * credit information system): every one passes, and every single-character change and every swap of two neighbouring
 * characters is caught.
 */
class CreditCodeTest {

    /** Huawei Technologies Co., Ltd.; Shenzhen Tencent Computer Systems; Alibaba (China) Co., Ltd.; Beijing Baidu Netcom. */
    static final List<String> PUBLISHED = List.of("914403001922038216", "91440300708461136T", "91330100799655058B",
            "91110000802100433B");

    @Test
    void publishedCodesPass() {
        for (String code : PUBLISHED) {
            assertTrue(CreditCode.isValid(code), code);
            assertEquals(code.charAt(17), CreditCode.checkCharacter(code.substring(0, 17)), code);
        }
    }

    @Test
    void everySingleCharacterChangeIsCaught() {
        int tried = 0;
        for (String code : PUBLISHED) {
            for (int i = 0; i < 18; i++) {
                for (char c : CreditCode.ALPHABET.toCharArray()) {
                    if (c == code.charAt(i) || (i >= 2 && i < 8 && !Character.isDigit(c))) {
                        continue;
                    }
                    String mutated = code.substring(0, i) + c + code.substring(i + 1);
                    assertFalse(CreditCode.isValid(mutated), mutated);
                    tried++;
                }
            }
        }
        assertTrue(tried > 1500, "tried " + tried);
    }

    @Test
    void everySwapOfNeighboursIsCaught() {
        for (String code : PUBLISHED) {
            for (int i = 0; i < 17; i++) {
                if (code.charAt(i) == code.charAt(i + 1)) {
                    continue;
                }
                String swapped = code.substring(0, i) + code.charAt(i + 1) + code.charAt(i) + code.substring(i + 2);
                assertFalse(CreditCode.isValid(swapped), swapped);
            }
        }
    }

    @Test
    void fullWidthLowerCaseAndSpacesAreNormalised() {
        assertTrue(CreditCode.isValid(" ９１４４０３００７０８４６１１３６ｔ "));
        assertTrue(CreditCode.isValid("91330100 79965505 8b"));
    }

    @Test
    void eachKindOfMistakeIsSaidInPlainWords() {
        assertEquals(GroupProblem.Code.REQUIRED, problem(" ").code());
        assertEquals(GroupProblem.Code.CREDIT_CODE_LENGTH, problem("9144030019220382").code());
        assertEquals(List.of("16"), problem("9144030019220382").args());
        assertEquals(GroupProblem.Code.CREDIT_CODE_CHARACTERS, problem("9144030019220382I6").code(), "I is not used");
        assertEquals(GroupProblem.Code.CREDIT_CODE_CHARACTERS, problem("91A403001922038216").code(), "region digits");
        GroupProblem check = problem("914403001922038217");
        assertEquals(GroupProblem.Code.CREDIT_CODE_CHECK, check.code());
        assertEquals("「统一社会信用代码」：校验码不符，请逐位核对", check.message(Locale.SIMPLIFIED_CHINESE));
        assertEquals("Unified social credit code: the check character does not match; please check every character",
                check.message(Locale.ENGLISH));
    }

    private static GroupProblem problem(String code) {
        return CreditCode.check(code, 0, "company.creditCode").orElseThrow();
    }
}
