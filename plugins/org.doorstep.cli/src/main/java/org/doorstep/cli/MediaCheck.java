package org.doorstep.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.doorstep.vault.ItemKind;

/**
 * Decides whether a file really is what an attachment of its kind must be. JPEG and PNG are decoded in
 * full, and a decoder warning counts as a failure: a JPEG cut short still "decodes" (grey below the cut)
 * and only says so in a warning. WSQ and PDF, which Java cannot decode, must at least end with their end
 * marker, which a truncated copy lacks.
 */
final class MediaCheck {

    /** Larger images are refused rather than decoded: a 300 dpi A3 scan has about 17 million pixels. */
    static final long MAX_PIXELS = 150_000_000L;
    /** Decoding is subsampled down to about this many pixels: every byte is still read, less is kept. */
    private static final long DECODE_PIXELS = 4_000_000L;

    /** Why a file was refused, in words that follow its name: "… is not an image: …". */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private MediaCheck() {
    }

    /** The format of {@code content} if it is acceptable for {@code kind}; otherwise why not. */
    static MediaFormat check(ItemKind kind, byte[] content) throws Refused {
        Set<MediaFormat> accepted = MediaFormat.acceptedFor(kind);
        MediaFormat format = MediaFormat.sniff(content);
        if (format == null) {
            throw new Refused("is not " + (accepted.contains(MediaFormat.PDF) ? "an image or a PDF document" : "an image")
                    + ": its content is not " + MediaFormat.describe(accepted));
        }
        if (!accepted.contains(format)) {
            throw new Refused("is a " + format.label() + (format == MediaFormat.PDF ? " document" : " image") + "; a "
                    + kind.id() + " must be " + MediaFormat.describe(accepted));
        }
        switch (format) {
            case JPEG, PNG -> decode(format, content);
            case WSQ -> requireEnd(format, content, new byte[] { (byte) 0xff, (byte) 0xa1 }, 2);
            case PDF -> requireEnd(format, content, "%%EOF".getBytes(StandardCharsets.US_ASCII), 1024);
        }
        return format;
    }

    private static void decode(MediaFormat format, byte[] content) throws Refused {
        List<String> warnings = new ArrayList<>();
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.mediaType());
        if (!readers.hasNext()) {
            throw new IllegalStateException("this Java runtime has no " + format.label() + " decoder");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            try {
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new Refused("is too large an image (" + reader.getWidth(0) + " × " + reader.getHeight(0)
                            + " pixels; at most " + MAX_PIXELS / 1_000_000 + " million)");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.ceil(Math.sqrt((double) pixels / DECODE_PIXELS));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                // a raster skips colour conversion, so CMYK JPEG scans are accepted too
                if (reader.canReadRaster()) {
                    reader.readRaster(0, param);
                } else {
                    reader.read(0, param);
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new Refused("is not a readable " + format.label() + " image (" + oneLine(e.getMessage()) + ")");
        }
        if (!warnings.isEmpty()) {
            throw new Refused("is a damaged or cut-short " + format.label() + " image (" + oneLine(warnings.get(0)) + ")");
        }
    }

    private static void requireEnd(MediaFormat format, byte[] content, byte[] marker, int within) throws Refused {
        int from = Math.max(0, content.length - within - marker.length + 1);
        for (int i = content.length - marker.length; i >= from; i--) {
            if (Arrays.equals(content, i, i + marker.length, marker, 0, marker.length)) {
                return;
            }
        }
        throw new Refused("is a cut-short " + format.label() + " file (its end marker is missing)");
    }

    private static String oneLine(String text) {
        return text == null ? "no details" : text.replaceAll("\\s+", " ").strip();
    }
}
