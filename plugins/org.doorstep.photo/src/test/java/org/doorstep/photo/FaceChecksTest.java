package org.doorstep.photo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Face count, frontal pose and resolution on the shared test pictures. */
class FaceChecksTest {

    private static PhotoChecker checker;

    @BeforeAll
    static void loadDetector() {
        checker = new PhotoChecker();
    }

    @AfterAll
    static void closeDetector() {
        checker.close();
    }

    @Test
    void obamaHasExactlyOneFrontalFace() throws Exception {
        Assessment a = checker.assess(TestImages.bytes("obama.jpg"), PhotoSpec.EXIT_ENTRY);
        assertTrue(a.check(CheckId.FACE_COUNT).passed(), a::toString);
        assertEquals(1, a.measurements().faces());
        assertTrue(a.check(CheckId.FRONTAL).passed(), a::toString);
        assertTrue(a.check(CheckId.RESOLUTION).passed(), a::toString);
        assertTrue(Math.abs(a.measurements().rollDegrees()) < 3, "eye line of a level head");
    }

    @Test
    void twoPeopleAreRejectedForTwoFaces() throws Exception {
        Assessment a = checker.assess(TestImages.bytes("two_people.jpg"), PhotoSpec.EXIT_ENTRY);
        CheckResult faces = a.check(CheckId.FACE_COUNT);
        assertFalse(faces.passed());
        assertEquals(0, faces.score());
        assertEquals(2, a.measurements().faces());
        assertEquals("2 faces found. Only the applicant may be in the photo: retake with nobody else in the picture.",
                faces.reason(Locale.ENGLISH));
        assertTrue(faces.reason(Locale.SIMPLIFIED_CHINESE).startsWith("找到 2 张人脸"), faces.reason(Locale.CHINA));
        assertFalse(a.passed());
        assertTrue(a.jpeg().isEmpty(), "no photo is made of two people");
        assertEquals("Not checked: this needs exactly one face in the picture.",
                a.check(CheckId.HEAD_SIZE).reason(Locale.ENGLISH));
    }

    @Test
    void smallPictureIsRejectedAsTooSmall() throws Exception {
        Assessment a = checker.assess(TestImages.bytes("obama-240p.jpg"), PhotoSpec.EXIT_ENTRY);
        assertEquals(427, a.measurements().sourceWidth());
        assertEquals(240, a.measurements().sourceHeight());
        assertTrue(a.check(CheckId.FACE_COUNT).passed(), "the face is found, it is just small");
        CheckResult resolution = a.check(CheckId.RESOLUTION);
        assertFalse(resolution.passed());
        assertTrue(resolution.reason(Locale.ENGLISH).startsWith("The picture is too small: the head is only 92 px high"),
                resolution.reason(Locale.ENGLISH));
        assertTrue(resolution.reason(Locale.SIMPLIFIED_CHINESE).startsWith("照片太小"));
        assertTrue(a.measurements().upscale() > 3, "would need enlarging more than three times");
        assertFalse(a.passed());
    }

    @Test
    void tiltedHeadIsNotFrontal() throws Exception {
        // biden.jpg: one face, head visibly tilted (about 11°)
        Assessment a = checker.assess(TestImages.bytes("biden.jpg"), PhotoSpec.EXIT_ENTRY);
        assertTrue(a.check(CheckId.FACE_COUNT).passed());
        CheckResult frontal = a.check(CheckId.FRONTAL);
        assertFalse(frontal.passed());
        assertTrue(frontal.reason(Locale.ENGLISH).startsWith("The head is tilted by 11"), frontal.reason(Locale.ENGLISH));
        assertTrue(frontal.score() > 0 && frontal.score() < 1);
    }

    @Test
    void faceInFrontOfAPlainWallIsFoundWhateverTheWallsBrightness() {
        // a global histogram equalisation lost this face on walls of brightness 190–200 (see FaceDetector)
        for (int wall = 120; wall <= 250; wall += 10) {
            Assessment a = checker.assess(TestImages.obamaOnPlainWall(wall), PhotoSpec.EXIT_ENTRY);
            assertEquals(1, a.measurements().faces(), "wall " + wall);
            assertTrue(a.check(CheckId.FRONTAL).passed(), "wall " + wall);
        }
    }

    @Test
    void pictureWithoutFaceSaysSo() {
        Assessment a = checker.assess(TestImages.obamaOnPlainWall(230).getSubimage(0, 0, 1100, 240), PhotoSpec.ID_CARD);
        assertEquals(0, a.measurements().faces());
        assertEquals("No face found. The applicant must look straight at the camera with the face uncovered and well lit.",
                a.check(CheckId.FACE_COUNT).reason(Locale.ENGLISH));
    }
}
