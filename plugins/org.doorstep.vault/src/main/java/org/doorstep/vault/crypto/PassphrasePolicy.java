package org.doorstep.vault.crypto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What an officer's new passphrase must satisfy: at least {@value #MIN_CODE_POINTS} characters (CJIS),
 * not only spaces, and typed the same twice. Counted in Unicode code points, so ten Chinese characters
 * count as ten.
 */
public final class PassphrasePolicy {

    public static final int MIN_CODE_POINTS = 10;

    /** A reason a passphrase is refused; the UI and the command line turn each into words. */
    public enum Problem {
        TOO_SHORT, ONLY_WHITESPACE, TYPED_DIFFERENTLY
    }

    private PassphrasePolicy() {
    }

    /** Every problem with the pair, in a stable order; empty when the passphrase is acceptable. */
    public static List<Problem> check(char[] typed, char[] typedAgain) {
        List<Problem> problems = new ArrayList<>();
        String text = new String(typed);
        if (text.codePointCount(0, text.length()) < MIN_CODE_POINTS) {
            problems.add(Problem.TOO_SHORT);
        }
        if (text.isBlank()) {
            problems.add(Problem.ONLY_WHITESPACE);
        }
        if (!Arrays.equals(typed, typedAgain)) {
            problems.add(Problem.TYPED_DIFFERENTLY);
        }
        return List.copyOf(problems);
    }
}
