package org.doorstep.photo.internal;

import java.util.ArrayList;
import java.util.List;

import org.doorstep.photo.BackgroundRule;
import org.doorstep.photo.CheckId;
import org.doorstep.photo.CheckResult;
import org.doorstep.photo.PhotoCheckOptions;
import org.doorstep.photo.PhotoSpec;
import org.doorstep.photo.Reason;

/** Checks of the finished photo's pixels: background, exposure, sharpness, and the JPEG file's size. */
final class QualityChecks {

    /** Less background than this share of the photo cannot be judged. */
    private static final double MIN_BACKGROUND_SHARE = 0.01;

    private QualityChecks() {
    }

    static CheckResult background(PhotoPixels.Background b, PhotoSpec spec, PhotoCheckOptions options,
            MeasurementsBuilder m) {
        if (b.share() < MIN_BACKGROUND_SHARE) {
            return CheckResult.fail(CheckId.BACKGROUND, 0, Reason.of("background.notVisible"));
        }
        m.backgroundLuminance = b.luminance();
        m.backgroundDeviation = b.deviation();
        m.backgroundChroma = b.chroma();
        m.backgroundEdges = b.edges();
        BackgroundRule rule = spec.background();
        String kind = rule.kind().name().toLowerCase(java.util.Locale.ROOT);
        List<Reason> problems = new ArrayList<>();
        if (b.luminance() < rule.minLuminance()) {
            problems.add(Reason.of("background.dark." + kind, b.luminance(), rule.minLuminance()));
        }
        if (b.chroma() > rule.maxChroma()) {
            problems.add(Reason.of("background.coloured." + kind, b.chroma(), rule.maxChroma()));
        }
        if (b.edges() > options.maxBackgroundEdges() || b.deviation() > options.maxBackgroundDeviation()) {
            problems.add(Reason.of("background.busy", b.edges() * 100, options.maxBackgroundEdges() * 100,
                    b.deviation(), options.maxBackgroundDeviation()));
        }
        double score = Math.min(
                Math.min(Scores.atLeast(b.luminance(), rule.minLuminance(), 60),
                        Scores.atMost(b.chroma(), rule.maxChroma(), Math.max(20, rule.maxChroma()))),
                Math.min(Scores.atMost(b.edges(), options.maxBackgroundEdges(), 2 * options.maxBackgroundEdges()),
                        Scores.atMost(b.deviation(), options.maxBackgroundDeviation(),
                                options.maxBackgroundDeviation())));
        return problems.isEmpty()
                ? CheckResult.pass(CheckId.BACKGROUND, score, Reason.of("background.ok." + kind, b.luminance()))
                : new CheckResult(CheckId.BACKGROUND, false, score, problems);
    }

    static CheckResult exposure(PhotoPixels.FaceLight light, PhotoCheckOptions options, MeasurementsBuilder m) {
        m.faceLuminance = light.mean();
        m.faceClipped = light.dark() + light.bright();
        m.faceContrast = light.contrast();
        List<Reason> problems = new ArrayList<>();
        if (light.mean() < options.minFaceLuminance()) {
            problems.add(Reason.of("exposure.dark", light.mean(), options.minFaceLuminance()));
        } else if (light.mean() > options.maxFaceLuminance()) {
            problems.add(Reason.of("exposure.bright", light.mean(), options.maxFaceLuminance()));
        }
        if (light.bright() > options.maxClipped()) {
            problems.add(Reason.of("exposure.clippedBright", light.bright() * 100, options.maxClipped() * 100));
        }
        if (light.dark() > options.maxClipped()) {
            problems.add(Reason.of("exposure.clippedDark", light.dark() * 100, options.maxClipped() * 100));
        }
        if (light.contrast() < options.minFaceContrast()) {
            problems.add(Reason.of("exposure.flat", light.contrast(), options.minFaceContrast()));
        }
        double score = Math.min(
                Math.min(Scores.atLeast(light.mean(), options.minFaceLuminance(), 40),
                        Scores.atMost(light.mean(), options.maxFaceLuminance(), 35)),
                Math.min(Scores.atMost(Math.max(light.dark(), light.bright()), options.maxClipped(), 0.1),
                        Scores.atLeast(light.contrast(), options.minFaceContrast(), options.minFaceContrast())));
        return problems.isEmpty() ? CheckResult.pass(CheckId.EXPOSURE, score, Reason.of("exposure.ok", light.mean()))
                : new CheckResult(CheckId.EXPOSURE, false, score, problems);
    }

    static CheckResult sharpness(double laplacianVariance, PhotoCheckOptions options, MeasurementsBuilder m) {
        m.sharpness = laplacianVariance;
        double score = Scores.clamp(laplacianVariance / options.minSharpness());
        double needed = options.minSharpness() * options.minSharpnessToPass();
        return laplacianVariance >= needed
                ? CheckResult.pass(CheckId.SHARPNESS, score, Reason.of("sharpness.ok", laplacianVariance, needed))
                : CheckResult.fail(CheckId.SHARPNESS, score, Reason.of("sharpness.blurred", laplacianVariance, needed));
    }

    static CheckResult jpegSize(JpegWriter.Encoded jpeg, PhotoSpec spec, MeasurementsBuilder m) {
        int size = jpeg.bytes().length;
        m.jpegBytes = size;
        m.jpegQuality = jpeg.quality();
        double kb = size / 1024.0;
        double minKb = spec.minJpegBytes() / 1024.0;
        double maxKb = spec.maxJpegBytes() / 1024.0;
        if (size > spec.maxJpegBytes()) {
            return CheckResult.fail(CheckId.JPEG_SIZE, Scores.atMost(kb, maxKb, maxKb), Reason.of("jpeg.tooLarge", kb,
                    maxKb, JpegWriter.MIN_QUALITY * 100));
        }
        if (size < spec.minJpegBytes()) {
            return CheckResult.fail(CheckId.JPEG_SIZE, Scores.atLeast(kb, minKb, minKb), Reason.of("jpeg.tooSmall",
                    kb, minKb));
        }
        return CheckResult.pass(CheckId.JPEG_SIZE, 1, Reason.of("jpeg.ok", kb, jpeg.quality() * 100, minKb, maxKb));
    }
}
