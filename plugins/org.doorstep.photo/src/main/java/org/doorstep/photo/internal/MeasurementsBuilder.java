package org.doorstep.photo.internal;

import org.doorstep.photo.Measurements;

/** Collects measurements while the checks run; unmeasured values stay NaN. */
final class MeasurementsBuilder {
    int faces;
    int sourceWidth;
    int sourceHeight;
    int cropX;
    int cropY;
    int cropWidth;
    int cropHeight;
    double headPixels = Double.NaN;
    double upscale = Double.NaN;
    double rollDegrees = Double.NaN;
    double eyeOffset = Double.NaN;
    double headHeightMm = Double.NaN;
    double headWidthMm = Double.NaN;
    double crownMarginMm = Double.NaN;
    double centreOffsetMm = Double.NaN;
    double eyeLineFromBottomMm = Double.NaN;
    double backgroundLuminance = Double.NaN;
    double backgroundDeviation = Double.NaN;
    double backgroundChroma = Double.NaN;
    double backgroundEdges = Double.NaN;
    double faceLuminance = Double.NaN;
    double faceClipped = Double.NaN;
    double faceContrast = Double.NaN;
    double sharpness = Double.NaN;
    int jpegBytes;
    double jpegQuality = Double.NaN;

    Measurements build() {
        return new Measurements(faces, sourceWidth, sourceHeight, cropX, cropY, cropWidth, cropHeight, headPixels,
                upscale, rollDegrees, eyeOffset, headHeightMm, headWidthMm, crownMarginMm, centreOffsetMm,
                eyeLineFromBottomMm, backgroundLuminance, backgroundDeviation, backgroundChroma, backgroundEdges,
                faceLuminance, faceClipped, faceContrast, sharpness, jpegBytes, jpegQuality);
    }
}
