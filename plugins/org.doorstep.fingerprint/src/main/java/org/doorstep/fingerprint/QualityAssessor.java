package org.doorstep.fingerprint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.doorstep.fingerprint.internal.RidgeAnalysis;

import com.machinezoo.fingerprintio.TemplateFormat;
import com.machinezoo.fingerprintio.iso19794p2v2005.Iso19794p2v2005Minutia;
import com.machinezoo.fingerprintio.iso19794p2v2005.Iso19794p2v2005Template;
import com.machinezoo.sourceafis.FingerprintCompatibility;

/**
 * Scores a capture 0–100, in the manner of NIST's NFIQ (local ridge clarity, area, minutiae) but with our own
 * simple, documented measures, each mapped to 0–1:
 * <ul>
 * <li><b>minutiae</b> (weight 0.45): minutiae SourceAFIS extracts that lie in clear ridge blocks (coherence ≥ 0.5,
 * a valid ridge period) whose eight neighbours are all foreground, so edge and noise artefacts do not count;
 * {@value #FULL_MINUTIAE} or more score 1. This stands in for per-minutia quality, which SourceAFIS does not
 * give;</li>
 * <li><b>clarity</b> (0.20): mean orientation coherence of foreground blocks, 0.3 → 0 to 0.7 → 1;</li>
 * <li><b>contrast</b> (0.20): median standard deviation of foreground blocks, 10 → 0 to 40 → 1 grey levels;</li>
 * <li><b>ridge period</b> (0.15): share of foreground blocks whose ridge spacing is 0.23–0.76 mm;</li>
 * <li><b>ridge area</b>: area of clear ridge blocks; {@value #FULL_AREA_MM2} mm² or more (a pressed index finger
 * on a 500 ppi scanner) scores 1. The weighted sum of the other four is multiplied by its square root, so a
 * sharp but small print cannot score well.</li>
 * </ul>
 * score = round(100 × √area × (0.45 minutiae + 0.20 clarity + 0.20 contrast + 0.15 period)).
 * Each part under 0.5 names a {@link QualityIssue}. Measures come from {@link RidgeAnalysis}; the figures on the
 * project's sample images are in docs/PERFORMANCE.md.
 */
public final class QualityAssessor {

    static final int FULL_MINUTIAE = 30;
    static final double FULL_AREA_MM2 = 120;
    private static final double CLEAR_COHERENCE = 0.5;

    private final FingerTemplates templates;

    public QualityAssessor(FingerTemplates templates) {
        this.templates = templates;
    }

    public FingerQuality assess(FingerCapture capture) throws FingerprintImageException {
        FingerImage image = capture.image();
        RidgeAnalysis r = RidgeAnalysis.of(image);
        int foreground = 0;
        int clear = 0;
        int validPeriod = 0;
        double coherenceSum = 0;
        double[] contrasts = new double[r.columns() * r.rows()];
        boolean[] clearBlock = new boolean[contrasts.length];
        for (int by = 0; by < r.rows(); by++) {
            for (int bx = 0; bx < r.columns(); bx++) {
                if (!r.foreground(bx, by)) {
                    continue;
                }
                contrasts[foreground++] = r.contrast(bx, by);
                coherenceSum += r.coherence(bx, by);
                if (r.periodValid(bx, by)) {
                    validPeriod++;
                    if (r.coherence(bx, by) >= CLEAR_COHERENCE) {
                        clear++;
                        clearBlock[by * r.columns() + bx] = true;
                    }
                }
            }
        }
        if (foreground == 0) {
            return new FingerQuality(0, 0, 0, 0, 0, 0, 0, List.of(QualityIssue.NO_FINGER));
        }
        double area = clear * r.blockAreaMm2();
        Arrays.sort(contrasts, 0, foreground);
        double contrast = contrasts[foreground / 2];
        double coherence = coherenceSum / foreground;
        double periodShare = (double) validPeriod / foreground;

        // minutiae through SourceAFIS's public export to ISO/IEC 19794-2, read back with its fingerprintio
        Iso19794p2v2005Template iso = new Iso19794p2v2005Template(
                FingerprintCompatibility.exportTemplates(TemplateFormat.ISO_19794_2_2005, templates.of(capture)));
        List<Iso19794p2v2005Minutia> minutiae = iso.fingerprints.isEmpty() ? List.of() : iso.fingerprints.get(0).minutiae;
        // template coordinates are at SourceAFIS's 500 ppi
        double scale = (double) image.width() / Math.max(1, iso.width);
        int reliable = 0;
        for (Iso19794p2v2005Minutia m : minutiae) {
            int bx = (int) (m.positionX * scale / r.blockSize());
            int by = (int) (m.positionY * scale / r.blockSize());
            if (bx < r.columns() && by < r.rows() && clearBlock[by * r.columns() + bx] && inside(r, bx, by)) {
                reliable++;
            }
        }

        double pMinutiae = clamp((double) reliable / FULL_MINUTIAE);
        double pArea = clamp(area / FULL_AREA_MM2);
        double pClarity = clamp((coherence - 0.3) / 0.4);
        double pContrast = clamp((contrast - 10) / 30);
        double pPeriod = clamp(periodShare);
        double sum = 0.45 * pMinutiae + 0.20 * pClarity + 0.20 * pContrast + 0.15 * pPeriod;
        int score = (int) Math.round(100 * sum * Math.sqrt(pArea));

        List<QualityIssue> issues = new ArrayList<>();
        record Part(double value, QualityIssue issue) {
        }
        List<Part> parts = new ArrayList<>(List.of(new Part(pArea, QualityIssue.SMALL_AREA),
                new Part(pContrast, QualityIssue.LOW_CONTRAST), new Part(Math.min(pClarity, pPeriod), QualityIssue.UNCLEAR_RIDGES),
                new Part(pMinutiae, QualityIssue.FEW_MINUTIAE)));
        parts.sort((a, b) -> Double.compare(a.value(), b.value()));
        for (Part p : parts) {
            if (p.value() < 0.5) {
                issues.add(p.issue());
            }
        }
        return new FingerQuality(score, area, contrast, coherence, periodShare, minutiae.size(), reliable, issues);
    }

    private static boolean inside(RidgeAnalysis r, int bx, int by) {
        for (int y = by - 1; y <= by + 1; y++) {
            for (int x = bx - 1; x <= bx + 1; x++) {
                if (x < 0 || y < 0 || x >= r.columns() || y >= r.rows() || !r.foreground(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
