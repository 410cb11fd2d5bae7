package org.doorstep.photo.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.doorstep.photo.PhotoSpec;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Encodes the finished photo as a baseline JFIF JPEG whose size lies in the document's byte range: the highest
 * quality (searched between {@link #MIN_QUALITY} and {@link #MAX_QUALITY}) that stays under the maximum. The JFIF
 * header carries the print density of the specification (dots per inch across and down), so the file prints at the
 * document's size in millimetres. No other metadata is written (no EXIF from the camera).
 */
public final class JpegWriter {

    /** Below this, blocks and ringing show on a face at 354×472. */
    static final float MIN_QUALITY = 0.40f;
    static final float MAX_QUALITY = 0.95f;
    private static final int SEARCH_STEPS = 7;

    private JpegWriter() {
    }

    /** @param bytes the file; {@code quality} the encoder setting it was made with (0–1) */
    public record Encoded(byte[] bytes, float quality) {
    }

    /**
     * The best file for the range, or the one nearest to it when none fits (smallest above the maximum, or the
     * largest when even {@link #MAX_QUALITY} stays under the minimum); the caller checks the size.
     */
    public static Encoded encode(BufferedImage photo, PhotoSpec spec) {
        Encoded best = write(photo, spec, MAX_QUALITY);
        if (best.bytes().length <= spec.maxJpegBytes()) {
            return best;
        }
        Encoded lowest = write(photo, spec, MIN_QUALITY);
        if (lowest.bytes().length > spec.maxJpegBytes()) {
            return lowest;
        }
        float low = MIN_QUALITY;
        float high = MAX_QUALITY;
        best = lowest;
        for (int i = 0; i < SEARCH_STEPS; i++) {
            float mid = (low + high) / 2;
            Encoded candidate = write(photo, spec, mid);
            if (candidate.bytes().length <= spec.maxJpegBytes()) {
                best = candidate;
                low = mid;
            } else {
                high = mid;
            }
        }
        return best;
    }

    static Encoded write(BufferedImage photo, PhotoSpec spec, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
                MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(photo), param);
            setDensity(metadata, spec);
            writer.setOutput(out);
            writer.write(null, new IIOImage(photo, null, metadata), param);
            out.flush();
            return new Encoded(bytes.toByteArray(), quality);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding in memory failed", e);
        } finally {
            writer.dispose();
        }
    }

    private static void setDensity(IIOMetadata metadata, PhotoSpec spec) throws IIOInvalidTreeException {
        String format = "javax_imageio_jpeg_image_1.0";
        Node root = metadata.getAsTree(format);
        Element jfif = find(root, "app0JFIF");
        if (jfif == null) {
            return;
        }
        jfif.setAttribute("resUnits", "1"); // dots per inch
        jfif.setAttribute("Xdensity", Integer.toString((int) Math.round(spec.pxPerMmX() * 25.4)));
        jfif.setAttribute("Ydensity", Integer.toString((int) Math.round(spec.pxPerMmY() * 25.4)));
        metadata.setFromTree(format, root);
    }

    private static Element find(Node node, String name) {
        if (node instanceof Element e && name.equals(e.getNodeName())) {
            return e;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            Element found = find(child, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
