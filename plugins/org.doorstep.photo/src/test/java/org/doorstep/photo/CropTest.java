package org.doorstep.photo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Crop and scale to the documents' specifications, never padded or stretched. */
class CropTest {

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
    void obamaCropPutsHeadHeightInTheExitEntryBand() throws Exception {
        Assessment a = checker.assess(TestImages.bytes("obama.jpg"), PhotoSpec.EXIT_ENTRY);
        BufferedImage photo = ImageIO.read(new ByteArrayInputStream(a.jpeg().orElseThrow()));
        assertEquals(354, photo.getWidth());
        assertEquals(472, photo.getHeight());
        assertTrue(a.check(CheckId.HEAD_SIZE).passed(), a::toString);
        double mm = a.measurements().headHeightMm();
        assertTrue(mm >= 28 && mm <= 33, "head height " + mm + " mm");

        // measured again, independently, on the finished photo: detect the face in the JPEG itself
        Assessment again = checker.assess(photo, PhotoSpec.EXIT_ENTRY);
        double headPx = again.measurements().headPixels();
        double remeasured = headPx / PhotoSpec.EXIT_ENTRY.pxPerMmY();
        assertTrue(remeasured >= 28 && remeasured <= 33, "head height on the photo " + remeasured + " mm");
    }

    @Test
    void missingRoomAboveTheCrownIsReportedNotPadded() throws Exception {
        Assessment a = checker.assess(TestImages.bytes("obama.jpg"), PhotoSpec.EXIT_ENTRY);
        Measurements m = a.measurements();
        CheckResult position = a.check(CheckId.HEAD_POSITION);
        assertFalse(position.passed());
        double crown = m.crownMarginMm();
        assertTrue(crown > 1.5 && crown < 3, "crown " + crown + " mm below the top edge");
        assertEquals(String.format(Locale.ROOT, "Not enough space above the head: the crown is %.1f mm from the top of "
                + "the crop, the rule asks at least 3 mm. Retake with more room above the head.", crown),
                position.reason(Locale.ENGLISH));
        assertTrue(position.reason(Locale.SIMPLIFIED_CHINESE).startsWith("头顶上方空间不足"));
        // not padded: the crop starts at the picture's top edge and lies wholly inside it
        assertEquals(0, m.cropY());
        assertTrue(m.cropX() >= 0 && m.cropX() + m.cropWidth() <= m.sourceWidth());
        assertTrue(m.cropHeight() <= m.sourceHeight());
        // not stretched: the crop has the photo's proportions (within rounding to whole source pixels)
        assertEquals(354.0 / 472, (double) m.cropWidth() / m.cropHeight(), 1.0 / m.cropHeight());
        // and the head keeps its size in the band rather than being shrunk to make room
        assertTrue(a.check(CheckId.HEAD_SIZE).passed());
    }

    @Test
    void headWithRoomAroundItPassesEveryCheckForExitEntry() {
        Assessment a = checker.assess(TestImages.obamaOnPlainWall(232), PhotoSpec.EXIT_ENTRY);
        assertTrue(a.passed(), a::toString);
        Measurements m = a.measurements();
        assertTrue(m.crownMarginMm() >= 3 && m.crownMarginMm() <= 5, "crown " + m.crownMarginMm());
        assertTrue(m.headWidthMm() >= 15 && m.headWidthMm() <= 22, "width " + m.headWidthMm());
        int size = a.jpeg().orElseThrow().length;
        assertTrue(size >= PhotoSpec.EXIT_ENTRY.minJpegBytes() && size <= PhotoSpec.EXIT_ENTRY.maxJpegBytes(), size + " bytes");
    }

    @Test
    void headWithRoomAroundItPassesEveryCheckForIdCard() throws Exception {
        Assessment a = checker.assess(TestImages.obamaOnPlainWall(240), PhotoSpec.ID_CARD);
        assertTrue(a.passed(), a::toString);
        byte[] jpeg = a.jpeg().orElseThrow();
        BufferedImage photo = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertEquals(358, photo.getWidth());
        assertEquals(441, photo.getHeight());
        assertTrue(jpeg.length >= 14 * 1024 && jpeg.length <= 20 * 1024, jpeg.length + " bytes");
        assertEquals(350, jfifDensity(jpeg, "Xdensity"));
        assertEquals(350, jfifDensity(jpeg, "Ydensity"));
    }

    @Test
    void exitEntryJpegCarriesThePrintDensityOfItsPrintedSize() throws Exception {
        byte[] jpeg = checker.assess(TestImages.bytes("obama.jpg"), PhotoSpec.EXIT_ENTRY).jpeg().orElseThrow();
        // 354 px over 33 mm and 472 px over 48 mm
        assertEquals(272, jfifDensity(jpeg, "Xdensity"));
        assertEquals(250, jfifDensity(jpeg, "Ydensity"));
    }

    private static int jfifDensity(byte[] jpeg, String attribute) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.next();
            reader.setInput(in);
            IIOMetadata metadata = reader.getImageMetadata(0);
            Element jfif = find(metadata.getAsTree("javax_imageio_jpeg_image_1.0"), "app0JFIF");
            assertEquals("1", jfif.getAttribute("resUnits"));
            return Integer.parseInt(jfif.getAttribute(attribute));
        }
    }

    private static Element find(Node node, String name) {
        if (node instanceof Element e && name.equals(e.getNodeName())) {
            return e;
        }
        for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            Element found = find(c, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
