package org.doorstep.fingerprint.internal;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;

import org.doorstep.fingerprint.FingerImage;
import org.doorstep.fingerprint.FingerprintImageException;
import org.jnbis.api.Jnbis;
import org.jnbis.api.model.Bitmap;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Turns bytes from outside (files, records, device answers) into a {@link FingerImage}, or into a checked
 * photo, refusing anything that is not whole. The size in the file's header is checked before any pixel is
 * decoded, so a 100 000 × 100 000 pixel header costs nothing. A decoder warning counts as a failure: a JPEG cut
 * short still "decodes", grey below the cut, and only says so in a warning.
 */
public final class ImageDecoder {

    /** Photos of injured or missing fingers: a 50-megapixel phone photo is the most anyone sends. */
    public static final long MAX_PHOTO_PIXELS = 50_000_000L;
    /** Photos are decoded subsampled to about this many pixels: every byte is still read, less is kept. */
    private static final long PHOTO_DECODE_PIXELS = 4_000_000L;

    private ImageDecoder() {
    }

    /**
     * The finger image in {@code content} (PNG, JPEG, BMP or WSQ). Its resolution is the file's own when that
     * is plausible for a fingerprint, otherwise {@code defaultPpi}: WSQ files often carry none, and PNG/JPEG
     * files often carry a screen's 72 or 96 dpi that says nothing about the finger.
     */
    public static FingerImage decodeFinger(byte[] content, int defaultPpi) throws FingerprintImageException {
        ImageFormat format = sniff(content);
        return switch (format) {
            case WSQ -> decodeWsq(content, defaultPpi);
            case PNG, JPEG, BMP -> decodeWithImageIo(format, content, defaultPpi);
            case JPEG2000 -> throw new FingerprintImageException("image.jpeg2000");
        };
    }

    /** Checks that {@code content} is a whole, decodable JPEG or PNG photo and says which. */
    public static ImageFormat checkPhoto(byte[] content) throws FingerprintImageException {
        ImageFormat format = sniff(content);
        if (format != ImageFormat.JPEG && format != ImageFormat.PNG) {
            throw new FingerprintImageException("photo.format", format.label());
        }
        withReader(format, content, reader -> {
            long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            if (pixels > MAX_PHOTO_PIXELS) {
                throw new FingerprintImageException("photo.tooLarge", reader.getWidth(0), reader.getHeight(0),
                        MAX_PHOTO_PIXELS / 1_000_000);
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = (int) Math.ceil(Math.sqrt((double) pixels / PHOTO_DECODE_PIXELS));
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            return reader.read(0, param);
        });
        return format;
    }

    private static ImageFormat sniff(byte[] content) throws FingerprintImageException {
        if (content == null || content.length == 0) {
            throw new FingerprintImageException("image.empty");
        }
        ImageFormat format = ImageFormat.sniff(content);
        if (format == null) {
            throw new FingerprintImageException("image.unknownFormat");
        }
        return format;
    }

    private static FingerImage decodeWsq(byte[] content, int defaultPpi) throws FingerprintImageException {
        WsqHeader header;
        try {
            header = WsqHeader.read(content);
        } catch (WsqHeader.Invalid e) {
            throw new FingerprintImageException(e.getMessage(), ImageFormat.WSQ.label());
        }
        checkSize(header.width(), header.height());
        Bitmap bitmap;
        try {
            bitmap = Jnbis.wsq().decode(content).asBitmap();
        } catch (RuntimeException e) {
            throw new FingerprintImageException(e, "image.damaged", ImageFormat.WSQ.label(), describe(e));
        }
        if (bitmap.getWidth() != header.width() || bitmap.getHeight() != header.height() || bitmap.getDepth() != 8
                || bitmap.getPixels().length != header.width() * header.height()) {
            throw new FingerprintImageException("image.damaged", ImageFormat.WSQ.label(), "decoded size differs from header");
        }
        return new FingerImage(bitmap.getWidth(), bitmap.getHeight(), plausiblePpi(bitmap.getPpi(), defaultPpi),
                bitmap.getPixels());
    }

    private static FingerImage decodeWithImageIo(ImageFormat format, byte[] content, int defaultPpi)
            throws FingerprintImageException {
        int[] ppi = { defaultPpi };
        BufferedImage image = withReader(format, content, reader -> {
            checkSize(reader.getWidth(0), reader.getHeight(0));
            ppi[0] = plausiblePpi(metadataPpi(reader), defaultPpi);
            return reader.read(0);
        });
        return new FingerImage(image.getWidth(), image.getHeight(), ppi[0], grey(image));
    }

    private interface ReaderWork {
        BufferedImage apply(ImageReader reader) throws IOException, FingerprintImageException;
    }

    private static BufferedImage withReader(ImageFormat format, byte[] content, ReaderWork work)
            throws FingerprintImageException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.mediaType());
        if (!readers.hasNext()) {
            throw new IllegalStateException("this Java runtime has no " + format.label() + " decoder");
        }
        ImageReader reader = readers.next();
        List<String> warnings = new ArrayList<>();
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            reader.setInput(in, true, false);
            image = work.apply(reader);
        } catch (IOException | RuntimeException e) {
            throw new FingerprintImageException(e, "image.damaged", format.label(), describe(e));
        } finally {
            reader.dispose();
        }
        if (!warnings.isEmpty()) {
            throw new FingerprintImageException("image.damaged", format.label(), warnings.get(0));
        }
        return image;
    }

    private static void checkSize(int width, int height) throws FingerprintImageException {
        if (width > FingerImage.MAX_SIDE || height > FingerImage.MAX_SIDE) {
            throw new FingerprintImageException("image.tooLarge", width, height, FingerImage.MAX_SIDE);
        }
        if (width < FingerImage.MIN_SIDE || height < FingerImage.MIN_SIDE) {
            throw new FingerprintImageException("image.tooSmall", width, height, FingerImage.MIN_SIDE);
        }
    }

    /** A resolution from a file is believed only between 300 and 1100 ppi, the range of finger scanners. */
    static int plausiblePpi(double fromFile, int defaultPpi) {
        return fromFile >= 300 && fromFile <= 1100 ? (int) Math.round(fromFile) : defaultPpi;
    }

    /** The resolution in the image's standard metadata (pixel size in millimetres), or −1. */
    private static double metadataPpi(ImageReader reader) {
        try {
            IIOMetadata metadata = reader.getImageMetadata(0);
            if (metadata == null || !metadata.isStandardMetadataFormatSupported()) {
                return -1;
            }
            NodeList sizes = ((Element) metadata.getAsTree("javax_imageio_1.0")).getElementsByTagName("HorizontalPixelSize");
            if (sizes.getLength() == 0) {
                return -1;
            }
            double mmPerPixel = Double.parseDouble(((Element) sizes.item(0)).getAttribute("value"));
            return mmPerPixel > 0 ? 25.4 / mmPerPixel : -1;
        } catch (IOException | RuntimeException e) {
            return -1; // a resolution we cannot read is one we do not have
        }
    }

    /** 8-bit grey, 0 black: single-band rasters as they are, colour by Rec. 601 luma, transparency on white. */
    public static byte[] grey(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h];
        Raster raster = image.getRaster();
        if (raster.getNumBands() == 1 && image.getColorModel().getPixelSize() <= 16 && image.getType() != BufferedImage.TYPE_BYTE_INDEXED
                && image.getType() != BufferedImage.TYPE_BYTE_BINARY) {
            int bits = raster.getSampleModel().getSampleSize(0);
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    int v = row[x];
                    out[y * w + x] = (byte) (bits == 8 ? v : bits > 8 ? v >>> (bits - 8) : v * 255 / ((1 << bits) - 1));
                }
            }
            return out;
        }
        int[] argb = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, argb, 0, w);
            for (int x = 0; x < w; x++) {
                int p = argb[x];
                int a = p >>> 24;
                int luma = (299 * (p >> 16 & 0xff) + 587 * (p >> 8 & 0xff) + 114 * (p & 0xff)) / 1000;
                out[y * w + x] = (byte) ((luma * a + 255 * (255 - a)) / 255);
            }
        }
        return out;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
