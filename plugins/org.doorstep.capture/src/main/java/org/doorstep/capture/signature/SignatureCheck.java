package org.doorstep.capture.signature;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a captured signature can be kept: a named signer, a sensible pad, enough ink to be a signature
 * rather than a tap or a dot, every point on the pad, time running forward, and a bounded size. A pad
 * driver that sends garbage is caught here, before anything is stored.
 */
public final class SignatureCheck {

    /** Ink shorter than this share of the pad's width is a tap or a slip, not a signature. */
    static final double MIN_INK_SHARE = 0.15;
    /** The signature must span at least this share of the pad in one direction. */
    static final double MIN_EXTENT_SHARE = 0.08;
    static final int MAX_POINTS = 50_000;
    static final int MIN_PAD = 50;
    static final int MAX_PAD = 4000;
    private static final double TOLERANCE = 1.0;

    private SignatureCheck() {
    }

    public static List<SignatureProblem> check(Signature s) {
        List<SignatureProblem> problems = new ArrayList<>();
        if (s.signerName().isBlank()) {
            problems.add(new SignatureProblem(SignatureProblem.Code.SIGNER_NAME_MISSING));
        }
        if (s.canvasWidth() < MIN_PAD || s.canvasHeight() < MIN_PAD || s.canvasWidth() > MAX_PAD
                || s.canvasHeight() > MAX_PAD) {
            problems.add(new SignatureProblem(SignatureProblem.Code.CANVAS_SIZE, s.canvasWidth(), s.canvasHeight(),
                    MIN_PAD, MAX_PAD));
            return problems; // nothing else can be judged against a pad of that size
        }
        if (s.pointCount() > MAX_POINTS) {
            problems.add(new SignatureProblem(SignatureProblem.Code.TOO_MANY_POINTS, s.pointCount(), MAX_POINTS));
            return problems;
        }
        if (s.strokes().isEmpty() || s.inkLength() < MIN_INK_SHARE * s.canvasWidth()) {
            problems.add(new SignatureProblem(SignatureProblem.Code.NO_INK));
        } else {
            double[] box = bounds(s);
            if (box[2] - box[0] < MIN_EXTENT_SHARE * s.canvasWidth() && box[3] - box[1] < MIN_EXTENT_SHARE * s.canvasHeight()) {
                problems.add(new SignatureProblem(SignatureProblem.Code.TOO_SMALL));
            }
        }
        int outside = 0;
        boolean backwards = false;
        for (Stroke stroke : s.strokes()) {
            long last = -1;
            for (InkPoint p : stroke.points()) {
                if (p.x() < -TOLERANCE || p.y() < -TOLERANCE || p.x() > s.canvasWidth() + TOLERANCE
                        || p.y() > s.canvasHeight() + TOLERANCE) {
                    outside++;
                }
                backwards |= p.tMillis() < last;
                last = p.tMillis();
            }
        }
        if (outside > 0) {
            problems.add(new SignatureProblem(SignatureProblem.Code.OUT_OF_PAD, outside));
        }
        if (backwards) {
            problems.add(new SignatureProblem(SignatureProblem.Code.TIME_GOES_BACK));
        }
        return problems;
    }

    /** minX, minY, maxX, maxY of all points. */
    static double[] bounds(Signature s) {
        double[] b = { Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE };
        for (Stroke stroke : s.strokes()) {
            for (InkPoint p : stroke.points()) {
                b[0] = Math.min(b[0], p.x());
                b[1] = Math.min(b[1], p.y());
                b[2] = Math.max(b[2], p.x());
                b[3] = Math.max(b[3], p.y());
            }
        }
        return b;
    }
}
