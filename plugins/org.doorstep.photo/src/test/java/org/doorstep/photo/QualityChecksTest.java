package org.doorstep.photo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Background, exposure and sharpness judged on the finished photo. */
class QualityChecksTest {

    private static PhotoChecker checker;
    private static BufferedImage wellTaken;

    @BeforeAll
    static void setUp() {
        checker = new PhotoChecker();
        wellTaken = TestImages.obamaOnPlainWall(232);
    }

    @AfterAll
    static void closeDetector() {
        checker.close();
    }

    @Test
    void officeWithCurtainsAndFlagsIsNotAPlainBackground() throws Exception {
        CheckResult background = checker.assess(TestImages.bytes("obama.jpg"), PhotoSpec.EXIT_ENTRY)
                .check(CheckId.BACKGROUND);
        assertFalse(background.passed());
        String en = background.reason(Locale.ENGLISH);
        assertTrue(en.contains("The background is too dark"), en);
        assertTrue(en.contains("The background is not plain"), en);
    }

    @Test
    void plainLightWallPassesTheBackgroundCheck() {
        CheckResult background = checker.assess(wellTaken, PhotoSpec.EXIT_ENTRY).check(CheckId.BACKGROUND);
        assertTrue(background.passed(), background::toString);
        assertTrue(background.score() > 0.9, background::toString);
    }

    @Test
    void greyWallIsLightEnoughForPassportsButNotWhiteForTheIdCard() {
        BufferedImage greyWall = TestImages.obamaOnPlainWall(185);
        assertTrue(checker.assess(greyWall, PhotoSpec.EXIT_ENTRY).check(CheckId.BACKGROUND).passed());
        CheckResult idCard = checker.assess(greyWall, PhotoSpec.ID_CARD).check(CheckId.BACKGROUND);
        assertFalse(idCard.passed());
        assertTrue(idCard.reason(Locale.ENGLISH).startsWith("The background is not white"), idCard::toString);
    }

    @Test
    void blurredFaceFailsSharpness() {
        Assessment sharp = checker.assess(wellTaken, PhotoSpec.EXIT_ENTRY);
        Assessment blurred = checker.assess(TestImages.blurred(wellTaken, 3), PhotoSpec.EXIT_ENTRY);
        assertTrue(sharp.check(CheckId.SHARPNESS).passed(), sharp.check(CheckId.SHARPNESS)::toString);
        CheckResult result = blurred.check(CheckId.SHARPNESS);
        assertFalse(result.passed(), result::toString);
        assertTrue(result.reason(Locale.ENGLISH).startsWith("The face is blurred"));
        assertTrue(blurred.measurements().sharpness() < sharp.measurements().sharpness() / 4);
    }

    @Test
    void underexposedFaceFailsExposure() {
        CheckResult exposure = checker.assess(TestImages.scaledBrightness(wellTaken, 0.25), PhotoSpec.EXIT_ENTRY)
                .check(CheckId.EXPOSURE);
        assertFalse(exposure.passed(), exposure::toString);
        assertTrue(exposure.reason(Locale.ENGLISH).startsWith("The face is too dark"), exposure::toString);
    }

    @Test
    void overexposedFaceFailsExposure() {
        CheckResult exposure = checker.assess(TestImages.scaledBrightness(wellTaken, 2.2), PhotoSpec.EXIT_ENTRY)
                .check(CheckId.EXPOSURE);
        assertFalse(exposure.passed(), exposure::toString);
        assertTrue(exposure.reason(Locale.ENGLISH).contains("pure white"), exposure::toString);
    }

    @Test
    void everyScoreIsBetweenZeroAndOneAndEveryReasonIsWordsInBothLanguages() throws Exception {
        for (String name : new String[] { "obama.jpg", "biden.jpg", "two_people.jpg", "obama-240p.jpg" }) {
            for (PhotoSpec spec : new PhotoSpec[] { PhotoSpec.EXIT_ENTRY, PhotoSpec.ID_CARD }) {
                Assessment a = checker.assess(TestImages.bytes(name), spec);
                for (CheckResult r : a.checks()) {
                    assertTrue(r.score() >= 0 && r.score() <= 1);
                    String en = r.reason(Locale.ENGLISH);
                    String zh = r.reason(Locale.SIMPLIFIED_CHINESE);
                    assertFalse(en.contains(".ok") || en.contains("{") || en.isBlank(), en);
                    assertFalse(zh.contains("{") || zh.isBlank() || zh.equals(en), zh);
                }
            }
        }
    }
}
