package org.doorstep.fingerprint.internal;

import org.doorstep.fingerprint.FingerImage;

/**
 * Block-wise measurements of a finger image, the image half of the quality score (see
 * {@code org.doorstep.fingerprint.QualityAssessor} for how they are combined). The image is cut into square
 * blocks of about 0.8 mm (16 pixels at 500 ppi, scaled with the resolution); per block:
 * <ul>
 * <li><b>contrast</b>: the standard deviation of its grey levels; a block is <i>foreground</i> (finger, not
 * glass) when it is at least {@link #FOREGROUND_STD};</li>
 * <li><b>orientation and coherence</b> from the gradient structure tensor summed over the block and its eight
 * neighbours: coherence 1 means parallel ridges, near 0 means noise, smudge or a blank;</li>
 * <li><b>ridge period</b>: grey levels are averaged along the ridge direction and the distance between the
 * peaks of that profile, across the ridges, measured (as in Hong, Wan and Jain 1998). It is <i>valid</i>
 * between 0.23 and 0.76 mm, the span of human ridge spacing from small children to adults.</li>
 * </ul>
 */
public final class RidgeAnalysis {

    /** Foreground blocks vary by at least this many grey levels (standard deviation). */
    public static final double FOREGROUND_STD = 10;
    private static final double MIN_PERIOD_MM = 0.23;
    private static final double MAX_PERIOD_MM = 0.76;

    private final int block;
    private final int cols;
    private final int rows;
    private final double mmPerPixel;
    private final double[] std;
    private final double[] coherence;
    private final double[] orientation;
    private final double[] period;

    private RidgeAnalysis(FingerImage image) {
        block = Math.max(8, (int) Math.round(16.0 * image.ppi() / 500));
        cols = image.width() / block;
        rows = image.height() / block;
        mmPerPixel = 25.4 / image.ppi();
        std = new double[cols * rows];
        coherence = new double[cols * rows];
        orientation = new double[cols * rows];
        period = new double[cols * rows];
    }

    public static RidgeAnalysis of(FingerImage image) {
        RidgeAnalysis a = new RidgeAnalysis(image);
        a.measure(image);
        return a;
    }

    private void measure(FingerImage image) {
        int w = image.width();
        byte[] px = image.pixels();
        double[] gxx = new double[cols * rows];
        double[] gyy = new double[cols * rows];
        double[] gxy = new double[cols * rows];
        for (int by = 0; by < rows; by++) {
            for (int bx = 0; bx < cols; bx++) {
                int b = by * cols + bx;
                double sum = 0;
                double sum2 = 0;
                for (int y = by * block; y < (by + 1) * block; y++) {
                    for (int x = bx * block; x < (bx + 1) * block; x++) {
                        int v = px[y * w + x] & 0xff;
                        sum += v;
                        sum2 += v * v;
                        if (x > 0 && y > 0 && x < w - 1 && y < image.height() - 1) {
                            // Sobel gradient
                            int a = px[(y - 1) * w + x - 1] & 0xff, c = px[(y - 1) * w + x + 1] & 0xff;
                            int g = px[(y + 1) * w + x - 1] & 0xff, i = px[(y + 1) * w + x + 1] & 0xff;
                            int dx = c + 2 * (px[y * w + x + 1] & 0xff) + i - a - 2 * (px[y * w + x - 1] & 0xff) - g;
                            int dy = g + 2 * (px[(y + 1) * w + x] & 0xff) + i - a - 2 * (px[(y - 1) * w + x] & 0xff) - c;
                            gxx[b] += dx * dx;
                            gyy[b] += dy * dy;
                            gxy[b] += dx * dy;
                        }
                    }
                }
                int n = block * block;
                double mean = sum / n;
                std[b] = Math.sqrt(Math.max(0, sum2 / n - mean * mean));
            }
        }
        for (int by = 0; by < rows; by++) {
            for (int bx = 0; bx < cols; bx++) {
                double xx = 0, yy = 0, xy = 0;
                for (int ny = Math.max(0, by - 1); ny <= Math.min(rows - 1, by + 1); ny++) {
                    for (int nx = Math.max(0, bx - 1); nx <= Math.min(cols - 1, bx + 1); nx++) {
                        xx += gxx[ny * cols + nx];
                        yy += gyy[ny * cols + nx];
                        xy += gxy[ny * cols + nx];
                    }
                }
                int b = by * cols + bx;
                double trace = xx + yy;
                coherence[b] = trace <= 0 ? 0 : Math.sqrt((xx - yy) * (xx - yy) + 4 * xy * xy) / trace;
                // the gradient's direction is across the ridges; the ridges run at right angles to it
                orientation[b] = 0.5 * Math.atan2(2 * xy, xx - yy) + Math.PI / 2;
                period[b] = std[b] >= FOREGROUND_STD ? ridgePeriod(image, bx, by, orientation[b]) : Double.NaN;
            }
        }
    }

    /** Pixels between ridges across the block, from the peaks of its profile; NaN if there is no clear profile. */
    private double ridgePeriod(FingerImage image, int bx, int by, double ridgeAngle) {
        double cx = (bx + 0.5) * block;
        double cy = (by + 0.5) * block;
        double tx = Math.cos(ridgeAngle), ty = Math.sin(ridgeAngle); // along the ridges
        double nx = -ty, ny = tx; // across them
        int half = block; // the profile spans two blocks, about three ridges
        int along = block / 2;
        double[] profile = new double[2 * half + 1];
        for (int k = -half; k <= half; k++) {
            double s = 0;
            int count = 0;
            for (int j = -along; j <= along; j++) {
                int x = (int) Math.round(cx + k * nx + j * tx);
                int y = (int) Math.round(cy + k * ny + j * ty);
                if (x >= 0 && y >= 0 && x < image.width() && y < image.height()) {
                    s += image.pixel(x, y);
                    count++;
                }
            }
            profile[k + half] = count == 0 ? Double.NaN : s / count;
        }
        // smooth lightly, then take the local minima (ridges are dark)
        double[] smooth = new double[profile.length];
        for (int i = 0; i < profile.length; i++) {
            double s = 0;
            int n = 0;
            for (int j = Math.max(0, i - 1); j <= Math.min(profile.length - 1, i + 1); j++) {
                if (!Double.isNaN(profile[j])) {
                    s += profile[j];
                    n++;
                }
            }
            smooth[i] = n == 0 ? Double.NaN : s / n;
        }
        int first = -1, last = -1, count = 0;
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (int i = 1; i < smooth.length - 1; i++) {
            if (Double.isNaN(smooth[i])) {
                return Double.NaN;
            }
            lo = Math.min(lo, smooth[i]);
            hi = Math.max(hi, smooth[i]);
            if (smooth[i] < smooth[i - 1] && smooth[i] <= smooth[i + 1]) {
                if (first < 0) {
                    first = i;
                }
                last = i;
                count++;
            }
        }
        // a profile flatter than half the block's own spread has no ridges worth the name
        if (count < 2 || hi - lo < std[by * cols + bx] * 0.5) {
            return Double.NaN;
        }
        return (double) (last - first) / (count - 1);
    }

    public int blockSize() {
        return block;
    }

    public int columns() {
        return cols;
    }

    public int rows() {
        return rows;
    }

    public double blockAreaMm2() {
        return block * mmPerPixel * block * mmPerPixel;
    }

    public boolean foreground(int bx, int by) {
        return std[by * cols + bx] >= FOREGROUND_STD;
    }

    public double contrast(int bx, int by) {
        return std[by * cols + bx];
    }

    public double coherence(int bx, int by) {
        return coherence[by * cols + bx];
    }

    public double orientation(int bx, int by) {
        return orientation[by * cols + bx];
    }

    /** The ridge period in pixels, NaN where none was found. */
    public double period(int bx, int by) {
        return period[by * cols + bx];
    }

    public boolean periodValid(int bx, int by) {
        double mm = period[by * cols + bx] * mmPerPixel;
        return mm >= MIN_PERIOD_MM && mm <= MAX_PERIOD_MM;
    }
}
