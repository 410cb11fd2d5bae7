package org.doorstep.domain.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.ProblemCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityNumberTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 1);

    /**
     * The check character computed independently of the production table: weights 2^(17-i) mod 11, then the
     * value that makes the weighted sum of all 18 ≡ 1 (mod 11), X for 10 (ISO 7064 MOD 11-2).
     */
    static String withCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int weight = java.math.BigInteger.TWO.pow(17 - i).mod(java.math.BigInteger.valueOf(11)).intValue();
            sum += (first17.charAt(i) - '0') * weight;
        }
        for (int v = 0; v <= 10; v++) {
            if ((sum + v) % 11 == 1) {
                return first17 + (v == 10 ? "X" : String.valueOf(v));
            }
        }
        throw new AssertionError();
    }

    private static ProblemCode problem(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdentityNumber.parse(text, TODAY));
        assertEquals(1, e.problems().size());
        assertEquals("$", e.problems().get(0).path());
        return e.problems().get(0).code();
    }

    @Test
    void acceptsTheStandardsExampleAndDerivesBirthDateGenderAndAge() {
        IdentityNumber n = IdentityNumber.parse("11010519491231002X", TODAY);
        assertEquals(LocalDate.of(1949, 12, 31), n.birthDate());
        assertEquals(Gender.FEMALE, n.gender());
        assertEquals(IdentityKind.MAINLAND_RESIDENT, n.kind());
        assertEquals("110105", n.regionCode());
        assertEquals(75, n.ageOn(TODAY));
        assertEquals("110105********002X", n.masked());
    }

    @Test
    void checkCharacterAgreesWithAnIndependentComputationForManyNumbers() {
        java.util.Random random = new java.util.Random(11643);
        for (int i = 0; i < 2000; i++) {
            String first17 = String.format("3201%02d%04d%02d%02d%03d", 1 + random.nextInt(20), 1900 + random.nextInt(125),
                    1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(1000));
            String valid = withCheck(first17);
            assertEquals(valid.charAt(17), IdentityNumber.checkCharacter(first17), first17);
            assertTrue(IdentityNumber.isValid(valid, TODAY), valid);
        }
    }

    @Test
    void normalisesLowerCaseXFullWidthDigitsAndGroupingSpaces() {
        assertEquals("11010519491231002X", IdentityNumber.parse("11010519491231002x", TODAY).value());
        assertEquals("11010519491231002X", IdentityNumber.parse("１１０１０５１９４９１２３１００２Ｘ", TODAY).value());
        assertEquals("11010519491231002X", IdentityNumber.parse(" 110105 19491231 002X ", TODAY).value());
    }

    @Test
    void everyWrongCheckCharacterIsRefused() {
        String valid = "11010519491231002X";
        for (char c : "0123456789".toCharArray()) {
            assertEquals(ProblemCode.ID_CHECK, problem(valid.substring(0, 17) + c));
        }
    }

    @Test
    void aSingleMistypedDigitIsCaught() {
        String valid = "11010519491231002X";
        // change the sequence digit: still a valid date and region, so only the check character can catch it
        assertEquals(ProblemCode.ID_CHECK, problem("11010519491231003X"));
        // swap two neighbouring sequence digits
        assertEquals(ProblemCode.ID_CHECK, problem("11010519491231020X"));
        assertTrue(IdentityNumber.isValid(valid, TODAY));
    }

    @Test
    void refusesImpossibleBirthDatesEvenWithTheRightCheckCharacter() {
        assertEquals(ProblemCode.ID_BIRTH_DATE, problem(withCheck("11010519900230001")));   // 30 February
        assertEquals(ProblemCode.ID_BIRTH_DATE, problem(withCheck("11010519901301001")));   // month 13
        assertEquals(ProblemCode.ID_BIRTH_DATE, problem(withCheck("11010519900100001")));   // day 0
        assertEquals(ProblemCode.ID_BIRTH_DATE, problem(withCheck("11010520230229001")));   // 2023 is not leap
        assertTrue(IdentityNumber.isValid(withCheck("11010520240229001"), TODAY));         // 2024 is
    }

    @Test
    void refusesBirthDatesInTheFutureAndBefore1900() {
        assertEquals(ProblemCode.ID_BIRTH_IN_FUTURE, problem(withCheck("11010520250602001")));
        assertTrue(IdentityNumber.isValid(withCheck("11010520250601001"), TODAY)); // born today
        // a published example with a valid check character but born in 1880
        assertEquals(ProblemCode.ID_BIRTH_TOO_EARLY, problem("440524188001010014"));
    }

    @Test
    void futureIsJudgedByTheInjectedClock() {
        Clock clock = Clock.fixed(Instant.parse("2025-06-01T16:30:00Z"), ZoneId.of("Asia/Shanghai")); // 00:30 on 2 June
        assertTrue(IdentityNumber.parse(withCheck("11010520250602001"), clock).birthDate().equals(LocalDate.of(2025, 6, 2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"00", "99", "10", "16", "20", "24", "30", "38", "40", "47", "55", "60", "66", "71", "80", "84"})
    void refusesProvinceCodesThatDoNotExist(String province) {
        assertEquals(ProblemCode.ID_REGION, problem(withCheck(province + "010519491231002")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"11", "15", "21", "23", "31", "37", "41", "46", "50", "54", "61", "65"})
    void acceptsEveryProvinceLevelCode(String province) {
        assertTrue(IdentityNumber.isValid(withCheck(province + "010519491231002"), TODAY));
    }

    @Test
    void refusesAProvinceLevelCodeWithoutACity() {
        assertEquals(ProblemCode.ID_REGION_SHAPE, problem(withCheck("11000019491231002")));
        // a prefecture-level city without districts registers people under county code 00 (Dongguan)
        assertTrue(IdentityNumber.isValid(withCheck("44190019901231002"), TODAY));
    }

    @Test
    void recognisesResidencePermitsAndForeignPermanentResidents() {
        assertEquals(IdentityKind.HONG_KONG_RESIDENT, IdentityNumber.parse(withCheck("81000019900101001"), TODAY).kind());
        assertEquals(IdentityKind.MACAU_RESIDENT, IdentityNumber.parse(withCheck("82000019900101001"), TODAY).kind());
        assertEquals(IdentityKind.TAIWAN_RESIDENT, IdentityNumber.parse(withCheck("83000019900101001"), TODAY).kind());
        assertEquals(IdentityKind.FOREIGN_PERMANENT_RESIDENT,
                IdentityNumber.parse(withCheck("93184019900101001"), TODAY).kind());
        assertEquals(ProblemCode.ID_REGION_SHAPE, problem(withCheck("81010119900101001")));
        assertEquals(ProblemCode.ID_REGION, problem(withCheck("99984019900101001")));
    }

    @Test
    void refusesWrongLengthAndCharacters() {
        assertEquals(ProblemCode.ID_REQUIRED, problem(""));
        assertEquals(ProblemCode.ID_REQUIRED, problem(null));
        assertEquals(ProblemCode.ID_LENGTH, problem("11010519491231002"));
        assertEquals(ProblemCode.ID_LENGTH, problem("11010519491231002X1"));
        assertEquals(ProblemCode.ID_CHARACTERS, problem("1101051949123100XX"));
        assertEquals(ProblemCode.ID_CHARACTERS, problem("11010519491231002Y"));
        assertEquals(ProblemCode.ID_CHARACTERS, problem("1101051949-231002X"));
    }

    @Test
    void genderComesFromTheSeventeenthDigit() {
        assertEquals(Gender.MALE, IdentityNumber.parse(withCheck("11010519491231001"), TODAY).gender());
        assertEquals(Gender.FEMALE, IdentityNumber.parse(withCheck("11010519491231002"), TODAY).gender());
    }

    @Test
    void ageCountsCompletedYearsAndTurnsOnTheBirthday() {
        IdentityNumber n = IdentityNumber.parse(withCheck("11010519650601001"), TODAY);
        assertEquals(60, n.ageOn(LocalDate.of(2025, 6, 1)));
        assertEquals(59, n.ageOn(LocalDate.of(2025, 5, 31)));
        IdentityNumber leap = IdentityNumber.parse(withCheck("11010520080229001"), TODAY);
        assertEquals(17, leap.ageOn(LocalDate.of(2026, 2, 28)));
        assertEquals(18, leap.ageOn(LocalDate.of(2026, 3, 1)));
        assertEquals(16, leap.ageOn(LocalDate.of(2024, 2, 29)));
    }

    @Test
    void problemsReadInBothLanguages() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> IdentityNumber.parse("11010519491231002", TODAY));
        assertEquals("$：应为 18 位，现为 17 位", e.messages(Locale.SIMPLIFIED_CHINESE).get(0));
        assertEquals("$: must have 18 characters, not 17", e.messages(Locale.ENGLISH).get(0));
        assertFalse(e.getMessage().contains("110105"), "the exception's own message holds no applicant data");
    }
}
