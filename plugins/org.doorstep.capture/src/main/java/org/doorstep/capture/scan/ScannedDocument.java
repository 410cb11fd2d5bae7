package org.doorstep.capture.scan;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * A scanned document for a checklist item (household register, disability certificate, medical proof …):
 * one JPEG or PNG page, or a PDF of one or more pages. {@link #read} checks it completely before anything is
 * stored: the format by its content (not its name), image dimensions from the header before any pixel is
 * decoded (so a 20 000 × 20 000 "bomb" is refused without allocating it), every image decoded in full, PDFs
 * opened and their first page rendered, password-protected PDFs refused.
 *
 * @param mediaType {@code image/jpeg}, {@code image/png} or {@code application/pdf}
 * @param pages     the size of each page in pixels (images) or points, 1/72 inch (PDF)
 */
public record ScannedDocument(String mediaType, List<Page> pages, byte[] content) {

    /** Width and height of one page; {@code unit} is {@code px} or {@code pt}. */
    public record Page(double width, double height, String unit) {
    }

    /** 100 megapixels: an A3 page at 600 dpi is about 70. */
    public static final long MAX_PIXELS = 100_000_000L;
    /** A readable A4 page needs about 1000 px on its short side (≈ 120 dpi). */
    public static final int MIN_SHORT_SIDE = 1000;
    public static final int MAX_PDF_PAGES = 50;

    public static ScannedDocument read(byte[] content) throws ScanProblem {
        if (content == null || content.length == 0) {
            throw new ScanProblem(ScanProblem.Code.EMPTY);
        }
        if (startsWith(content, 0xFF, 0xD8, 0xFF)) {
            return image(content, "image/jpeg", "jpeg");
        }
        if (startsWith(content, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return image(content, "image/png", "png");
        }
        if (startsWith(content, '%', 'P', 'D', 'F', '-')) {
            return pdf(content);
        }
        throw new ScanProblem(ScanProblem.Code.NOT_A_SCAN);
    }

    /** Renders a page at {@code dpi} (PDF) or returns the decoded image, for the officer to look at. */
    public BufferedImage render(int pageIndex, float dpi) throws ScanProblem {
        try {
            if (mediaType.equals("application/pdf")) {
                try (PDDocument doc = Loader.loadPDF(content)) {
                    return new PDFRenderer(doc).renderImageWithDPI(pageIndex, dpi, ImageType.RGB);
                }
            }
            return ImageIO.read(new ByteArrayInputStream(content));
        } catch (IOException | RuntimeException e) {
            throw new ScanProblem(ScanProblem.Code.DAMAGED, String.valueOf(e.getMessage()));
        }
    }

    private static ScannedDocument image(byte[] content, String mediaType, String format) throws ScanProblem {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            if (!readers.hasNext()) {
                throw new IllegalStateException("no " + format + " reader in this Java runtime");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > MAX_PIXELS) {
                    throw new ScanProblem(ScanProblem.Code.TOO_LARGE, String.valueOf(width), String.valueOf(height),
                            MAX_PIXELS / 1_000_000);
                }
                if (Math.min(width, height) < MIN_SHORT_SIDE) {
                    throw new ScanProblem(ScanProblem.Code.TOO_SMALL, String.valueOf(width), String.valueOf(height),
                            MIN_SHORT_SIDE);
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                reader.read(0); // decode every pixel: a cut-short file shows here
                if (!warnings.isEmpty()) {
                    throw new ScanProblem(ScanProblem.Code.DAMAGED, warnings.get(0));
                }
                return new ScannedDocument(mediaType, List.of(new Page(width, height, "px")), content.clone());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new ScanProblem(ScanProblem.Code.DAMAGED, String.valueOf(e.getMessage()));
        }
    }

    private static ScannedDocument pdf(byte[] content) throws ScanProblem {
        try (PDDocument doc = Loader.loadPDF(content)) {
            if (doc.isEncrypted()) {
                throw new ScanProblem(ScanProblem.Code.ENCRYPTED);
            }
            int count = doc.getNumberOfPages();
            if (count == 0) {
                throw new ScanProblem(ScanProblem.Code.NO_PAGES);
            }
            if (count > MAX_PDF_PAGES) {
                throw new ScanProblem(ScanProblem.Code.TOO_MANY_PAGES, count, MAX_PDF_PAGES);
            }
            List<Page> pages = new ArrayList<>();
            for (PDPage page : doc.getPages()) {
                PDRectangle box = page.getMediaBox();
                pages.add(new Page(box.getWidth(), box.getHeight(), "pt"));
            }
            new PDFRenderer(doc).renderImageWithDPI(0, 36, ImageType.GRAY); // the first page must draw
            return new ScannedDocument("application/pdf", List.copyOf(pages), content.clone());
        } catch (org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException e) {
            throw new ScanProblem(ScanProblem.Code.ENCRYPTED);
        } catch (IOException | RuntimeException e) {
            throw new ScanProblem(ScanProblem.Code.DAMAGED, String.valueOf(e.getMessage()));
        }
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
