package org.doorstep.capture.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScannedDocumentTest {

    /** An A4 page at 150 dpi with some text, like a scanned certificate. */
    static byte[] page(String format) throws Exception {
        BufferedImage image = new BufferedImage(1240, 1754, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SERIF, Font.PLAIN, 40));
        for (int line = 0; line < 30; line++) {
            g.drawString("Certificate of disability, line " + line, 100, 150 + line * 50);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    static byte[] pdf(int pages, boolean encrypted) throws Exception {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                    content.newLineAtOffset(72, 700);
                    content.showText("Medical certificate, page " + (i + 1));
                    content.endText();
                }
            }
            if (encrypted) {
                doc.protect(new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission()));
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void imagesAndPdfsAreReadWithTheirPages() throws Exception {
        ScannedDocument jpeg = ScannedDocument.read(page("jpeg"));
        assertEquals("image/jpeg", jpeg.mediaType());
        assertEquals(new ScannedDocument.Page(1240, 1754, "px"), jpeg.pages().get(0));
        assertEquals("image/png", ScannedDocument.read(page("png")).mediaType());

        ScannedDocument pdf = ScannedDocument.read(pdf(3, false));
        assertEquals("application/pdf", pdf.mediaType());
        assertEquals(3, pdf.pages().size());
        assertEquals(PDRectangle.A4.getWidth(), pdf.pages().get(2).width(), 0.01);
        BufferedImage first = pdf.render(0, 72);
        assertEquals(Math.round(PDRectangle.A4.getWidth()), first.getWidth(), 1);
    }

    @Test
    void whatIsNotAReadableScanIsRefusedWithItsReason() throws Exception {
        assertEquals(ScanProblem.Code.EMPTY, code(new byte[0]));
        assertEquals(ScanProblem.Code.NOT_A_SCAN, code("hello, I am a text file called scan.png".getBytes(StandardCharsets.UTF_8)));
        byte[] jpeg = page("jpeg");
        assertEquals(ScanProblem.Code.DAMAGED, code(Arrays.copyOf(jpeg, jpeg.length / 2)), "a cut-short JPEG");
        byte[] png = page("png");
        assertEquals(ScanProblem.Code.DAMAGED, code(Arrays.copyOf(png, png.length / 2)), "a cut-short PNG");
        assertEquals(ScanProblem.Code.DAMAGED, code(Arrays.copyOf(pdf(1, false), 40)), "a PDF that is only its header");
        assertEquals(ScanProblem.Code.ENCRYPTED, code(pdf(1, true)));
        assertEquals(ScanProblem.Code.TOO_MANY_PAGES, code(pdf(ScannedDocument.MAX_PDF_PAGES + 1, false)));
        BufferedImage small = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(small, "png", out);
        assertEquals(ScanProblem.Code.TOO_SMALL, code(out.toByteArray()));
    }

    @Test
    void aHugeImageIsRefusedFromItsHeaderWithoutDecodingIt() throws Exception {
        byte[] bomb = pngHeaderOnly(20_000, 20_000);
        ScanProblem p = assertThrows(ScanProblem.class, () -> ScannedDocument.read(bomb));
        assertEquals(ScanProblem.Code.TOO_LARGE, p.code());
        assertTrue(p.message(Locale.SIMPLIFIED_CHINESE).contains("20000×20000"), p.message(Locale.SIMPLIFIED_CHINESE));
        assertTrue(p.getMessage().contains("at most 100 megapixels"), p.getMessage());
    }

    @ParameterizedTest
    @EnumSource(ScanProblem.Code.class)
    void everyProblemHasChineseAndEnglishWords(ScanProblem.Code code) {
        ScanProblem p = new ScanProblem(code, 1, 2, 3);
        assertTrue(p.message(Locale.SIMPLIFIED_CHINESE).codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
        assertFalse(p.message(Locale.ENGLISH).codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
    }

    private static ScanProblem.Code code(byte[] content) {
        return assertThrows(ScanProblem.class, () -> ScannedDocument.read(content)).code();
    }

    /** A PNG whose header claims the given size, with a tiny (invalid) image body: 57 bytes in all. */
    static byte[] pngHeaderOnly(int width, int height) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A });
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] { 8, 2, 0, 0, 0 }); // 8-bit RGB, deflate, no filter, no interlace
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IDAT", new byte[] { 0x78, (byte) 0x9c, 0x03, 0x00 });
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws Exception {
        out.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
