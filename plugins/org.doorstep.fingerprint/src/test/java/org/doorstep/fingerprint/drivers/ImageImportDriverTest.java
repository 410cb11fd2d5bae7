package org.doorstep.fingerprint.drivers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.doorstep.fingerprint.FingerCapture;
import org.doorstep.fingerprint.FingerImage;
import org.doorstep.fingerprint.FingerPosition;
import org.doorstep.fingerprint.FingerprintException;
import org.doorstep.fingerprint.FingerprintImageException;
import org.doorstep.fingerprint.SourceKind;
import org.doorstep.fingerprint.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageImportDriverTest {

    private final ImageImportDriver driver = new ImageImportDriver(p -> Optional.empty());

    @Test
    void importsPngJpegAndBmpAsGreyAt500PpiWhenTheFileSaysNothingPlausible() throws Exception {
        FingerImage png = importBytes(TestImages.bytes("probe.png")).image();
        assertEquals(388, png.width());
        assertEquals(374, png.height());
        assertEquals(500, png.ppi());
        FingerImage jpeg = importBytes(TestImages.bytes("probe.jpeg")).image();
        assertEquals(png.width(), jpeg.width());
        assertTrue(meanDifference(png, jpeg) < 4, "JPEG is a lossy copy of the PNG");
        FingerImage bmp = importBytes(encode(png, "bmp")).image();
        assertArrayEquals(png.pixels(), bmp.pixels());
    }

    @Test
    void decodesWsqLikeItsReferenceDecodingAndAssumes500Ppi() throws Exception {
        FingerCapture wsq = importBytes(TestImages.bytes("wsq-original.wsq"));
        FingerImage reference = TestImages.image("wsq-converted.png");
        assertEquals(reference.width(), wsq.image().width());
        assertEquals(reference.height(), wsq.image().height());
        assertEquals(500, wsq.image().ppi(), "the WSQ header has no resolution");
        assertTrue(meanDifference(reference, wsq.image()) < 1.0);
        assertEquals(SourceKind.IMPORT, wsq.source());
    }

    @Test
    void usesAPlausibleResolutionFromTheFileAndTheDefaultOtherwise() throws Exception {
        // wsq-converted.png says 96 dpi, a screen's: not believed
        assertEquals(500, importBytes(TestImages.bytes("wsq-converted.png")).image().ppi());
        assertEquals(1000, new ImageImportDriver(p -> Optional.empty(), 1000)
                .importBytes(FingerPosition.LEFT_INDEX, TestImages.bytes("probe.png"), "probe.png").image().ppi());
    }

    @Test
    void importsTheFileTheOfficerChooses(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("right-index.wsq");
        Files.write(file, TestImages.bytes("wsq-original.wsq"));
        try (ImageImportDriver chooser = new ImageImportDriver(p -> Optional.of(file))) {
            FingerCapture c = chooser.capture(FingerPosition.RIGHT_INDEX, null);
            assertEquals("file right-index.wsq", c.device());
        }
        FingerprintException none = assertThrows(FingerprintException.class,
                () -> driver.capture(FingerPosition.RIGHT_INDEX, null));
        assertEquals("import.none", none.key());
    }

    @Test
    void refusesAnEmptyFile() {
        assertRefused(new byte[0], "image.empty");
    }

    @Test
    void refusesAnEmptyWsq() {
        assertRefused(new byte[] { (byte) 0xff, (byte) 0xa0 }, "image.truncated");
    }

    @Test
    void refusesATruncatedWsq() {
        byte[] wsq = TestImages.bytes("wsq-original.wsq");
        assertRefused(Arrays.copyOf(wsq, wsq.length / 2), "image.truncated");
        assertRefused(Arrays.copyOf(wsq, 40), "image.truncated");
    }

    @Test
    void refusesAWsqWhoseHeadersAreDamaged() {
        byte[] wsq = TestImages.bytes("wsq-original.wsq");
        byte[] damaged = wsq.clone();
        Arrays.fill(damaged, 2, 600, (byte) 0x11); // tables and frame header gone, end marker still there
        assertRefused(damaged, "image.wsq.damaged");
    }

    @Test
    void refusesAWsqOfHugeDimensionsBeforeDecodingIt() throws Exception {
        byte[] wsq = TestImages.bytes("wsq-original.wsq").clone();
        int sof = indexOf(wsq, (byte) 0xff, (byte) 0xa2);
        wsq[sof + 6] = (byte) 0xff; // height 65 280 +
        wsq[sof + 8] = (byte) 0xff; // width 65 280 +
        FingerprintImageException e = assertRefused(wsq, "image.tooLarge");
        assertTrue(e.getMessage().contains("65"), e.getMessage());
    }

    @Test
    void refusesATruncatedPngAndJpeg() {
        byte[] png = TestImages.bytes("probe.png");
        assertRefused(Arrays.copyOf(png, png.length / 2), "image.damaged");
        byte[] jpeg = TestImages.bytes("probe.jpeg");
        assertRefused(Arrays.copyOf(jpeg, jpeg.length / 2), "image.damaged");
    }

    @Test
    void refusesACorruptPngAndJpeg() {
        byte[] png = TestImages.bytes("probe.png").clone();
        int idat = indexOf(png, (byte) 'I', (byte) 'D', (byte) 'A', (byte) 'T');
        Arrays.fill(png, idat + 10, idat + 400, (byte) 0x5a);
        assertRefused(png, "image.damaged");
        byte[] jpeg = TestImages.bytes("probe.jpeg").clone();
        int sos = indexOf(jpeg, (byte) 0xff, (byte) 0xda);
        Arrays.fill(jpeg, sos + 20, jpeg.length - 2, (byte) 0xff);
        assertRefused(jpeg, "image.damaged");
    }

    @Test
    void refusesAPngOfHugeDimensionsFromItsHeaderAlone() {
        long start = System.nanoTime();
        FingerprintImageException e = assertRefused(pngHeader(100_000, 100_000), "image.tooLarge");
        assertTrue(e.getMessage().contains("100000 × 100000"), e.getMessage());
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "refused without decoding");
    }

    @Test
    void refusesImagesTooSmallForAFinger() throws Exception {
        assertRefused(encodeGrey(40, 40), "image.tooSmall");
    }

    @Test
    void refusesWhatIsNotAnImageAndJpeg2000() {
        assertRefused("%PDF-1.7 not a finger".getBytes(StandardCharsets.US_ASCII), "image.unknownFormat");
        assertRefused(new byte[] { (byte) 0xff, 0x4f, (byte) 0xff, 0x51, 0, 0 }, "image.jpeg2000");
    }

    @Test
    void refusalsReadInChineseAndEnglish() {
        FingerprintImageException e = assertRefused(new byte[0], "image.empty");
        assertEquals("The file is empty.", e.message(Locale.ENGLISH));
        assertEquals("文件为空。", e.message(Locale.SIMPLIFIED_CHINESE));
        assertFalse(e.message(Locale.SIMPLIFIED_CHINESE).isBlank());
    }

    private FingerCapture importBytes(byte[] content) throws FingerprintImageException {
        return driver.importBytes(FingerPosition.RIGHT_INDEX, content, "test");
    }

    private FingerprintImageException assertRefused(byte[] content, String key) {
        FingerprintImageException e = assertThrows(FingerprintImageException.class, () -> importBytes(content));
        assertEquals(key, e.key(), e.getMessage());
        return e;
    }

    /** A PNG signature and a valid IHDR chunk claiming {@code width × height}, and nothing else. */
    static byte[] pngHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
        png.put(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a }).putInt(13).put(ihdr.array())
                .putInt((int) crc.getValue());
        return png.array();
    }

    private static byte[] encodeGrey(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static byte[] encode(FingerImage image, String format) throws Exception {
        BufferedImage img = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setDataElements(0, 0, image.width(), image.height(), image.pixels());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out));
        return out.toByteArray();
    }

    private static double meanDifference(FingerImage a, FingerImage b) {
        long sum = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            sum += Math.abs((a.pixels()[i] & 0xff) - (b.pixels()[i] & 0xff));
        }
        return (double) sum / a.pixels().length;
    }

    static int indexOf(byte[] data, byte... pattern) {
        outer: for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("pattern not found");
    }
}
