package org.doorstep.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.doorstep.fingerprint.FingerCapture;
import org.doorstep.fingerprint.FingerPosition;
import org.doorstep.fingerprint.FingerQuality;
import org.doorstep.fingerprint.FingerTemplates;
import org.doorstep.fingerprint.FingerprintException;
import org.doorstep.fingerprint.FingerprintMessages;
import org.doorstep.fingerprint.QualityAssessor;
import org.doorstep.fingerprint.QualityIssue;
import org.doorstep.fingerprint.SameFingerCheck;
import org.doorstep.fingerprint.SameFingerPair;
import org.doorstep.fingerprint.drivers.ImageImportDriver;
import org.doorstep.photo.Assessment;
import org.doorstep.photo.CheckResult;
import org.doorstep.photo.Measurements;
import org.doorstep.photo.PhotoChecker;
import org.doorstep.photo.PhotoInputException;
import org.doorstep.photo.PhotoSpec;

/**
 * Commands over the capture engines, for support staff checking a file before (or instead of) a capture:
 * {@code photo-check} and {@code finger-score}. They read files and print; they store nothing.
 */
final class CaptureCommands {

    /** The score from which a capture is kept (the capture session's default threshold). */
    static final int FINGER_THRESHOLD = 40;

    private final PrintStream out;

    CaptureCommands(PrintStream out) {
        this.out = out;
    }

    int photoCheck(List<String> args) throws IOException {
        Options o = Options.parse("photo-check", args, Set.of("document", "out", "lang"), Set.of(), 1);
        Path file = Path.of(o.positional("PHOTO_FILE"));
        Locale locale = o.language();
        PhotoSpec spec = switch (String.valueOf(o.optional("document"))) {
            case "null", "exit-entry" -> PhotoSpec.EXIT_ENTRY;
            case "id-card" -> PhotoSpec.ID_CARD;
            default -> throw o.usage("--document must be exit-entry or id-card");
        };
        byte[] content = read(file);
        Assessment a;
        try (PhotoChecker checker = new PhotoChecker()) {
            a = checker.assess(content, spec);
        } catch (PhotoInputException e) {
            throw CliException.badInput(file + ": " + e.reason(Locale.ENGLISH));
        }
        out.printf("photo %s for %s (%d×%d px, %s×%s mm)%n", file.getFileName(), spec.id(), spec.widthPx(),
                spec.heightPx(), trim(spec.widthMm()), trim(spec.heightMm()));
        for (CheckResult c : a.checks()) {
            out.printf("  %-4s %-14s %.2f  %s%n", c.passed() ? "ok" : "FAIL", c.check().name().toLowerCase(Locale.ROOT),
                    c.score(), c.reason(locale));
        }
        Measurements m = a.measurements();
        if (m.faces() == 1 && !Double.isNaN(m.headHeightMm())) {
            out.printf("  measured: head %.1f mm chin to crown, %.1f mm wide; %.1f mm above the crown; JPEG %d bytes%n",
                    m.headHeightMm(), m.headWidthMm(), m.crownMarginMm(), m.jpegBytes());
        }
        String target = o.optional("out");
        if (target != null && a.jpeg().isPresent()) {
            Files.write(Path.of(target), a.jpeg().get());
            out.println("  cropped photo written to " + target);
        }
        out.println(a.passed() ? "verdict: meets the " + spec.id() + " rules (score " + fmt(a.score()) + ")"
                : "verdict: does not meet the " + spec.id() + " rules: " + a.failures().size() + " of "
                        + a.checks().size() + " checks failed");
        return a.passed() ? VaultCli.EXIT_OK : VaultCli.EXIT_REFUSED;
    }

    int fingerScore(List<String> args) throws IOException {
        Options o = Options.parse("finger-score", args, Set.of("finger", "against", "against-finger", "ppi", "lang"),
                Set.of(), 1);
        Path file = Path.of(o.positional("FINGER_FILE"));
        Locale locale = o.language();
        FingerPosition finger = finger(o, "finger", FingerPosition.RIGHT_INDEX);
        int ppi = ImageImportDriver.DEFAULT_PPI;
        if (o.optional("ppi") != null) {
            try {
                ppi = Integer.parseInt(o.optional("ppi"));
            } catch (NumberFormatException e) {
                throw o.usage("--ppi must be a whole number");
            }
        }
        ImageImportDriver importer = new ImageImportDriver(position -> {
            throw new IllegalStateException("files are given on the command line");
        }, ppi);
        FingerTemplates templates = new FingerTemplates();
        try {
            FingerCapture capture = importer.importFile(finger, file);
            FingerQuality q = new QualityAssessor(templates).assess(capture);
            out.printf("fingerprint %s as %s, %d×%d px at %d ppi%n", file.getFileName(),
                    FingerprintMessages.position(locale, finger), capture.image().width(), capture.image().height(),
                    capture.image().ppi());
            out.printf("  quality %d of 100 (kept from %d): %d minutiae, %d reliable; ridge area %.0f mm²%n", q.score(),
                    FINGER_THRESHOLD, q.minutiae(), q.reliableMinutiae(), q.ridgeAreaMm2());
            for (QualityIssue issue : q.issues()) {
                out.println("  " + FingerprintMessages.text(locale, "issue." + issue.name()));
            }
            boolean sameFinger = false;
            String against = o.optional("against");
            if (against != null) {
                FingerPosition otherFinger = finger(o, "against-finger", FingerPosition.LEFT_INDEX);
                if (otherFinger == finger) {
                    throw o.usage("--against-finger must differ from --finger: the check is for two different fingers");
                }
                FingerCapture other = importer.importFile(otherFinger, Path.of(against));
                List<SameFingerPair> pairs = new SameFingerCheck(templates, SameFingerCheck.DEFAULT_THRESHOLD)
                        .check(List.of(capture, other));
                sameFinger = !pairs.isEmpty();
                out.println(sameFinger
                        ? String.format(Locale.ROOT, "  same finger twice: %s and %s match (score %.1f, threshold %.0f)",
                                file.getFileName(), Path.of(against).getFileName(), pairs.get(0).score(),
                                SameFingerCheck.DEFAULT_THRESHOLD)
                        : "  different fingers: " + Path.of(against).getFileName() + " does not match");
            }
            boolean kept = q.score() >= FINGER_THRESHOLD && !sameFinger;
            out.println(kept ? "verdict: good enough to keep" : "verdict: retake");
            return kept ? VaultCli.EXIT_OK : VaultCli.EXIT_REFUSED;
        } catch (FingerprintException e) {
            throw CliException.badInput(e.message(Locale.ENGLISH));
        }
    }

    private static FingerPosition finger(Options o, String option, FingerPosition fallback) {
        String value = o.optional(option);
        if (value == null) {
            return fallback;
        }
        for (FingerPosition p : FingerPosition.values()) {
            if (p.name().equalsIgnoreCase(value.replace('-', '_')) || String.valueOf(p.isoCode()).equals(value)) {
                return p;
            }
        }
        throw o.usage("--" + option + " must be a finger such as right-index or its number 1-10");
    }

    private static byte[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw CliException.badInput("no such file: " + file);
        }
        return Files.readAllBytes(file);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
