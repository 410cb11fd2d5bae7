package org.doorstep.photo.internal;

import java.util.ArrayList;
import java.util.List;

import org.doorstep.photo.CheckId;
import org.doorstep.photo.CheckResult;
import org.doorstep.photo.MmRange;
import org.doorstep.photo.PhotoCheckOptions;
import org.doorstep.photo.PhotoSpec;
import org.doorstep.photo.Reason;

/** Checks of pose, head size and head position, judged from the head estimate and the crop plan. */
final class GeometryChecks {

    private GeometryChecks() {
    }

    /** Frontal: the eye cascades must find both eyes, level and centred in the face box. */
    static CheckResult frontal(HeadEstimate head, PhotoCheckOptions options, MeasurementsBuilder m) {
        if (head.eyes().isEmpty()) {
            return CheckResult.fail(CheckId.FRONTAL, 0.2, Reason.of("frontal.noEyes"));
        }
        EyePair eyes = head.eyes().get();
        double roll = eyes.rollDegrees();
        double offset = (eyes.midX() - head.face().centreX()) / head.face().width();
        m.rollDegrees = roll;
        m.eyeOffset = offset;
        double rollScore = Scores.atMost(Math.abs(roll), options.maxRollDegrees(), options.maxRollDegrees());
        double offsetScore = Scores.atMost(Math.abs(offset), options.maxEyeOffset(), options.maxEyeOffset());
        List<Reason> problems = new ArrayList<>();
        if (Math.abs(roll) > options.maxRollDegrees()) {
            problems.add(Reason.of("frontal.tilted", Math.abs(roll), options.maxRollDegrees()));
        }
        if (Math.abs(offset) > options.maxEyeOffset()) {
            problems.add(Reason.of("frontal.turned", Math.abs(offset) * 100, options.maxEyeOffset() * 100));
        }
        double score = Math.min(rollScore, offsetScore);
        return problems.isEmpty() ? CheckResult.pass(CheckId.FRONTAL, score, Reason.of("frontal.ok", Math.abs(roll)))
                : new CheckResult(CheckId.FRONTAL, false, score, problems);
    }

    static CheckResult headSize(HeadOnPhoto head, PhotoSpec spec, MeasurementsBuilder m) {
        double heightMm = head.height() / spec.pxPerMmY();
        double widthMm = head.width() / spec.pxPerMmX();
        m.headHeightMm = heightMm;
        m.headWidthMm = widthMm;
        MmRange h = spec.headHeightMm();
        MmRange w = spec.headWidthMm();
        List<Reason> problems = new ArrayList<>();
        if (!h.contains(heightMm)) {
            boolean tight = heightMm > h.max() && shrunk(spec, head);
            problems.add(Reason.of(tight ? "headSize.height.tight" : "headSize.height", heightMm, h.min(), h.max()));
        }
        if (!w.contains(widthMm)) {
            problems.add(Reason.of("headSize.width", widthMm, w.min(), w.max()));
        }
        double score = Math.min(Scores.inRange(heightMm, h, 2), Scores.inRange(widthMm, w, 2));
        return problems.isEmpty()
                ? CheckResult.pass(CheckId.HEAD_SIZE, score,
                        Reason.of("headSize.ok", heightMm, h.min(), h.max(), widthMm, w.min(), w.max()))
                : new CheckResult(CheckId.HEAD_SIZE, false, score, problems);
    }

    /** Whether the head came out large because the source held no larger crop (the planner had to shrink it). */
    private static boolean shrunk(PhotoSpec spec, HeadOnPhoto head) {
        double planned = spec.headHeightMm().mid() * spec.pxPerMmY();
        return head.height() > planned * 1.01;
    }

    static CheckResult headPosition(HeadOnPhoto head, CropPlan plan, PhotoSpec spec, PhotoCheckOptions options,
            MeasurementsBuilder m) {
        double pxY = spec.pxPerMmY();
        double pxX = spec.pxPerMmX();
        double crownMm = head.crownY() / pxY;
        double offsetMm = (head.centreX() - spec.widthPx() / 2.0) / pxX;
        double eyeLineMm = (spec.heightPx() - head.eyeY()) / pxY;
        double toleranceMm = options.centringTolerance() * spec.widthMm();
        m.crownMarginMm = crownMm;
        m.centreOffsetMm = offsetMm;
        m.eyeLineFromBottomMm = eyeLineMm;

        MmRange crown = spec.crownMarginMm();
        List<Reason> problems = new ArrayList<>();
        if (crownMm < 0) {
            problems.add(Reason.of("position.crown.cut", -crownMm));
        } else if (crownMm < crown.min()) {
            problems.add(plan.missingAbove() > 0 ? Reason.of("position.crown.noRoom", crownMm, crown.min())
                    : Reason.of("position.crown.small", crownMm, crown.min()));
        } else if (crownMm > crown.max()) {
            problems.add(plan.missingBelow() > 0
                    ? Reason.of("position.crown.noRoomBelow", crownMm, crown.max(),
                            plan.missingBelow() * plan.upscale() / pxY)
                    : Reason.of("position.crown.large", crownMm, crown.max()));
        }
        if (Math.abs(offsetMm) > toleranceMm) {
            boolean left = offsetMm < 0;
            boolean noRoom = left ? plan.missingLeft() > 0 : plan.missingRight() > 0;
            String key = "position.offCentre." + (left ? "left" : "right") + (noRoom ? ".noRoom" : "");
            problems.add(Reason.of(key, Math.abs(offsetMm), toleranceMm));
        }
        MmRange eyeRule = spec.eyeLineFromBottomMm();
        if (!eyeRule.isAny() && !eyeRule.contains(eyeLineMm)) {
            problems.add(Reason.of("position.eyeLine", eyeLineMm, eyeRule.min()));
        }
        double score = Math.min(Scores.inRange(crownMm, crown, 2),
                Scores.atMost(Math.abs(offsetMm), toleranceMm, toleranceMm));
        if (!eyeRule.isAny()) {
            score = Math.min(score, Scores.inRange(eyeLineMm, eyeRule, 5));
        }
        return problems.isEmpty()
                ? CheckResult.pass(CheckId.HEAD_POSITION, score,
                        Reason.of("position.ok", crownMm, crown.min(), crown.max(), Math.abs(offsetMm)))
                : new CheckResult(CheckId.HEAD_POSITION, false, score, problems);
    }
}
