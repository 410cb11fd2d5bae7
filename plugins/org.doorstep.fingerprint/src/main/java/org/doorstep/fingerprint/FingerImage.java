package org.doorstep.fingerprint;

import java.util.Arrays;

/**
 * An 8-bit greyscale finger image: {@code width × height} bytes, row by row, 0 black (ridges dark) to 255
 * white, at {@code ppi} pixels per inch. The pixel array is shared, not copied, for speed: treat it as
 * read-only.
 */
public record FingerImage(int width, int height, int ppi, byte[] pixels) {

    /** Smallest side accepted; a single-finger sensor at 500 ppi is at least 256 pixels across. */
    public static final int MIN_SIDE = 96;
    /** Largest side accepted: a four-finger slap at 1000 ppi is about 3200 pixels wide. */
    public static final int MAX_SIDE = 4096;
    public static final int MIN_PPI = 250;
    public static final int MAX_PPI = 2000;

    public FingerImage {
        if (width < MIN_SIDE || height < MIN_SIDE || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("finger image of " + width + " × " + height + " pixels; each side must be "
                    + MIN_SIDE + "–" + MAX_SIDE);
        }
        if (ppi < MIN_PPI || ppi > MAX_PPI) {
            throw new IllegalArgumentException("finger image at " + ppi + " ppi; must be " + MIN_PPI + "–" + MAX_PPI);
        }
        if (pixels == null || pixels.length != width * height) {
            throw new IllegalArgumentException("finger image needs " + width * height + " pixels, got "
                    + (pixels == null ? "none" : pixels.length));
        }
    }

    public int pixel(int x, int y) {
        return pixels[y * width + x] & 0xff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FingerImage f && f.width == width && f.height == height && f.ppi == ppi
                && Arrays.equals(f.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return (width * 31 + height) * 31 + ppi + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "FingerImage[" + width + "×" + height + " at " + ppi + " ppi]";
    }
}
