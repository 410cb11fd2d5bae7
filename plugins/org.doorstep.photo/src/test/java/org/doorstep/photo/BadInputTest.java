package org.doorstep.photo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that are not good pictures give a clear reason and never crash the checker. The test JVM has a 1 GB heap:
 * decoding any of the "huge" pictures below would need 1.2 GB or more, so an OutOfMemoryError would fail the test.
 */
class BadInputTest {

    private static PhotoChecker checker;

    @TempDir
    Path folder;

    @BeforeAll
    static void loadDetector() {
        checker = new PhotoChecker();
    }

    @AfterAll
    static void closeDetector() {
        checker.close();
    }

    @Test
    void truncatedJpegIsReportedAsDamaged() {
        byte[] obama = TestImages.bytes("obama.jpg");
        PhotoInputException e = refused(Arrays.copyOf(obama, obama.length * 2 / 5));
        assertEquals("input.damaged", e.reason().key());
        assertEquals("The picture is damaged or incomplete and cannot be read. Copy or take it again.",
                e.reason(Locale.ENGLISH));
        assertEquals("图片已损坏或不完整,无法读取。请重新复制或重新拍摄。", e.reason(Locale.SIMPLIFIED_CHINESE));
    }

    @Test
    void jpegWithGarbledHeaderIsReportedAsDamaged() {
        byte[] garbled = TestImages.bytes("obama.jpg");
        for (int i = 4; i < 600; i++) {
            garbled[i] = (byte) (i * 31);
        }
        assertEquals("input.damaged", refused(garbled).reason().key());
    }

    @Test
    void textFileNamedPngIsNotAPicture() throws IOException {
        Path file = folder.resolve("photo.png");
        Files.writeString(file, "This is not a picture, whatever its name says.\n", StandardCharsets.UTF_8);
        PhotoInputException e = assertThrows(PhotoInputException.class,
                () -> checker.assess(new FileImportSource(file, ImageLimits.DEFAULT), PhotoSpec.EXIT_ENTRY));
        assertEquals("input.notAPicture", e.reason().key());
        assertEquals("The file is not a JPEG or PNG picture (judged by its content, whatever its name).",
                e.reason(Locale.ENGLISH));
    }

    @Test
    void pngClaiming20000By20000PixelsIsRefusedBeforeDecoding() throws IOException {
        byte[] png = pngHeaderOnly(20_000, 20_000);
        assertTrue(png.length < 100, "a tiny file: " + png.length + " bytes");
        Path file = folder.resolve("huge.png");
        Files.write(file, png);
        PhotoInputException e = assertThrows(PhotoInputException.class,
                () -> checker.assess(new FileImportSource(file, ImageLimits.DEFAULT), PhotoSpec.EXIT_ENTRY));
        assertEquals("input.tooManyPixels", e.reason().key());
        assertEquals("The picture says it is 20000×20000 pixels, more than accepted (at most 12000 px a side and 50 "
                + "megapixels). Use a smaller picture.", e.reason(Locale.ENGLISH));
    }

    @Test
    void jpegClaiming20000By20000PixelsIsRefusedBeforeDecoding() {
        byte[] jpeg = TestImages.bytes("obama.jpg");
        int sof = frameHeader(jpeg);
        // SOF0: length (2), precision (1), height (2), width (2)
        jpeg[sof + 5] = (byte) (20_000 >> 8);
        jpeg[sof + 6] = (byte) (20_000 & 0xff);
        jpeg[sof + 7] = (byte) (20_000 >> 8);
        jpeg[sof + 8] = (byte) (20_000 & 0xff);
        assertEquals("input.tooManyPixels", refused(jpeg).reason().key());
    }

    @Test
    void tooManyPixelsWithinTheSideLimitIsRefused() {
        // 11,000 × 11,000 = 121 megapixels: each side is allowed, the total is not
        assertEquals("input.tooManyPixels", refused(pngHeaderOnly(11_000, 11_000)).reason().key());
    }

    @Test
    void emptyAndOversizedFilesAreRefused() throws IOException {
        assertEquals("input.empty", refused(new byte[0]).reason().key());
        Path file = folder.resolve("big.jpg");
        Files.write(file, TestImages.bytes("obama.jpg"));
        ImageLimits small = new ImageLimits(100_000, 12_000, 50_000_000);
        PhotoInputException e = assertThrows(PhotoInputException.class,
                () -> new FileImportSource(file, small).acquire());
        assertEquals("input.tooManyBytes", e.reason().key());
    }

    @Test
    void missingFileSaysItCannotBeRead() {
        PhotoInputException e = assertThrows(PhotoInputException.class,
                () -> new FileImportSource(folder.resolve("gone.jpg"), ImageLimits.DEFAULT).acquire());
        assertEquals("The file gone.jpg cannot be read. Check the memory card or folder and try again.",
                e.reason(Locale.ENGLISH));
    }

    @Test
    void checkerStillWorksAfterRefusals() throws Exception {
        refused(pngHeaderOnly(20_000, 20_000));
        refused("not a picture".getBytes(StandardCharsets.US_ASCII));
        assertTrue(checker.assess(TestImages.bytes("obama.jpg"), PhotoSpec.EXIT_ENTRY).check(CheckId.FACE_COUNT)
                .passed());
    }

    private static PhotoInputException refused(byte[] file) {
        return assertThrows(PhotoInputException.class, () -> checker.assess(file, PhotoSpec.EXIT_ENTRY));
    }

    /**
     * Offset of the main picture's frame header (SOF0..SOF2), found by walking the segments from the start so that
     * the thumbnail inside the EXIF segment (which has a frame header of its own) is skipped.
     */
    private static int frameHeader(byte[] jpeg) {
        int i = 2;
        while (i + 3 < jpeg.length && (jpeg[i] & 0xff) == 0xff) {
            int marker = jpeg[i + 1] & 0xff;
            if (marker >= 0xc0 && marker <= 0xc2) {
                return i;
            }
            i += 2 + (((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff));
        }
        throw new AssertionError("no frame header");
    }

    /**
     * A valid PNG signature and header (8-bit RGB, {@code width}×{@code height}) followed by one tiny compressed
     * row and the end marker: well-formed enough for a decoder to start allocating the whole picture.
     */
    static byte[] pngHeaderOnly(int width, int height) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(ihdr);
            h.writeInt(width);
            h.writeInt(height);
            h.write(new byte[] { 8, 2, 0, 0, 0 }); // depth 8, RGB, deflate, adaptive filter, no interlace
            chunk(out, "IHDR", ihdr.toByteArray());
            Deflater deflater = new Deflater();
            deflater.setInput(new byte[64]);
            deflater.finish();
            byte[] idat = new byte[64];
            int n = deflater.deflate(idat);
            deflater.end();
            chunk(out, "IDAT", Arrays.copyOf(idat, n));
            chunk(out, "IEND", new byte[0]);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(typeBytes);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
