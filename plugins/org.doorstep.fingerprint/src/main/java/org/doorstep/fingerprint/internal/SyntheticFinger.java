package org.doorstep.fingerprint.internal;

import java.util.Random;

/**
 * A made-up fingerprint, grown the way SFinGe (Cappelli, Maio, Maltoni) grows one: an orientation field from
 * the zero-pole model of Sherlock and Monro (a loop or a whorl: cores and deltas placed from the seed), then
 * random noise filtered again and again with Gabor filters tuned to the local orientation and a 0.46 mm ridge
 * period, until ridges with their own endings and forks emerge. The same seed gives the same finger.
 */
public final class SyntheticFinger {

    public static final int WIDTH = 384;
    public static final int HEIGHT = 448;
    /** Ridge period in pixels at 500 ppi: 0.46 mm, an adult's. */
    private static final double PERIOD = 9.0;
    private static final int ORIENTATIONS = 16;
    private static final int ITERATIONS = 5;

    private final double[] ridges; // −1 valley … 1 ridge centre, inside the mask
    private final double[] mask; // 1 inside the finger's contact area, falling to 0 at its edge

    private SyntheticFinger(double[] ridges, double[] mask) {
        this.ridges = ridges;
        this.mask = mask;
    }

    public static SyntheticFinger grow(long seed) {
        Random random = new Random(seed);
        double[] theta = orientationField(random);
        double[] mask = contactArea(random);
        double[][] kernels = gaborKernels();
        int radius = (int) Math.sqrt(kernels[0].length) / 2;
        double[] field = new double[WIDTH * HEIGHT];
        for (int i = 0; i < field.length; i++) {
            field[i] = random.nextDouble() * 2 - 1;
        }
        int[] bin = new int[field.length];
        for (int i = 0; i < field.length; i++) {
            bin[i] = (int) Math.floorMod(Math.round(theta[i] / Math.PI * ORIENTATIONS), ORIENTATIONS);
        }
        double[] next = new double[field.length];
        for (int it = 0; it < ITERATIONS; it++) {
            for (int y = 0; y < HEIGHT; y++) {
                boolean innerRow = y >= radius && y < HEIGHT - radius;
                for (int x = 0; x < WIDTH; x++) {
                    double[] k = kernels[bin[y * WIDTH + x]];
                    double s = 0;
                    int ki = 0;
                    if (innerRow && x >= radius && x < WIDTH - radius) {
                        for (int dy = -radius; dy <= radius; dy++) {
                            int row = (y + dy) * WIDTH + x - radius;
                            for (int dx = 0; dx < 2 * radius + 1; dx++) {
                                s += k[ki++] * field[row + dx];
                            }
                        }
                    } else {
                        for (int dy = -radius; dy <= radius; dy++) {
                            int row = Math.min(HEIGHT - 1, Math.max(0, y + dy)) * WIDTH;
                            for (int dx = -radius; dx <= radius; dx++) {
                                s += k[ki++] * field[row + Math.min(WIDTH - 1, Math.max(0, x + dx))];
                            }
                        }
                    }
                    next[y * WIDTH + x] = Math.tanh(2.5 * s);
                }
            }
            double[] t = field;
            field = next;
            next = t;
        }
        return new SyntheticFinger(field, mask);
    }

    /** Zero-pole model: half the sum of the angles to the cores minus those to the deltas, plus a tilt. */
    private static double[] orientationField(Random random) {
        double cx = WIDTH * (0.45 + 0.1 * random.nextDouble());
        double cy = HEIGHT * (0.38 + 0.1 * random.nextDouble());
        double[][] cores;
        double[][] deltas;
        if (random.nextDouble() < 0.35) { // whorl
            cores = new double[][] { { cx, cy - 18 }, { cx + 4, cy + 18 } };
            deltas = new double[][] { { cx - 0.42 * WIDTH, cy + 0.38 * HEIGHT }, { cx + 0.42 * WIDTH, cy + 0.4 * HEIGHT } };
        } else { // loop opening to one side
            double side = random.nextBoolean() ? 1 : -1;
            cores = new double[][] { { cx, cy } };
            deltas = new double[][] { { cx + side * WIDTH * (0.25 + 0.1 * random.nextDouble()), cy + 0.36 * HEIGHT } };
        }
        double tilt = (random.nextDouble() - 0.5) * 0.3;
        double[] theta = new double[WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double t = tilt;
                for (double[] c : cores) {
                    t += 0.5 * Math.atan2(y - c[1], x - c[0]);
                }
                for (double[] d : deltas) {
                    t -= 0.5 * Math.atan2(y - d[1], x - d[0]);
                }
                theta[y * WIDTH + x] = t;
            }
        }
        return theta;
    }

    /** An ellipse a little off centre, its edge softened over about 1 mm. */
    private static double[] contactArea(Random random) {
        double ex = WIDTH * (0.48 + 0.04 * random.nextDouble());
        double ey = HEIGHT * (0.5 + 0.04 * random.nextDouble());
        double ax = WIDTH * (0.36 + 0.04 * random.nextDouble());
        double ay = HEIGHT * (0.40 + 0.04 * random.nextDouble());
        double[] mask = new double[WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double r = Math.hypot((x - ex) / ax, (y - ey) / ay);
                mask[y * WIDTH + x] = Math.max(0, Math.min(1, (1 - r) * 8));
            }
        }
        return mask;
    }

    /** Even Gabor filters across the ridges, one per orientation bin, normalised to unit energy. */
    private static double[][] gaborKernels() {
        double sigma = 0.45 * PERIOD;
        int radius = (int) Math.ceil(1.6 * sigma);
        int size = 2 * radius + 1;
        double[][] kernels = new double[ORIENTATIONS][size * size];
        for (int o = 0; o < ORIENTATIONS; o++) {
            double angle = Math.PI * o / ORIENTATIONS;
            double nx = -Math.sin(angle), ny = Math.cos(angle); // across the ridges
            double sum = 0;
            double energy = 0;
            for (int dy = -radius, i = 0; dy <= radius; dy++) {
                for (int dx = -radius; dx <= radius; dx++, i++) {
                    double across = dx * nx + dy * ny;
                    double g = Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma)) * Math.cos(2 * Math.PI * across / PERIOD);
                    kernels[o][i] = g;
                    sum += g;
                }
            }
            for (int i = 0; i < size * size; i++) { // no response to flat areas
                kernels[o][i] -= sum / (size * size);
                energy += kernels[o][i] * kernels[o][i];
            }
            double norm = 1 / Math.sqrt(energy);
            for (int i = 0; i < size * size; i++) {
                kernels[o][i] *= norm;
            }
        }
        return kernels;
    }

    /**
     * One capture of this finger: placed with an offset and rotation, pressed with some pressure (1 firm, 0.3
     * faint), blurred by {@code smear} pixels, with sensor noise; the background is the scanner's light glass.
     */
    public byte[] render(Random random, double dx, double dy, double rotation, double pressure, int smear) {
        double cos = Math.cos(rotation), sin = Math.sin(rotation);
        double cx = WIDTH / 2.0, cy = HEIGHT / 2.0;
        double[] grey = new double[WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                // where this pixel of the capture lies on the finger
                double fx = cos * (x - cx - dx) + sin * (y - cy - dy) + cx;
                double fy = -sin * (x - cx - dx) + cos * (y - cy - dy) + cy;
                double m = sample(mask, fx, fy);
                double v = sample(ridges, fx, fy);
                double ink = m * pressure * Math.max(0, 0.35 + 0.65 * v);
                grey[y * WIDTH + x] = 232 - 200 * ink;
            }
        }
        if (smear > 0) {
            grey = boxBlur(grey, smear);
        }
        byte[] out = new byte[WIDTH * HEIGHT];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Math.max(0, Math.min(255, Math.round(grey[i] + random.nextGaussian() * 6)));
        }
        return out;
    }

    private static double sample(double[] field, double x, double y) {
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
        if (x0 < 0 || y0 < 0 || x0 >= WIDTH - 1 || y0 >= HEIGHT - 1) {
            return 0;
        }
        double ax = x - x0, ay = y - y0;
        int i = y0 * WIDTH + x0;
        return (field[i] * (1 - ax) + field[i + 1] * ax) * (1 - ay) + (field[i + WIDTH] * (1 - ax) + field[i + WIDTH + 1] * ax) * ay;
    }

    private static double[] boxBlur(double[] in, int r) {
        double[] out = new double[in.length];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double s = 0;
                int n = 0;
                for (int yy = Math.max(0, y - r); yy <= Math.min(HEIGHT - 1, y + r); yy++) {
                    for (int xx = Math.max(0, x - r); xx <= Math.min(WIDTH - 1, x + r); xx++) {
                        s += in[yy * WIDTH + xx];
                        n++;
                    }
                }
                out[y * WIDTH + x] = s / n;
            }
        }
        return out;
    }
}
