package org.doorstep.photo.internal;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.doorstep.photo.Assessment;
import org.doorstep.photo.CheckId;
import org.doorstep.photo.CheckResult;
import org.doorstep.photo.PhotoCheckOptions;
import org.doorstep.photo.PhotoSpec;
import org.doorstep.photo.Reason;

/**
 * Runs every check on one source picture: finds the face, plans and renders the crop, judges geometry on the plan
 * and background, exposure and sharpness on the finished photo (what the document will show), then encodes it.
 */
public final class Assessor implements AutoCloseable {

    private final PhotoCheckOptions options;
    private final FaceDetector detector;

    public Assessor(PhotoCheckOptions options) {
        this.options = options;
        this.detector = new FaceDetector(options.detectionShortSide());
    }

    public Assessment assess(BufferedImage source, PhotoSpec spec) {
        BufferedImage bgr = SafeImageReader.toBgr(source);
        MeasurementsBuilder m = new MeasurementsBuilder();
        m.sourceWidth = bgr.getWidth();
        m.sourceHeight = bgr.getHeight();
        List<FaceBox> faces;
        Optional<EyePair> eyes = Optional.empty();
        synchronized (detector) {
            try (FaceDetector.Scan scan = detector.scan(bgr)) {
                faces = scan.faces();
                if (faces.size() == 1) {
                    eyes = scan.eyes(faces.get(0));
                }
            }
        }
        m.faces = faces.size();
        List<CheckResult> results = new ArrayList<>();
        if (faces.size() != 1) {
            results.add(resolutionWithoutFace(bgr, spec));
            results.add(faces.isEmpty() ? CheckResult.fail(CheckId.FACE_COUNT, 0, Reason.of("faces.none"))
                    : CheckResult.fail(CheckId.FACE_COUNT, 0, Reason.of("faces.many", faces.size())));
            for (CheckId id : List.of(CheckId.FRONTAL, CheckId.HEAD_SIZE, CheckId.HEAD_POSITION, CheckId.BACKGROUND,
                    CheckId.EXPOSURE, CheckId.SHARPNESS, CheckId.JPEG_SIZE)) {
                results.add(CheckResult.fail(id, 0, Reason.of("notAssessed")));
            }
            return new Assessment(spec, results, null, m.build());
        }

        HeadEstimate head = HeadEstimate.of(faces.get(0), eyes);
        CropPlan plan = CropPlanner.plan(head, bgr.getWidth(), bgr.getHeight(), spec);
        HeadOnPhoto onPhoto = HeadOnPhoto.of(head, plan, spec.widthPx(), spec.heightPx());
        m.headPixels = head.height();
        m.upscale = plan.upscale();
        m.cropX = plan.x();
        m.cropY = plan.y();
        m.cropWidth = plan.width();
        m.cropHeight = plan.height();

        results.add(resolution(head, plan, spec, m));
        results.add(CheckResult.pass(CheckId.FACE_COUNT, 1, Reason.of("faces.one")));
        results.add(GeometryChecks.frontal(head, options, m));
        results.add(GeometryChecks.headSize(onPhoto, spec, m));
        results.add(GeometryChecks.headPosition(onPhoto, plan, spec, options, m));

        BufferedImage photo = CropRenderer.render(bgr, plan, spec);
        PhotoPixels pixels = new PhotoPixels(photo);
        results.add(QualityChecks.background(pixels.background(onPhoto), spec, options, m));
        results.add(QualityChecks.exposure(pixels.faceLight(onPhoto), options, m));
        results.add(QualityChecks.sharpness(pixels.sharpness(onPhoto), options, m));

        JpegWriter.Encoded jpeg = JpegWriter.encode(photo, spec);
        results.add(QualityChecks.jpegSize(jpeg, spec, m));
        return new Assessment(spec, results, jpeg.bytes(), m.build());
    }

    private CheckResult resolution(HeadEstimate head, CropPlan plan, PhotoSpec spec, MeasurementsBuilder m) {
        double headOnPhoto = spec.headHeightMm().mid() * spec.pxPerMmY();
        long needed = Math.round(headOnPhoto / options.maxUpscale());
        long has = Math.round(head.height());
        if (plan.upscale() <= options.maxUpscale()) {
            return CheckResult.pass(CheckId.RESOLUTION, 1, Reason.of("resolution.ok", has, needed));
        }
        return CheckResult.fail(CheckId.RESOLUTION, Scores.clamp(options.maxUpscale() / plan.upscale()),
                Reason.of("resolution.tooSmall", has, needed, spec.widthPx(), spec.heightPx(), options.maxUpscale()));
    }

    private static CheckResult resolutionWithoutFace(BufferedImage image, PhotoSpec spec) {
        Reason reason = Reason.of("resolution.pictureSize", image.getWidth(), image.getHeight(), spec.widthPx(),
                spec.heightPx());
        boolean enough = image.getWidth() >= spec.widthPx() && image.getHeight() >= spec.heightPx();
        double score = Scores.clamp(Math.min((double) image.getWidth() / spec.widthPx(),
                (double) image.getHeight() / spec.heightPx()));
        return enough ? CheckResult.pass(CheckId.RESOLUTION, score, reason)
                : CheckResult.fail(CheckId.RESOLUTION, score, reason);
    }

    @Override
    public void close() {
        synchronized (detector) {
            detector.close();
        }
    }
}
