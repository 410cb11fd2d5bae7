package org.doorstep.fingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.doorstep.fingerprint.drivers.ImageImportDriver;

/** The sample images of {@code testdata/} (see SOURCES.md there), as bytes and as captures. */
public final class TestImages {

    private TestImages() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = TestImages.class.getResourceAsStream("/testdata/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test image " + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FingerCapture capture(String name, FingerPosition position) {
        try {
            return new ImageImportDriver(p -> java.util.Optional.empty()).importBytes(position, bytes(name), name);
        } catch (FingerprintImageException e) {
            throw new IllegalStateException(name + " no longer imports", e);
        }
    }

    public static FingerImage image(String name) {
        return capture(name, FingerPosition.RIGHT_INDEX).image();
    }

    /** {@code image} with every pixel mapped; for making poor prints out of good ones. */
    public static FingerImage map(FingerImage image, java.util.function.IntBinaryOperator pixelAtIndex) {
        byte[] out = new byte[image.pixels().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Math.max(0, Math.min(255, pixelAtIndex.applyAsInt(image.pixels()[i] & 0xff, i)));
        }
        return new FingerImage(image.width(), image.height(), image.ppi(), out);
    }

    /** A box blur of the given radius: a finger that moved. */
    public static FingerImage blur(FingerImage s, int r) {
        int w = s.width(), h = s.height();
        byte[] o = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sum = 0, n = 0;
                for (int dy = -r; dy <= r; dy++) {
                    for (int dx = -r; dx <= r; dx++) {
                        int xx = x + dx, yy = y + dy;
                        if (xx >= 0 && yy >= 0 && xx < w && yy < h) {
                            sum += s.pixel(xx, yy);
                            n++;
                        }
                    }
                }
                o[y * w + x] = (byte) (sum / n);
            }
        }
        return new FingerImage(w, h, s.ppi(), o);
    }

    public static FingerCapture as(FingerImage image, FingerPosition position) {
        return FingerCapture.of(position, image, SourceKind.IMPORT, "test");
    }
}
