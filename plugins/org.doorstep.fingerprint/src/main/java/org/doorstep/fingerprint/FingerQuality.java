package org.doorstep.fingerprint;

import java.util.List;

/**
 * The quality of one capture (method in {@link QualityAssessor}): {@code score} 0–100 and the measurements it
 * was made of, so a screen or a report can say why.
 *
 * @param score            0 (unusable) to 100
 * @param ridgeAreaMm2     area of clear ridges, square millimetres
 * @param contrast         median grey-level standard deviation of foreground blocks
 * @param coherence        mean ridge-orientation coherence of foreground blocks, 0–1
 * @param validPeriodShare share of foreground blocks with a ridge period in the human range, 0–1
 * @param minutiae         minutiae SourceAFIS found
 * @param reliableMinutiae those lying inside clear ridge areas, away from the print's edge
 * @param issues           the reasons behind a low score, worst first
 */
public record FingerQuality(int score, double ridgeAreaMm2, double contrast, double coherence, double validPeriodShare,
        int minutiae, int reliableMinutiae, List<QualityIssue> issues) {

    public FingerQuality {
        issues = List.copyOf(issues);
    }
}
