package org.doorstep.photo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** The test pictures (see src/test/resources/testdata/SOURCES.md) and pictures derived from them in memory. */
final class TestImages {

    /**
     * The face box OpenCV's alt2 cascade finds on obama.jpg (BUILD.md): crown at y ≈ 30, chin at y ≈ 428.
     */
    static final int OBAMA_BOX_X = 356;
    static final int OBAMA_BOX_Y = 100;
    static final int OBAMA_BOX_SIZE = 276;

    private TestImages() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = TestImages.class.getResourceAsStream("/testdata/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test picture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage image(String name) {
        try {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes(name)));
            BufferedImage bgr = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = bgr.createGraphics();
            g.drawImage(decoded, 0, 0, null);
            g.dispose();
            return bgr;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * obama.jpg's head, neck and body placed on a plain, evenly lit wall of brightness about {@code wall} with room
     * above the head: what a well-taken ID photo looks like. The head is copied inside an ellipse a little smaller
     * than the area the background check leaves out; below the chin the whole width is copied.
     */
    static BufferedImage obamaOnPlainWall(int wall) {
        BufferedImage obama = image("obama.jpg");
        int offsetX = 95;
        int offsetY = 250;
        BufferedImage canvas = new BufferedImage(1100, 1500, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < canvas.getHeight(); y++) {
            // a gentle fall-off from top to bottom, as a lamp above the camera gives
            int v = Math.min(255, wall + 6 - 12 * y / canvas.getHeight());
            int rgb = new Color(v, v, v).getRGB();
            for (int x = 0; x < canvas.getWidth(); x++) {
                canvas.setRGB(x, y, rgb);
            }
        }
        double h = OBAMA_BOX_SIZE * 1.44;
        double crown = OBAMA_BOX_Y - 0.25 * OBAMA_BOX_SIZE;
        double chin = crown + h;
        double cx = OBAMA_BOX_X + OBAMA_BOX_SIZE / 2.0;
        double cy = (crown + chin) / 2;
        double a = 0.6 * OBAMA_BOX_SIZE;
        double b = 0.53 * h;
        for (int y = 0; y < obama.getHeight(); y++) {
            for (int x = 0; x < obama.getWidth(); x++) {
                double ex = (x - cx) / a;
                double ey = (y - cy) / b;
                if (ex * ex + ey * ey <= 1 || y >= chin + 20) {
                    canvas.setRGB(x + offsetX, y + offsetY, obama.getRGB(x, y));
                }
            }
        }
        return canvas;
    }

    /** {@code image} with every channel multiplied by {@code factor} (clipped at 255). */
    static BufferedImage scaledBrightness(BufferedImage image, double factor) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (int) Math.min(255, ((rgb >> 16) & 0xff) * factor);
                int g = (int) Math.min(255, ((rgb >> 8) & 0xff) * factor);
                int bl = (int) Math.min(255, (rgb & 0xff) * factor);
                out.setRGB(x, y, (r << 16) | (g << 8) | bl);
            }
        }
        return out;
    }

    /** {@code image} blurred with a Gaussian of {@code sigma} pixels, as an out-of-focus lens would. */
    static BufferedImage blurred(BufferedImage image, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        int size = 2 * radius + 1;
        float[] row = new float[size];
        float sum = 0;
        for (int i = 0; i < size; i++) {
            row[i] = (float) Math.exp(-((i - radius) * (i - radius)) / (2 * sigma * sigma));
            sum += row[i];
        }
        for (int i = 0; i < size; i++) {
            row[i] /= sum;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(image, 0, 0, null);
        BufferedImage across = new ConvolveOp(new Kernel(size, 1, row), ConvolveOp.EDGE_NO_OP, null).filter(rgb, null);
        BufferedImage down = new ConvolveOp(new Kernel(1, size, row), ConvolveOp.EDGE_NO_OP, null).filter(across, null);
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        out.getGraphics().drawImage(down, 0, 0, null);
        return out;
    }
}
