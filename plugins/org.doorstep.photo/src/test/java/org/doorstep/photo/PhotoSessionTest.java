package org.doorstep.photo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Up to three attempts, the best chosen, an officer's override only with a recorded reason. */
class PhotoSessionTest {

    private static final Instant NOON = Instant.parse("2026-11-21T12:00:00Z");
    private static PhotoChecker checker;

    private final Clock clock = Clock.fixed(NOON, ZoneOffset.UTC);

    @BeforeAll
    static void loadDetector() {
        checker = new PhotoChecker();
    }

    @AfterAll
    static void closeDetector() {
        checker.close();
    }

    @Test
    void keepsThreeAttemptsAndRefusesAFourth() {
        PhotoSession session = new PhotoSession(checker, PhotoSpec.EXIT_ENTRY, clock);
        for (int i = 1; i <= 3; i++) {
            assertTrue(session.canAttempt());
            Attempt attempt = session.keep(assessment(true, 0.8));
            assertEquals(i, attempt.number());
            assertEquals(NOON, attempt.takenAt());
        }
        assertFalse(session.canAttempt());
        assertThrows(IllegalStateException.class, () -> session.keep(assessment(true, 1)));
        assertEquals(3, session.attempts().size());
    }

    @Test
    void bestIsTheHighestScoringAttemptThatPassesEveryCheck() {
        PhotoSession session = new PhotoSession(checker, PhotoSpec.EXIT_ENTRY, clock);
        session.keep(assessment(true, 0.7));
        session.keep(assessment(false, 0.95)); // higher score, but one check failed
        session.keep(assessment(true, 0.9));
        assertEquals(3, session.best().orElseThrow().number());
        assertEquals(3, session.chosen().orElseThrow().number());
        assertTrue(session.accepted());
    }

    @Test
    void whenNoAttemptPassesTheHighestScoreIsChosenButNotAccepted() {
        PhotoSession session = new PhotoSession(checker, PhotoSpec.EXIT_ENTRY, clock);
        session.keep(assessment(false, 0.5));
        session.keep(assessment(false, 0.6));
        assertEquals(2, session.best().orElseThrow().number());
        assertFalse(session.accepted(), "a failing photo needs an officer's decision");
    }

    @Test
    void overrideNeedsAReasonAndIsRecordedWithOfficerAndTime() {
        PhotoSession session = new PhotoSession(checker, PhotoSpec.EXIT_ENTRY, clock);
        session.keep(assessment(false, 0.6));
        session.keep(assessment(true, 0.9));
        assertThrows(IllegalArgumentException.class, () -> session.override(1, "officer-7", "  "));
        assertThrows(IllegalArgumentException.class, () -> session.override(1, "officer-7", null));
        assertThrows(IllegalArgumentException.class, () -> session.override(1, " ", "bedridden applicant"));
        assertThrows(IllegalArgumentException.class, () -> session.override(4, "officer-7", "no such attempt"));
        assertTrue(session.officerOverride().isEmpty(), "a refused override leaves nothing behind");
        assertEquals(2, session.chosen().orElseThrow().number());

        OfficerOverride o = session.override(1, "officer-7", "  Applicant is bedridden and cannot sit upright.  ");
        assertEquals(new OfficerOverride(1, "officer-7", "Applicant is bedridden and cannot sit upright.", NOON), o);
        assertEquals(1, session.chosen().orElseThrow().number());
        assertEquals(2, session.best().orElseThrow().number(), "the checks' choice stays visible");
        assertTrue(session.accepted());
        assertEquals(o, session.officerOverride().orElseThrow());
    }

    @Test
    void aFileThatIsNoPictureDoesNotUseUpAnAttempt(@TempDir Path folder) throws Exception {
        Path text = folder.resolve("photo.jpg");
        Files.writeString(text, "hello", StandardCharsets.UTF_8);
        PhotoSession session = new PhotoSession(checker, PhotoSpec.EXIT_ENTRY, clock);
        assertThrows(PhotoInputException.class, () -> session.capture(new FileImportSource(text, ImageLimits.DEFAULT)));
        assertTrue(session.attempts().isEmpty());
        assertTrue(session.best().isEmpty());

        Path obama = folder.resolve("obama.jpg");
        Files.write(obama, TestImages.bytes("obama.jpg"));
        Attempt attempt = session.capture(new FileImportSource(obama, ImageLimits.DEFAULT));
        assertEquals(1, attempt.number());
        assertTrue(attempt.assessment().jpeg().isPresent());
    }

    @Test
    void refusesAnAssessmentMadeForAnotherDocument() {
        PhotoSession session = new PhotoSession(checker, PhotoSpec.ID_CARD, clock);
        assertThrows(IllegalArgumentException.class, () -> session.keep(assessment(true, 1)));
    }

    /** An exit-entry assessment whose checks average {@code score}, all passing or the last one failing. */
    private static Assessment assessment(boolean passed, double score) {
        List<CheckResult> checks = new ArrayList<>();
        CheckId[] ids = CheckId.values();
        for (int i = 0; i < ids.length; i++) {
            boolean ok = passed || i < ids.length - 1;
            checks.add(new CheckResult(ids[i], ok, score, List.of(Reason.of("faces.one"))));
        }
        Measurements none = new Measurements(1, 1, 1, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN);
        return new Assessment(PhotoSpec.EXIT_ENTRY, checks, new byte[] { 1 }, none);
    }
}
