package org.doorstep.photo.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.doorstep.photo.ImageLimits;
import org.doorstep.photo.PhotoInputException;
import org.doorstep.photo.Reason;

/**
 * Decodes a JPEG or PNG picture from outside, refusing anything else with a reason: the format is recognised from
 * the content (never the file name), and the dimensions are read from the header and checked against
 * {@link ImageLimits} before a single pixel is decoded, so a small file that claims 20,000×20,000 pixels is
 * refused instead of exhausting memory. A decoder warning (e.g. a truncated JPEG) counts as damage: a photo with
 * a grey band where the data ended must not reach a document.
 */
public final class SafeImageReader {

    private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

    private SafeImageReader() {
    }

    /** The picture as 8-bit BGR (what the checks and OpenCV work on). */
    public static BufferedImage read(byte[] content, ImageLimits limits) throws PhotoInputException {
        if (content.length == 0) {
            throw new PhotoInputException(Reason.of("input.empty"));
        }
        if (content.length > limits.maxBytes()) {
            throw new PhotoInputException(Reason.of("input.tooManyBytes", megabytes(content.length),
                    megabytes(limits.maxBytes())));
        }
        String format = sniff(content);
        if (format == null) {
            throw new PhotoInputException(Reason.of("input.notAPicture"));
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("the Java runtime has no " + format + " reader");
        }
        ImageReader reader = readers.next();
        // in memory: ImageIO.createImageInputStream would spill the applicant's picture into a temp file
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new PhotoInputException(Reason.of("input.damaged"));
            }
            if (width > limits.maxSide() || height > limits.maxSide()
                    || (long) width * height > limits.maxPixels()) {
                throw new PhotoInputException(Reason.of("input.tooManyPixels", width, height, limits.maxSide(),
                        limits.maxPixels() / 1e6));
            }
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage decoded = reader.read(0);
            if (!warnings.isEmpty()) {
                throw new PhotoInputException(Reason.of("input.damaged"), new IOException(String.join("; ", warnings)));
            }
            return toBgr(decoded);
        } catch (PhotoInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO's decoders report damage as IIOException, EOFException and, for some malformed streams,
            // unchecked exceptions (ArrayIndexOutOfBounds, IllegalArgument): all mean the same to the officer
            throw new PhotoInputException(Reason.of("input.damaged"), e);
        } finally {
            reader.dispose();
        }
    }

    /** "jpeg", "png" or {@code null} for anything else. */
    static String sniff(byte[] content) {
        if (content.length >= 3 && (content[0] & 0xff) == 0xff && (content[1] & 0xff) == 0xd8
                && (content[2] & 0xff) == 0xff) {
            return "jpeg";
        }
        if (content.length >= PNG_SIGNATURE.length) {
            for (int i = 0; i < PNG_SIGNATURE.length; i++) {
                if (content[i] != PNG_SIGNATURE[i]) {
                    return null;
                }
            }
            return "png";
        }
        return null;
    }

    /**
     * Converts to 8-bit BGR without changing what the picture shows; transparent parts of a PNG (which have no
     * colour of their own) are shown on white, as every viewer does.
     */
    public static BufferedImage toBgr(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR && image.getRaster().getParent() == null) {
            return image; // a whole picture, not a view into a larger one: its pixels can be used as they are
        }
        BufferedImage bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = bgr.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return bgr;
    }

    private static double megabytes(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
