package org.doorstep.domain.internal;

import java.text.Normalizer;
import java.util.List;
import java.util.regex.Pattern;

import org.doorstep.domain.Problem;
import org.doorstep.domain.ProblemCode;

/**
 * Checks of single text fields shared by the form and the visit record. Each adds at most one problem to
 * the list and says whether the value is usable.
 */
public final class Fields {

    /** Longest personal name, in characters. */
    public static final int MAX_NAME = 50;
    /** Longest address line or remark, in characters. */
    public static final int MAX_TEXT = 200;

    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Pattern LANDLINE = Pattern.compile("0[1-9][0-9]{1,2}[1-9][0-9]{6,7}");
    private static final Pattern INTERNATIONAL = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern ITEM_REF = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern POSTCODE = Pattern.compile("[0-9]{6}");

    private Fields() {
    }

    public static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** A required field: absent or blank adds {@code form.required}. */
    public static boolean required(String value, String path, List<Problem> problems) {
        if (blank(value)) {
            problems.add(Problem.of(path, ProblemCode.FORM_REQUIRED));
            return false;
        }
        return true;
    }

    /**
     * A person's name: 1–50 characters of letters (any script), combining marks, the middle dots of
     * minority and foreign names (· ・ •), spaces, hyphens, apostrophes and full stops. Digits and symbols
     * are typing mistakes or worse.
     */
    public static boolean name(String value, String path, List<Problem> problems) {
        if (!required(value, path, problems)) {
            return false;
        }
        String s = value.strip();
        if (s.codePointCount(0, s.length()) > MAX_NAME) {
            problems.add(Problem.of(path, ProblemCode.FORM_TOO_LONG, MAX_NAME));
            return false;
        }
        boolean ok = s.codePoints().allMatch(c -> Character.isLetter(c)
                || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK
                || c == '\u00B7' || c == '\u30FB' || c == '\u2022' || c == ' ' || c == '-' || c == '\'' || c == '.');
        if (!ok) {
            problems.add(Problem.of(path, ProblemCode.FORM_NAME));
        }
        return ok;
    }

    /**
     * A phone number: a mainland mobile (11 digits from 13–19), a mainland landline with its area code, or
     * an international number with {@code +}; spaces, hyphens and brackets between digits are ignored, and
     * {@code +86} / {@code 0086} before a mainland number too.
     */
    public static boolean phone(String value, String path, List<Problem> problems) {
        if (blank(value)) {
            return true;
        }
        if (!isPhone(value)) {
            problems.add(Problem.of(path, ProblemCode.FORM_PHONE, value.strip()));
            return false;
        }
        return true;
    }

    public static boolean isPhone(String value) {
        String s = Normalizer.normalize(value, Normalizer.Form.NFKC).replaceAll("[\\s()\\-]", "");
        if (s.startsWith("0086")) {
            s = "+86" + s.substring(4);
        }
        if (s.startsWith("+86")) {
            String national = s.substring(3);
            return MOBILE.matcher(national).matches() || LANDLINE.matcher("0" + national).matches()
                    || LANDLINE.matcher(national).matches();
        }
        return MOBILE.matcher(s).matches() || LANDLINE.matcher(s).matches() || INTERNATIONAL.matcher(s).matches();
    }

    /** A reference to a case item (the vault's slot names): {@code scan.disability}, {@code signature}. */
    public static boolean itemRef(String value, String path, List<Problem> problems) {
        if (!required(value, path, problems)) {
            return false;
        }
        if (!ITEM_REF.matcher(value).matches()) {
            problems.add(Problem.of(path, ProblemCode.FORM_ITEM_REF, value));
            return false;
        }
        return true;
    }

    public static boolean isItemRef(String value) {
        return value != null && ITEM_REF.matcher(value).matches();
    }

    /** A free text of at most {@code max} characters; {@code required} says whether it may be blank. */
    public static boolean text(String value, boolean isRequired, int max, String path, List<Problem> problems) {
        if (blank(value)) {
            if (isRequired) {
                problems.add(Problem.of(path, ProblemCode.FORM_REQUIRED));
                return false;
            }
            return true;
        }
        String s = value.strip();
        if (s.codePointCount(0, s.length()) > max) {
            problems.add(Problem.of(path, ProblemCode.FORM_TOO_LONG, max));
            return false;
        }
        if (s.codePoints().anyMatch(c -> Character.isISOControl(c))) {
            problems.add(Problem.of(path, ProblemCode.FORM_CONTROL_CHARACTERS));
            return false;
        }
        return true;
    }

    /** A mainland postcode: six digits, not all zero. */
    public static boolean postcode(String value, String path, List<Problem> problems) {
        if (!required(value, path, problems)) {
            return false;
        }
        String s = Normalizer.normalize(value, Normalizer.Form.NFKC).strip();
        if (!POSTCODE.matcher(s).matches() || s.equals("000000")) {
            problems.add(Problem.of(path, ProblemCode.FORM_POSTCODE, value.strip()));
            return false;
        }
        return true;
    }
}
