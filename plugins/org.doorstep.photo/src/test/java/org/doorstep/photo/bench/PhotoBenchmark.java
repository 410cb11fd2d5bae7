package org.doorstep.photo.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.doorstep.photo.Assessment;
import org.doorstep.photo.ImageLimits;
import org.doorstep.photo.PhotoChecker;
import org.doorstep.photo.PhotoSpec;
import org.doorstep.photo.internal.FaceDetector;
import org.doorstep.photo.internal.SafeImageReader;

/**
 * Prints how long the photo checks take per capture, next to a baseline from the same run: decoding the same file
 * with plain {@code ImageIO.read}. Each figure is the median of {@value #RUNS} runs after {@value #WARM_UP} warm-up
 * runs. The last column is the process's CPU time per capture (all threads, OpenCV's workers included), which
 * other programs on a shared machine disturb less than the wall time. Run:
 *
 * <pre>
 * ./mvnw -q -o -pl plugins/org.doorstep.photo test-compile exec:exec -Dexec.classpathScope=test \
 *     -Dexec.executable=java -Dexec.args="--enable-native-access=ALL-UNNAMED -Xmx1g -cp %classpath \
 *     org.doorstep.photo.bench.PhotoBenchmark"
 * </pre>
 */
public final class PhotoBenchmark {

    private static final int WARM_UP = 3;
    private static final int RUNS = 7;

    private record Case(String file, PhotoSpec spec) {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("load average at start: %s%n", loadAverage());
        long start = System.nanoTime();
        PhotoChecker checker = new PhotoChecker();
        System.out.printf("PhotoChecker created (natives loaded, cascades parsed): %.0f ms (once per JVM)%n",
                (System.nanoTime() - start) / 1e6);
        List<Case> cases = List.of(new Case("obama.jpg", PhotoSpec.EXIT_ENTRY), new Case("obama.jpg", PhotoSpec.ID_CARD),
                new Case("biden.jpg", PhotoSpec.EXIT_ENTRY), new Case("two_people.jpg", PhotoSpec.EXIT_ENTRY),
                new Case("obama-240p.jpg", PhotoSpec.EXIT_ENTRY));
        System.out.printf("%-15s %-10s %9s | %9s %10s %11s %9s | %8s | %s%n", "picture", "document", "baseline",
                "safe read", "detect", "checks", "per file", "÷ base", "CPU per file");
        System.out.printf("%-15s %-10s %9s | %9s %10s %11s %9s |%n", "", "", "ImageIO", "", "faces+eyes",
                "from pixels", "all");
        try (FaceDetector detector = new FaceDetector(checker.options().detectionShortSide())) {
            for (Case c : cases) {
                byte[] file = resource(c.file());
                BufferedImage decoded = SafeImageReader.read(file, ImageLimits.DEFAULT);
                double baseline = median(() -> ImageIO.read(new ByteArrayInputStream(file)));
                double safeRead = median(() -> SafeImageReader.read(file, ImageLimits.DEFAULT));
                double detect = median(() -> {
                    try (FaceDetector.Scan scan = detector.scan(decoded)) {
                        return scan.faces().stream().map(scan::eyes).toList();
                    }
                });
                double checks = median(() -> checker.assess(decoded, c.spec()));
                double all = median(() -> checker.assess(file, c.spec()));
                long cpu = processCpuNanos();
                Assessment a = null;
                for (int i = 0; i < RUNS; i++) {
                    a = checker.assess(file, c.spec());
                }
                double cpuMs = (processCpuNanos() - cpu) / 1e6 / RUNS;
                System.out.printf("%-15s %-10s %6.1f ms | %6.1f ms %7.1f ms %8.1f ms %6.1f ms | %6.1f × | %6.1f ms  (%dx%d, %s)%n",
                        c.file(), c.spec().id(), baseline, safeRead, detect, checks, all, all / baseline, cpuMs,
                        decoded.getWidth(), decoded.getHeight(), a.passed() ? "passes" : a.failures().size() + " checks fail");
            }
        }
        checker.close();
        System.out.printf("load average at end: %s%n", loadAverage());
    }

    @FunctionalInterface
    private interface Work {
        Object run() throws Exception;
    }

    private static double median(Work work) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            work.run();
        }
        double[] times = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            work.run();
            times[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(times);
        return times[RUNS / 2];
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PhotoBenchmark.class.getResourceAsStream("/testdata/" + name)) {
            return in.readAllBytes();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
