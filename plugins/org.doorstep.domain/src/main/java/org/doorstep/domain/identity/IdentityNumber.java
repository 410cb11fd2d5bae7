package org.doorstep.domain.identity;

import java.text.Normalizer;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;
import java.util.Set;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.Problem;
import org.doorstep.domain.ProblemCode;

/**
 * A citizen identity number (公民身份号码) per GB 11643-1999: six digits of region, eight of birth date
 * (yyyyMMdd), three of sequence (odd for men, even for women) and a check character, ISO 7064 MOD 11-2 over
 * the first 17 digits, {@code X} standing for 10.
 *
 * <p>{@link #parse} is forgiving in what officers type and strict in what it accepts: full-width digits (from
 * Chinese input methods), spaces between groups and a lower-case {@code x} are normalised; then the length,
 * the characters, the check character, the birth date (a real date, from 1900 on, not after today) and the
 * region prefix (a province-level code of GB/T 2260, or one of the fixed prefixes of residence permits) must
 * all be right. Each failure is one {@link Problem} at {@code $} saying what is wrong.
 *
 * <p>The region check is a plausibility check, not a lookup in the code table: county codes change every
 * year and old numbers keep the code they were issued under, so only the province and the shape of the
 * prefix are checked. The check character catches single typos and swaps of neighbouring digits.
 */
public final class IdentityNumber {

    /** The lowest year of birth accepted: older numbers would be a typo, not a person. */
    public static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    /**
     * Province-level codes of GB/T 2260 used by mainland resident ID cards. 71 (Taiwan) is in the table but
     * no mainland office issues numbers under it: Taiwan residents' permits use 830000.
     */
    private static final Set<String> PROVINCES = Set.of(
            "11", "12", "13", "14", "15",
            "21", "22", "23",
            "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46",
            "50", "51", "52", "53", "54",
            "61", "62", "63", "64", "65");

    private final String value;
    private final IdentityKind kind;
    private final LocalDate birthDate;

    private IdentityNumber(String value, IdentityKind kind, LocalDate birthDate) {
        this.value = value;
        this.kind = kind;
        this.birthDate = birthDate;
    }

    /**
     * Parses {@code text} with "today" from the system clock in the JVM's zone. Code that decides about cases
     * should use {@link #parse(String, Clock)} with the product's clock, so that tests can fix the date.
     */
    public static IdentityNumber parse(String text) {
        return parse(text, Clock.systemDefaultZone());
    }

    /** Parses {@code text} with "today" from {@code clock} (its zone decides the date). */
    public static IdentityNumber parse(String text, Clock clock) {
        return parse(text, LocalDate.now(clock));
    }

    /**
     * Parses {@code text}; a birth date after {@code today} is refused.
     *
     * @throws InvalidInputException with one problem at {@code $} saying what is wrong
     */
    public static IdentityNumber parse(String text, LocalDate today) {
        Objects.requireNonNull(today, "today");
        String n = normalise(text);
        if (n.isEmpty()) {
            throw invalid(ProblemCode.ID_REQUIRED);
        }
        if (n.length() != 18) {
            throw invalid(ProblemCode.ID_LENGTH, n.codePointCount(0, n.length()));
        }
        for (int i = 0; i < 17; i++) {
            if (n.charAt(i) < '0' || n.charAt(i) > '9') {
                throw invalid(ProblemCode.ID_CHARACTERS);
            }
        }
        char last = n.charAt(17);
        if (!(last >= '0' && last <= '9') && last != 'X') {
            throw invalid(ProblemCode.ID_CHARACTERS);
        }
        IdentityKind kind = kind(n.substring(0, 6));
        LocalDate birth = birthDate(n.substring(6, 14), today);
        if (checkCharacter(n.substring(0, 17)) != last) {
            throw invalid(ProblemCode.ID_CHECK);
        }
        return new IdentityNumber(n, kind, birth);
    }

    /** Whether {@code text} is a valid number on {@code today}. */
    public static boolean isValid(String text, LocalDate today) {
        try {
            parse(text, today);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /**
     * The ISO 7064 MOD 11-2 check character of the first 17 digits: weights 2^(17-i) mod 11, sum mod 11,
     * mapped 0→1, 1→0, 2→X, 3→9 … 10→2.
     */
    public static char checkCharacter(String first17) {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("the check character is computed over 17 digits");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = first17.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("the first 17 characters are digits");
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** What officers typed, without surrounding or grouping spaces, in half-width characters, X upper case. */
    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String n = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(n.length());
        n.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                .forEach(out::appendCodePoint);
        return out.toString().replace('x', 'X');
    }

    private static IdentityKind kind(String prefix) {
        switch (prefix) {
            case "810000":
                return IdentityKind.HONG_KONG_RESIDENT;
            case "820000":
                return IdentityKind.MACAU_RESIDENT;
            case "830000":
                return IdentityKind.TAIWAN_RESIDENT;
            default:
                break;
        }
        if (prefix.charAt(0) == '9') {
            // 9, the issuing province, then a nationality code (never 000)
            if (!PROVINCES.contains(prefix.substring(1, 3))) {
                throw invalid(ProblemCode.ID_REGION, prefix.substring(0, 3));
            }
            if (prefix.substring(3).equals("000")) {
                throw invalid(ProblemCode.ID_REGION_SHAPE, prefix);
            }
            return IdentityKind.FOREIGN_PERMANENT_RESIDENT;
        }
        String province = prefix.substring(0, 2);
        if (province.equals("81") || province.equals("82") || province.equals("83")) {
            // Hong Kong, Macau and Taiwan residents' permits use exactly x10000 / x20000 / x30000
            throw invalid(ProblemCode.ID_REGION_SHAPE, prefix);
        }
        if (!PROVINCES.contains(province)) {
            throw invalid(ProblemCode.ID_REGION, province);
        }
        // a person is registered in a county or district, so the city part is never 00; the county part
        // may be (prefecture-level cities without districts, e.g. Dongguan 441900)
        if (prefix.substring(2, 4).equals("00")) {
            throw invalid(ProblemCode.ID_REGION_SHAPE, prefix);
        }
        return IdentityKind.MAINLAND_RESIDENT;
    }

    private static LocalDate birthDate(String digits, LocalDate today) {
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(digits.substring(0, 4)), Integer.parseInt(digits.substring(4, 6)),
                    Integer.parseInt(digits.substring(6, 8)));
        } catch (DateTimeException e) {
            throw invalid(ProblemCode.ID_BIRTH_DATE, digits);
        }
        if (birth.isBefore(EARLIEST_BIRTH)) {
            throw invalid(ProblemCode.ID_BIRTH_TOO_EARLY, birth);
        }
        if (birth.isAfter(today)) {
            throw invalid(ProblemCode.ID_BIRTH_IN_FUTURE, birth);
        }
        return birth;
    }

    private static InvalidInputException invalid(ProblemCode code, Object... args) {
        return new InvalidInputException(Problem.of("$", code, args));
    }

    /** The 18 characters, normalised. */
    public String value() {
        return value;
    }

    public IdentityKind kind() {
        return kind;
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    public Gender gender() {
        return (value.charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
    }

    /** The six-digit region prefix (address code). */
    public String regionCode() {
        return value.substring(0, 6);
    }

    /**
     * Completed years of age on {@code date} (周岁): a person turns N on their birthday; someone born on
     * 29 February turns N on 1 March in common years.
     */
    public int ageOn(LocalDate date) {
        if (date.isBefore(birthDate)) {
            throw new IllegalArgumentException("the date is before the birth date");
        }
        return Period.between(birthDate, date).getYears();
    }

    /** For print: the region and the last four characters, the birth date and sequence hidden. */
    public String masked() {
        return value.substring(0, 6) + "********" + value.substring(14);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdentityNumber other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The number itself: callers decide whether it may be shown (never in logs). */
    @Override
    public String toString() {
        return value;
    }
}
