package org.doorstep.photo.internal;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;

/** Measurements of the finished photo's pixels that the background, exposure and sharpness checks judge. */
public final class PhotoPixels {

    /** Brightness difference (0–255) between a pixel's neighbours, left–right plus up–down, that counts as an edge. */
    static final int EDGE_STEP = 24;

    private final int width;
    private final int height;
    private final int[] luma;
    private final int[] chroma;

    public PhotoPixels(BufferedImage photo) {
        this.width = photo.getWidth();
        this.height = photo.getHeight();
        byte[] bgr = ((DataBufferByte) photo.getRaster().getDataBuffer()).getData();
        luma = new int[width * height];
        chroma = new int[width * height];
        for (int i = 0; i < luma.length; i++) {
            int b = bgr[3 * i] & 0xff;
            int g = bgr[3 * i + 1] & 0xff;
            int r = bgr[3 * i + 2] & 0xff;
            luma[i] = (299 * r + 587 * g + 114 * b + 500) / 1000; // Rec. 601 luma
            chroma[i] = Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
        }
    }

    /**
     * @param luminance mean brightness 0–255
     * @param deviation standard deviation of the brightness
     * @param chroma    mean colourfulness 0–255
     * @param edges     share of pixels on an edge
     * @param share     share of the photo that was looked at as background
     */
    public record Background(double luminance, double deviation, double chroma, double edges, double share) {
    }

    /**
     * The background beside and above the head: every pixel above the chin outside an ellipse around the head
     * that is generous enough to leave out ears and hair (1.3 head widths wide, 1.15 head heights high). Below the
     * chin are neck and shoulders, which are not background.
     */
    public Background background(HeadOnPhoto head) {
        double cx = head.centreX();
        double cy = (head.crownY() + head.chinY()) / 2;
        double a = head.width() * 1.3 / 2;
        double b = head.height() * 1.15 / 2;
        int bottom = (int) Math.min(height, Math.max(0, Math.floor(head.chinY())));
        long n = 0;
        double sum = 0;
        double sumSq = 0;
        double chromaSum = 0;
        long edges = 0;
        for (int y = 0; y < bottom; y++) {
            for (int x = 0; x < width; x++) {
                double ex = (x - cx) / a;
                double ey = (y - cy) / b;
                if (ex * ex + ey * ey <= 1) {
                    continue;
                }
                int i = y * width + x;
                n++;
                sum += luma[i];
                sumSq += (double) luma[i] * luma[i];
                chromaSum += chroma[i];
                if (gradient(x, y) > EDGE_STEP) {
                    edges++;
                }
            }
        }
        if (n == 0) {
            return new Background(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double mean = sum / n;
        return new Background(mean, Math.sqrt(Math.max(0, sumSq / n - mean * mean)), chromaSum / n,
                (double) edges / n, (double) n / (width * height));
    }

    /**
     * @param mean     mean brightness of the face 0–255
     * @param dark     share of pure black (≤ 5) pixels
     * @param bright   share of pure white (≥ 250) pixels
     * @param contrast spread between the 5th and 95th percentile of brightness
     */
    public record FaceLight(double mean, double dark, double bright, double contrast) {
    }

    public FaceLight faceLight(HeadOnPhoto head) {
        Area r = faceArea(head);
        int[] histogram = new int[256];
        long n = 0;
        double sum = 0;
        for (int y = r.y0(); y < r.y1(); y++) {
            for (int x = r.x0(); x < r.x1(); x++) {
                int v = luma[y * width + x];
                histogram[v]++;
                sum += v;
                n++;
            }
        }
        long dark = Arrays.stream(histogram, 0, 6).sum();
        long bright = Arrays.stream(histogram, 250, 256).sum();
        return new FaceLight(sum / n, (double) dark / n, (double) bright / n,
                percentile(histogram, n, 0.95) - percentile(histogram, n, 0.05));
    }

    /**
     * Variance of the Laplacian of the face's brightness: high when the face has fine detail (pores, eyelashes,
     * hair), low when blurred by focus or movement. Measured on the finished photo, where the head is always about
     * the same number of pixels, so one threshold serves every source size.
     */
    public double sharpness(HeadOnPhoto head) {
        Area r = faceArea(head);
        long n = 0;
        double sum = 0;
        double sumSq = 0;
        // OpenCV's default Laplacian kernel (0 1 0 / 1 -4 1 / 0 1 0), on pixels whose neighbours are all inside
        for (int y = Math.max(1, r.y0()); y < Math.min(height - 1, r.y1()); y++) {
            for (int x = Math.max(1, r.x0()); x < Math.min(width - 1, r.x1()); x++) {
                int i = y * width + x;
                int l = luma[i - 1] + luma[i + 1] + luma[i - width] + luma[i + width] - 4 * luma[i];
                sum += l;
                sumSq += (double) l * l;
                n++;
            }
        }
        if (n == 0) {
            return 0;
        }
        double mean = sum / n;
        return sumSq / n - mean * mean;
    }

    /** Brows to mouth, the middle 70 % of the face box's width: skin, eyes, nose, mouth; no hair or background. */
    Area faceArea(HeadOnPhoto head) {
        int x0 = clamp(head.centreX() - 0.35 * head.faceWidth(), width - 1);
        int x1 = clamp(head.centreX() + 0.35 * head.faceWidth(), width);
        int y0 = clamp(head.faceY() + 0.2 * head.faceHeight(), height - 1);
        int y1 = clamp(head.faceY() + 0.95 * head.faceHeight(), height);
        return new Area(x0, y0, Math.max(x0 + 1, x1), Math.max(y0 + 1, y1));
    }

    /** Pixels x0 ≤ x &lt; x1, y0 ≤ y &lt; y1. */
    record Area(int x0, int y0, int x1, int y1) {
    }

    private int gradient(int x, int y) {
        int xl = Math.max(0, x - 1);
        int xr = Math.min(width - 1, x + 1);
        int yu = Math.max(0, y - 1);
        int yd = Math.min(height - 1, y + 1);
        return Math.abs(luma[y * width + xr] - luma[y * width + xl]) + Math.abs(luma[yd * width + x] - luma[yu * width + x]);
    }

    private static int percentile(int[] histogram, long n, double p) {
        long target = (long) Math.ceil(p * n);
        long seen = 0;
        for (int v = 0; v < 256; v++) {
            seen += histogram[v];
            if (seen >= target) {
                return v;
            }
        }
        return 255;
    }

    private static int clamp(double v, int max) {
        return (int) Math.max(0, Math.min(max, Math.round(v)));
    }
}
