package org.doorstep.group;

import java.util.Optional;

/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from 0-9 and the capitals without
 * I, O, Z, S and V; registration authority and kind (2), administrative region (6 digits), organisation code (9) and a
 * check character. The check character is {@code 31 - (Σ value(cᵢ)·wᵢ mod 31)} (31 becomes 0) with the weights
 * {@code 3^(i-1) mod 31}.
 */
public final class CreditCode {

    /** The 31 characters a code may use, in value order. */
    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

    private CreditCode() {
    }

    /** Upper case, full-width letters and digits made half-width, spaces dropped. */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                cp -= 0xFEE0;
            }
            if (!Character.isWhitespace(cp) && cp != 0x3000) {
                b.appendCodePoint(Character.toUpperCase(cp));
            }
        });
        return b.toString();
    }

    /** The check character for the first 17 characters. */
    public static char checkCharacter(String first17) {
        if (first17 == null || first17.length() != 17) {
            throw new IllegalArgumentException("17 characters are needed");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = ALPHABET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("not a credit code character: " + first17.charAt(i));
            }
            sum += value * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /** What is wrong with {@code text} as a code (normalised first), or nothing. */
    public static Optional<GroupProblem> check(String text, int row, String column) {
        String code = normalise(text);
        if (code.isEmpty()) {
            return Optional.of(GroupProblem.of(row, column, GroupProblem.Code.REQUIRED));
        }
        if (code.codePointCount(0, code.length()) != 18) {
            return Optional.of(GroupProblem.of(row, column, GroupProblem.Code.CREDIT_CODE_LENGTH,
                    String.valueOf(code.codePointCount(0, code.length()))));
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return Optional.of(GroupProblem.of(row, column, GroupProblem.Code.CREDIT_CODE_CHARACTERS));
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(code.charAt(i))) {
                return Optional.of(GroupProblem.of(row, column, GroupProblem.Code.CREDIT_CODE_CHARACTERS));
            }
        }
        if (checkCharacter(code.substring(0, 17)) != code.charAt(17)) {
            return Optional.of(GroupProblem.of(row, column, GroupProblem.Code.CREDIT_CODE_CHECK));
        }
        return Optional.empty();
    }

    public static boolean isValid(String text) {
        return check(text, 0, "company.creditCode").isEmpty();
    }
}
