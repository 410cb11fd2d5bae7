package org.doorstep.fingerprint.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.doorstep.fingerprint.FingerCapture;
import org.doorstep.fingerprint.FingerImage;
import org.doorstep.fingerprint.FingerPosition;
import org.doorstep.fingerprint.FingerTemplates;
import org.doorstep.fingerprint.FingerprintException;
import org.doorstep.fingerprint.QualityAssessor;
import org.doorstep.fingerprint.SameFingerCheck;
import org.doorstep.fingerprint.SourceKind;
import org.doorstep.fingerprint.TestImages;
import org.doorstep.fingerprint.drivers.SimulatorDriver;
import org.doorstep.fingerprint.internal.ImageDecoder;
import org.doorstep.fingerprint.internal.RidgeAnalysis;

import com.machinezoo.sourceafis.FingerprintImage;
import com.machinezoo.sourceafis.FingerprintImageOptions;
import com.machinezoo.sourceafis.FingerprintTemplate;

/**
 * Prints what fingerprint checking costs per capture on this machine: decoding the file (the baseline, from
 * the same run), the block analysis, SourceAFIS template extraction, the whole quality score, and the
 * same-finger check of a new capture against the other fingers of a case (1 for an ID card, 9 for ten
 * prints). Medians of {@value #ROUNDS} rounds after a warm-up. Run:
 *
 * <pre>
 * ./mvnw -q -o -pl plugins/org.doorstep.fingerprint test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.doorstep.fingerprint.bench.FingerprintBenchmark
 * </pre>
 */
public final class FingerprintBenchmark {

    private static final int ROUNDS = 7;

    private record Sample(String name, byte[] file, FingerCapture capture) {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "load average at start %.2f, %d cores, %s%n", load(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        List<Sample> samples = new ArrayList<>();
        for (String name : List.of("probe.png", "nonmatching.png", "probe.jpeg", "wsq-original.wsq")) {
            samples.add(new Sample(name, TestImages.bytes(name), TestImages.capture(name, FingerPosition.RIGHT_INDEX)));
        }
        try (SimulatorDriver simulator = new SimulatorDriver(1, 0)) {
            long start = System.nanoTime();
            FingerCapture first = simulator.capture(FingerPosition.RIGHT_INDEX, null);
            double grow = ms(System.nanoTime() - start);
            double again = median(() -> simulator.capture(FingerPosition.RIGHT_INDEX, null));
            System.out.printf(Locale.ROOT, "simulator: first capture of a finger (grows the print) %.0f ms, later captures %.1f ms%n",
                    grow, again);
            samples.add(new Sample("simulated", null, first));
        }
        List<FingerCapture> others = otherFingers();

        // warm-up: every path once per sample
        for (Sample s : samples) {
            for (int i = 0; i < 3; i++) {
                perCapture(s.capture(), others);
            }
        }

        System.out.println();
        System.out.println("| image | pixels | decode (baseline) | block analysis | template | quality score | vs 1 finger | vs 9 fingers | per capture, ten-print | × decode |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Sample s : samples) {
            FingerImage image = s.capture().image();
            double decode = s.file() == null ? Double.NaN : median(() -> ImageDecoder.decodeFinger(s.file(), 500));
            double blocks = median(() -> RidgeAnalysis.of(image));
            double template = median(() -> new FingerprintTemplate(new FingerprintImage(image.width(), image.height(),
                    image.pixels(), new FingerprintImageOptions().dpi(image.ppi()))));
            double quality = median(() -> new QualityAssessor(new FingerTemplates()).assess(fresh(s.capture())));
            double one = medianDuplicate(s.capture(), others.subList(0, 1));
            double nine = medianDuplicate(s.capture(), others);
            double total = median(() -> perCapture(s.capture(), others));
            System.out.printf(Locale.ROOT, "| %s | %d × %d | %s | %.1f ms | %.1f ms | %.1f ms | %.2f ms | %.2f ms | %.1f ms | %s |%n",
                    s.name(), image.width(), image.height(), Double.isNaN(decode) ? "—" : String.format(Locale.ROOT, "%.1f ms", decode),
                    blocks, template, quality, one, nine, total,
                    Double.isNaN(decode) ? "—" : String.format(Locale.ROOT, "%.1f", total / decode));
        }
        System.out.printf(Locale.ROOT, "%nload average at end %.2f%n", load());
    }

    /** What a capture costs the session: its quality score (template included) and the check against the case. */
    private static Object perCapture(FingerCapture capture, List<FingerCapture> others) throws FingerprintException {
        FingerTemplates templates = new FingerTemplates();
        QualityAssessor assessor = new QualityAssessor(templates);
        for (FingerCapture o : others) {
            templates.similarity(o, o); // the case's other fingers were scored, so their templates are cached
        }
        FingerCapture c = fresh(capture);
        long start = System.nanoTime();
        assessor.assess(c);
        new SameFingerCheck(templates, SameFingerCheck.DEFAULT_THRESHOLD).against(c, others);
        return System.nanoTime() - start;
    }

    /** Median time of the same-finger check alone, templates already extracted. */
    private static double medianDuplicate(FingerCapture capture, List<FingerCapture> others) throws Exception {
        FingerTemplates templates = new FingerTemplates();
        FingerCapture probe = fresh(capture);
        templates.similarity(probe, probe);
        for (FingerCapture o : others) {
            templates.similarity(o, o);
        }
        SameFingerCheck check = new SameFingerCheck(templates, SameFingerCheck.DEFAULT_THRESHOLD);
        return median(() -> check.against(probe, others));
    }

    /** Nine fingers of another person, at positions other than the right index. */
    private static List<FingerCapture> otherFingers() {
        List<FingerCapture> others = new ArrayList<>();
        try (SimulatorDriver person = new SimulatorDriver(2, 0)) {
            for (FingerPosition p : FingerPosition.values()) {
                if (p != FingerPosition.RIGHT_INDEX) {
                    others.add(person.capture(p, null));
                }
            }
        }
        return others;
    }

    private static FingerCapture fresh(FingerCapture c) {
        return FingerCapture.of(c.position(), c.image(), c.source() == SourceKind.SIMULATED ? SourceKind.SIMULATED : SourceKind.IMPORT,
                c.device());
    }

    private interface Work {
        Object run() throws Exception;
    }

    private static double median(Work work) throws Exception {
        double[] t = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            Object result = work.run();
            long elapsed = System.nanoTime() - start;
            // perCapture times itself, leaving out the set-up of the case's other fingers
            t[i] = ms(result instanceof Long own ? own : elapsed);
        }
        Arrays.sort(t);
        return t[ROUNDS / 2];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
