package org.doorstep.photo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PhotoSpecTest {

    @Test
    void idCardIs350DotsPerInch() {
        assertEquals(350 / 25.4, PhotoSpec.ID_CARD.pxPerMmX(), 0.02);
        assertEquals(350 / 25.4, PhotoSpec.ID_CARD.pxPerMmY(), 0.02);
        // GA 461: face 207 ± 14 px wide, 7–21 px above the crown, eyes at least 207 px above the bottom edge
        assertEquals(193, PhotoSpec.ID_CARD.headWidthMm().min() * PhotoSpec.ID_CARD.pxPerMmX(), 1);
        assertEquals(221, PhotoSpec.ID_CARD.headWidthMm().max() * PhotoSpec.ID_CARD.pxPerMmX(), 1);
        assertEquals(7, PhotoSpec.ID_CARD.crownMarginMm().min() * PhotoSpec.ID_CARD.pxPerMmY(), 0.5);
        assertEquals(21, PhotoSpec.ID_CARD.crownMarginMm().max() * PhotoSpec.ID_CARD.pxPerMmY(), 0.5);
        assertEquals(207, PhotoSpec.ID_CARD.eyeLineFromBottomMm().min() * PhotoSpec.ID_CARD.pxPerMmY(), 1);
    }

    @Test
    void exitEntryPixelsAreNotSquareInMillimetres() {
        // 354×472 px for 33×48 mm: the published figures differ in proportion, so each axis has its own scale
        assertEquals(10.727, PhotoSpec.EXIT_ENTRY.pxPerMmX(), 0.001);
        assertEquals(9.833, PhotoSpec.EXIT_ENTRY.pxPerMmY(), 0.001);
    }

    @Test
    void refusesSpecificationsThatCannotBeMet() {
        assertThrows(IllegalArgumentException.class, () -> new PhotoSpec("x", 354, 472, 33, 48, new MmRange(40, 50),
                new MmRange(15, 22), new MmRange(3, 5), MmRange.ANY, PhotoSpec.EXIT_ENTRY.background(), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new MmRange(5, 3));
        assertThrows(IllegalArgumentException.class, () -> new PhotoSpec("x", 354, 472, 33, 48, new MmRange(28, 33),
                new MmRange(15, 22), new MmRange(3, 5), MmRange.ANY, PhotoSpec.EXIT_ENTRY.background(), 10, 5));
    }
}
