package org.doorstep.fingerprint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import com.machinezoo.sourceafis.FingerprintMatcher;

/**
 * Finds captures recorded as different fingers that are the same finger, a mistake (or a trick) that is easy
 * at a kitchen table: compares every pair of captures at different positions with SourceAFIS and flags those
 * scoring at least the threshold. SourceAFIS's score 40 is its documented point of about one false match in
 * 10 000 comparisons; the sample prints score 235.6 for the same finger and 3.2 for different fingers.
 */
public final class SameFingerCheck {

    public static final double DEFAULT_THRESHOLD = 40;

    private final FingerTemplates templates;
    private final double threshold;

    public SameFingerCheck(FingerTemplates templates, double threshold) {
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("the same-finger threshold must be positive, not " + threshold);
        }
        this.templates = templates;
        this.threshold = threshold;
    }

    /** Every pair of {@code captures} at different positions that looks like one finger, highest score first. */
    public List<SameFingerPair> check(Collection<FingerCapture> captures) throws FingerprintImageException {
        List<FingerCapture> list = List.copyOf(captures);
        List<SameFingerPair> flagged = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            flagged.addAll(against(list.get(i), list.subList(i + 1, list.size())));
        }
        flagged.sort(Comparator.comparingDouble(SameFingerPair::score).reversed());
        return flagged;
    }

    /** The captures among {@code others}, at other positions than {@code probe}, that look like its finger. */
    public List<SameFingerPair> against(FingerCapture probe, Collection<FingerCapture> others)
            throws FingerprintImageException {
        List<SameFingerPair> flagged = new ArrayList<>();
        FingerprintMatcher matcher = null;
        for (FingerCapture other : others) {
            if (other.position() == probe.position()) {
                continue;
            }
            if (matcher == null) {
                matcher = new FingerprintMatcher(templates.of(probe));
            }
            double score = matcher.match(templates.of(other));
            if (score >= threshold) {
                flagged.add(new SameFingerPair(probe, other, score));
            }
        }
        return flagged;
    }
}
