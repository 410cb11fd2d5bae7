package org.doorstep.fingerprint;

import static org.doorstep.fingerprint.FingerPosition.LEFT_INDEX;
import static org.doorstep.fingerprint.FingerPosition.RIGHT_INDEX;
import static org.doorstep.fingerprint.FingerPosition.RIGHT_THUMB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class FingerCaptureSessionTest {

    private static final FingerImage PROBE = TestImages.image("probe.png");
    private static final FingerImage MATCHING = TestImages.image("matching.png");
    private static final FingerImage OTHER = TestImages.image("nonmatching.png");
    private static final FingerImage SMEARED = TestImages.blur(PROBE, 4);
    private static final FingerImage FAINT = TestImages.map(PROBE, (v, i) -> 200 + (v - 200) / 6);

    private final FingerCaptureSession session = new FingerCaptureSession(FingerPlan.idCard(), CaptureOptions.DEFAULT);

    @Test
    void keepsTheBestOfTheRetries() throws Exception {
        ScriptedDriver driver = new ScriptedDriver().then(SMEARED).then(PROBE).then(FAINT);
        FingerCaptureSession.Attempt first = session.capture(driver, RIGHT_INDEX);
        assertFalse(first.accepted());
        assertTrue(first.kept(), "the only capture is the best so far");
        assertEquals(2, first.attemptsLeft());
        assertEquals(Optional.of(RIGHT_INDEX), session.nextFinger(), "not accepted yet: retry");

        FingerCaptureSession.Attempt second = session.capture(driver, RIGHT_INDEX);
        assertTrue(second.accepted() && second.kept());
        assertEquals(Optional.of(LEFT_INDEX), session.nextFinger());

        FingerCaptureSession.Attempt third = session.capture(driver, RIGHT_INDEX);
        assertFalse(third.kept(), "worse than the second");
        FingerCaptureSession.Kept kept = session.kept(RIGHT_INDEX).orElseThrow();
        assertSame(second.capture(), kept.capture());
        assertEquals(3, kept.attempts());
        assertTrue(kept.accepted());
    }

    @Test
    void givesUpAfterTheLastAttemptAndMovesToTheSubstitute() throws Exception {
        ScriptedDriver driver = new ScriptedDriver().then(SMEARED).then(FAINT).then(SMEARED);
        session.capture(driver, RIGHT_INDEX);
        session.capture(driver, RIGHT_INDEX);
        FingerCaptureSession.Attempt last = session.capture(driver, RIGHT_INDEX);
        assertEquals(0, last.attemptsLeft());
        assertEquals(ExceptionReason.UNUSABLE_AFTER_RETRIES, last.gaveUp().orElseThrow().reason());
        assertEquals(ExceptionReason.UNUSABLE_AFTER_RETRIES, session.exceptions().get(RIGHT_INDEX).reason());
        assertTrue(session.kept(RIGHT_INDEX).isPresent(), "the best failed capture stays as evidence");
        assertEquals(Optional.of(RIGHT_THUMB), session.nextFinger());

        FingerprintException used = assertThrows(FingerprintException.class, () -> session.capture(driver, RIGHT_INDEX));
        assertEquals("session.attemptsUsedUp", used.key());
        assertEquals("右手食指的 3 次采集机会已用完。", used.message(Locale.SIMPLIFIED_CHINESE));
    }

    @Test
    void aPrintOfAFingerAlreadyTakenIsFlaggedAndNotKept() throws Exception {
        ScriptedDriver driver = new ScriptedDriver().then(PROBE).then(MATCHING).then(OTHER);
        session.capture(driver, RIGHT_INDEX);
        FingerCaptureSession.Attempt again = session.capture(driver, LEFT_INDEX);
        assertEquals(1, again.sameFingerAs().size());
        assertEquals(RIGHT_INDEX, again.sameFingerAs().get(0).second().position());
        assertFalse(again.kept());
        assertFalse(again.accepted());
        assertTrue(session.kept(LEFT_INDEX).isEmpty());

        FingerCaptureSession.Attempt right = session.capture(driver, LEFT_INDEX);
        assertTrue(right.accepted() && right.sameFingerAs().isEmpty());
        assertTrue(session.complete());
        assertEquals(List.of(), session.sameFingerPairs());
    }

    @Test
    void theThresholdAndTheNumberOfAttemptsAreTheAdministratorsToSet() throws Exception {
        int faint = new QualityAssessor(new FingerTemplates()).assess(TestImages.as(FAINT, RIGHT_INDEX)).score();
        FingerCaptureSession lenient = new FingerCaptureSession(FingerPlan.idCard(),
                CaptureOptions.DEFAULT.withQualityThreshold(faint).withAttemptsPerFinger(1));
        assertTrue(lenient.capture(new ScriptedDriver().then(FAINT), RIGHT_INDEX).accepted());

        FingerCaptureSession strict = new FingerCaptureSession(FingerPlan.idCard(),
                CaptureOptions.DEFAULT.withQualityThreshold(faint + 1).withAttemptsPerFinger(1));
        FingerCaptureSession.Attempt once = strict.capture(new ScriptedDriver().then(FAINT), RIGHT_INDEX);
        assertFalse(once.accepted());
        assertTrue(once.gaveUp().isPresent(), "one attempt allowed, so the finger is given up at once");
        assertEquals(Optional.of(RIGHT_THUMB), strict.nextFinger());
    }

    @Test
    void aFailingDriverChangesNothing() throws Exception {
        ScriptedDriver driver = new ScriptedDriver().then(PROBE)
                .thenFail(new FingerprintDeviceException("device.timeout", "4501", "20.0"));
        session.capture(driver, RIGHT_INDEX);
        List<FingerCaptureSession.Kept> before = session.keptCaptures();
        assertThrows(FingerprintDeviceException.class, () -> session.capture(driver, LEFT_INDEX));
        assertEquals(before, session.keptCaptures());
        assertEquals(Optional.of(LEFT_INDEX), session.nextFinger());
        assertTrue(session.exceptions().isEmpty());
    }

    @Test
    void aMissingFingerIsAnExceptionWithAPhotoAndTheSubstituteIsNext() throws Exception {
        byte[] photo = TestImages.bytes("probe.jpeg");
        session.recordException(FingerException.of(RIGHT_INDEX, ExceptionReason.AMPUTATED, "左手食指以外", photo));
        assertEquals(Optional.of(RIGHT_THUMB), session.nextFinger());
        FingerException recorded = session.exceptions().get(RIGHT_INDEX);
        assertEquals("image/jpeg", recorded.photoMediaType().orElseThrow());
        assertTrue(Arrays.equals(photo, recorded.photo().orElseThrow()));
        FingerprintException refused = assertThrows(FingerprintException.class,
                () -> session.capture(new ScriptedDriver().then(PROBE), RIGHT_INDEX));
        assertEquals("session.excepted", refused.key());
        session.clearException(RIGHT_INDEX);
        assertEquals(Optional.of(RIGHT_INDEX), session.nextFinger());
    }

    @Test
    void exceptionsNeedAValidPhotoAndOtherNeedsANote() throws Exception {
        assertEquals("photo.missing",
                assertThrows(FingerprintException.class, () -> FingerException.of(RIGHT_INDEX, ExceptionReason.INJURED, "", null)).key());
        byte[] jpeg = TestImages.bytes("probe.jpeg");
        assertEquals("image.damaged", assertThrows(FingerprintException.class,
                () -> FingerException.of(RIGHT_INDEX, ExceptionReason.BANDAGED, "", Arrays.copyOf(jpeg, jpeg.length / 2))).key());
        assertEquals("photo.format", assertThrows(FingerprintException.class,
                () -> FingerException.of(RIGHT_INDEX, ExceptionReason.BANDAGED, "", TestImages.bytes("wsq-original.wsq"))).key());
        assertEquals("exception.noteRequired", assertThrows(FingerprintException.class,
                () -> FingerException.of(RIGHT_INDEX, ExceptionReason.OTHER, "  ", jpeg)).key());
        assertEquals("其他原因", FingerprintMessages.text(Locale.SIMPLIFIED_CHINESE, "reason.OTHER"));
    }

    @Test
    void anExceptionCannotHideAKeptCapture() throws Exception {
        session.capture(new ScriptedDriver().then(PROBE), RIGHT_INDEX);
        FingerException amputated = FingerException.of(RIGHT_INDEX, ExceptionReason.AMPUTATED, "", TestImages.bytes("probe.png"));
        assertEquals("session.captured", assertThrows(FingerprintException.class, () -> session.recordException(amputated)).key());
        session.discard(RIGHT_INDEX);
        session.recordException(amputated);
        assertEquals(Optional.of(RIGHT_THUMB), session.nextFinger());
    }
}
