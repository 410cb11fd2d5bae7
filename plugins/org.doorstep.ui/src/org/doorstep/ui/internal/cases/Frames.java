package org.doorstep.ui.internal.cases;

import java.awt.image.BufferedImage;

import org.doorstep.fingerprint.FingerImage;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;

/** Pictures from the capture engines as SWT image data, scaled for the screen (no AWT toolkit involved). */
final class Frames {

    private Frames() {
    }

    /** A camera frame cropped to {@code width}:{@code height} around its centre and scaled to that size. */
    static ImageData scaled(BufferedImage frame, int width, int height) {
        double target = (double) width / height;
        int cropW = frame.getWidth();
        int cropH = frame.getHeight();
        if ((double) cropW / cropH > target) {
            cropW = (int) Math.round(cropH * target);
        } else {
            cropH = (int) Math.round(cropW / target);
        }
        int x0 = (frame.getWidth() - cropW) / 2;
        int y0 = (frame.getHeight() - cropH) / 2;
        ImageData data = new ImageData(width, height, 24, new PaletteData(0xFF0000, 0xFF00, 0xFF));
        for (int y = 0; y < height; y++) {
            int sy = y0 + y * cropH / height;
            for (int x = 0; x < width; x++) {
                data.setPixel(x, y, frame.getRGB(x0 + x * cropW / width, sy) & 0xFFFFFF);
            }
        }
        return data;
    }

    /** A finger image (8-bit grey) as it was captured, scaled to fit {@code box} pixels on its longer side. */
    static ImageData grey(FingerImage image, int box) {
        double scale = Math.min(1.0, (double) box / Math.max(image.width(), image.height()));
        int w = Math.max(1, (int) Math.round(image.width() * scale));
        int h = Math.max(1, (int) Math.round(image.height() * scale));
        RGB[] greys = new RGB[256];
        for (int i = 0; i < 256; i++) {
            greys[i] = new RGB(i, i, i);
        }
        ImageData data = new ImageData(w, h, 8, new PaletteData(greys));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                data.setPixel(x, y, image.pixel(Math.min(image.width() - 1, (int) (x / scale)),
                        Math.min(image.height() - 1, (int) (y / scale))));
            }
        }
        return data;
    }
}
