package org.doorstep.fingerprint.drivers;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

import org.doorstep.fingerprint.DriverInfo;
import org.doorstep.fingerprint.FingerCapture;
import org.doorstep.fingerprint.FingerImage;
import org.doorstep.fingerprint.FingerPosition;
import org.doorstep.fingerprint.FingerprintDriver;
import org.doorstep.fingerprint.SourceKind;
import org.doorstep.fingerprint.internal.SimulatedMark;
import org.doorstep.fingerprint.internal.SyntheticFinger;

/**
 * Fingerprints for demonstrations and training, when no scanner is at hand. Each of the ten fingers of a
 * simulated person is a different synthetic print (grown from the seed and the finger), and each capture of it
 * is placed, turned and pressed a little differently, as a real one would be; about one capture in four
 * (by default) is smeared or faint, so the retry advice can be shown.
 * <p>
 * Every capture is {@link SourceKind#SIMULATED}, which records made of it keep (see
 * {@code FingerImageRecord}), and the word SIMULATED is written into two corners of the pixels themselves.
 */
public final class SimulatorDriver implements FingerprintDriver {

    private static final int PPI = 500;

    private final long seed;
    private final double poorCaptureRate;
    private final Map<FingerPosition, SyntheticFinger> fingers = new EnumMap<>(FingerPosition.class);
    private final Map<FingerPosition, Integer> attempts = new EnumMap<>(FingerPosition.class);

    /** A simulated person; the same seed is the same person with the same ten fingers. */
    public SimulatorDriver(long seed) {
        this(seed, 0.25);
    }

    /** @param poorCaptureRate share of captures that come out smeared or faint, 0–1 */
    public SimulatorDriver(long seed, double poorCaptureRate) {
        if (!(poorCaptureRate >= 0 && poorCaptureRate <= 1)) {
            throw new IllegalArgumentException("poorCaptureRate must be between 0 and 1, not " + poorCaptureRate);
        }
        this.seed = seed;
        this.poorCaptureRate = poorCaptureRate;
    }

    @Override
    public DriverInfo describe() {
        return new DriverInfo("Doorstep fingerprint simulator", SourceKind.SIMULATED, PPI);
    }

    @Override
    public synchronized FingerCapture capture(FingerPosition position, Duration timeout) {
        SyntheticFinger finger = fingers.computeIfAbsent(position, p -> SyntheticFinger.grow(mix(seed, p.isoCode(), 0)));
        int attempt = attempts.merge(position, 1, Integer::sum);
        Random random = new Random(mix(seed, position.isoCode(), attempt));
        boolean poor = random.nextDouble() < poorCaptureRate;
        boolean offCentre = poor && random.nextBoolean();
        double side = random.nextBoolean() ? 1 : -1;
        // a poor capture is either a finger half off the glass, or a faint, smeared one
        double dx = offCentre ? side * SyntheticFinger.WIDTH * (0.45 + 0.1 * random.nextDouble()) : (random.nextDouble() - 0.5) * 24;
        double dy = (random.nextDouble() - 0.5) * 24;
        double rotation = Math.toRadians((random.nextDouble() - 0.5) * 12);
        double pressure = poor && !offCentre ? 0.22 + 0.08 * random.nextDouble() : 0.75 + 0.25 * random.nextDouble();
        int smear = poor && !offCentre ? 2 + random.nextInt(2) : 0;
        byte[] pixels = finger.render(random, dx, dy, rotation, pressure, smear);
        SimulatedMark.draw(pixels, SyntheticFinger.WIDTH, SyntheticFinger.HEIGHT);
        FingerImage image = new FingerImage(SyntheticFinger.WIDTH, SyntheticFinger.HEIGHT, PPI, pixels);
        return FingerCapture.of(position, image, SourceKind.SIMULATED, "simulator (seed " + seed + ")");
    }

    private static long mix(long seed, int finger, int attempt) {
        long h = seed * 0x9E3779B97F4A7C15L + finger * 0xBF58476D1CE4E5B9L + attempt * 0x94D049BB133111EBL;
        return h ^ h >>> 31;
    }
}
