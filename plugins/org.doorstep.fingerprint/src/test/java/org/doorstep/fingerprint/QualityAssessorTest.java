package org.doorstep.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class QualityAssessorTest {

    private final QualityAssessor assessor = new QualityAssessor(new FingerTemplates());

    private FingerQuality score(FingerImage image) throws FingerprintImageException {
        return assessor.assess(TestImages.as(image, FingerPosition.RIGHT_INDEX));
    }

    @Test
    void theSamplePrintsPassTheDefaultThreshold() throws Exception {
        for (String name : List.of("probe.png", "matching.png", "nonmatching.png", "probe.jpeg", "wsq-original.wsq")) {
            FingerQuality q = score(TestImages.image(name));
            assertTrue(q.score() >= 60, name + " scored " + q);
            assertTrue(q.issues().isEmpty(), name + " has issues " + q.issues());
            assertTrue(q.reliableMinutiae() >= 15 && q.reliableMinutiae() <= q.minutiae(), name + ": " + q);
        }
    }

    @Test
    void aSmearedPrintFailsAndSaysWhy() throws Exception {
        FingerImage probe = TestImages.image("probe.png");
        FingerQuality sharp = score(probe);
        FingerQuality smeared = score(TestImages.blur(probe, 4));
        assertTrue(smeared.score() < CaptureOptions.DEFAULT_QUALITY, smeared.toString());
        assertTrue(smeared.score() < sharp.score());
        assertTrue(smeared.issues().contains(QualityIssue.UNCLEAR_RIDGES), smeared.issues().toString());
    }

    @Test
    void aFaintPrintFailsAsLowContrast() throws Exception {
        FingerQuality faint = score(TestImages.map(TestImages.image("probe.png"), (v, i) -> 200 + (v - 200) / 6));
        assertTrue(faint.score() < CaptureOptions.DEFAULT_QUALITY, faint.toString());
        assertEquals(QualityIssue.LOW_CONTRAST, faint.issues().get(0), faint.issues().toString());
    }

    @Test
    void aPrintMostlyOffTheGlassFailsAsTooSmall() throws Exception {
        FingerImage probe = TestImages.image("probe.png");
        int w = probe.width(), h = probe.height();
        FingerQuality corner = score(TestImages.map(probe, (v, i) -> i % w < w * 0.85 && i / w < h * 0.85 ? 230 : v));
        assertTrue(corner.score() < CaptureOptions.DEFAULT_QUALITY, corner.toString());
        assertTrue(corner.issues().contains(QualityIssue.SMALL_AREA), corner.issues().toString());
    }

    @Test
    void noiseAndAnEmptyGlassScoreNothing() throws Exception {
        FingerImage probe = TestImages.image("probe.png");
        Random random = new Random(7);
        FingerQuality noise = score(TestImages.map(probe, (v, i) -> 128 + (int) (random.nextGaussian() * 50)));
        assertTrue(noise.score() < 10, noise.toString());
        FingerQuality blank = score(TestImages.map(probe, (v, i) -> 240));
        assertEquals(0, blank.score());
        assertEquals(List.of(QualityIssue.NO_FINGER), blank.issues());
    }

    @Test
    void scoresDoNotDependOnTheFileFormat() throws Exception {
        int png = score(TestImages.image("probe.png")).score();
        int jpeg = score(TestImages.image("probe.jpeg")).score();
        assertTrue(Math.abs(png - jpeg) <= 5, png + " vs " + jpeg);
    }
}
