package org.doorstep.photo;

/**
 * Thresholds of the checks that are not part of a document's specification. {@link #DEFAULT} holds the values
 * tuned on the project's test pictures (see docs/ARCHITECTURE.md, "Photo").
 *
 * @param limits                 largest source picture accepted
 * @param maxUpscale             largest enlargement from the source to the finished photo (1.2: at 354×472 a 20 %
 *                               enlargement is not visible; beyond it the photo turns soft)
 * @param detectionShortSide     pictures whose shorter side is larger are scaled down to this for face detection
 *                               only (speed; the Haar cascade's parameters were chosen on pictures of this size)
 * @param maxRollDegrees         largest tilt of the eye line (ISO/IEC 19794-5 allows ±8°)
 * @param maxEyeOffset           largest offset of the eyes' midpoint from the face's centre, as a fraction of the
 *                               face width (a turned head moves the eyes towards one side)
 * @param centringTolerance      largest offset of the head from the photo's vertical centre line, as a fraction of
 *                               the photo's width (5 %, as ICAO asks)
 * @param maxBackgroundDeviation largest standard deviation of the background's brightness (0–255)
 * @param maxBackgroundEdges     largest share of background pixels on an edge (patterns, objects, shadows)
 * @param minFaceLuminance       darkest mean brightness of the face accepted; wide on purpose, skin tones differ
 * @param maxFaceLuminance       brightest mean brightness of the face accepted
 * @param maxClipped             largest share of the face's pixels that are pure black or pure white
 * @param minFaceContrast        smallest spread between the face's 5th and 95th brightness percentiles
 * @param minSharpness           variance of the Laplacian of the face on the finished photo at which the face is
 *                               called sharp (score 1); below it the score falls in proportion
 * @param minSharpnessToPass     share of {@code minSharpness} below which the photo fails as blurred
 */
public record PhotoCheckOptions(ImageLimits limits, double maxUpscale, int detectionShortSide, double maxRollDegrees,
        double maxEyeOffset, double centringTolerance, double maxBackgroundDeviation, double maxBackgroundEdges,
        double minFaceLuminance, double maxFaceLuminance, double maxClipped, double minFaceContrast,
        double minSharpness, double minSharpnessToPass) {

    public static final PhotoCheckOptions DEFAULT = new PhotoCheckOptions(ImageLimits.DEFAULT, 1.2, 1000, 8, 0.08,
            0.05, 18, 0.04, 45, 220, 0.02, 40, 150, 0.4);

    public PhotoCheckOptions {
        if (limits == null || maxUpscale < 1 || detectionShortSide < 200) {
            throw new IllegalArgumentException("bad photo check options");
        }
    }
}
