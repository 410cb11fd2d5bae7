package org.doorstep.photo;

/**
 * What the checks measured on one attempt, for the record and for tuning; {@code NaN} (or 0 for counts) where a
 * value could not be measured (e.g. no single face). Lengths are millimetres on the finished photo.
 *
 * @param faces               faces found
 * @param sourceWidth         source picture in pixels
 * @param sourceHeight        source picture in pixels
 * @param cropX               left edge of the part of the source that became the photo (pixels)
 * @param cropY               top edge of that part
 * @param cropWidth           its width (0 when no photo was made)
 * @param cropHeight          its height
 * @param headPixels          chin to crown in the source picture
 * @param upscale             photo pixels per source pixel (above 1: enlarged)
 * @param rollDegrees         tilt of the eye line
 * @param eyeOffset           eyes' midpoint from the face's centre, as a share of the face width
 * @param headHeightMm        chin to crown
 * @param headWidthMm         cheek to cheek
 * @param crownMarginMm       top edge to crown (negative: crown cut off)
 * @param centreOffsetMm      head's centre line from the photo's (negative: left)
 * @param eyeLineFromBottomMm eyes to bottom edge
 * @param backgroundLuminance mean brightness of the background, 0–255
 * @param backgroundDeviation standard deviation of the background's brightness
 * @param backgroundChroma    mean colourfulness of the background, 0–255
 * @param backgroundEdges     share of background pixels on an edge
 * @param faceLuminance       mean brightness of the face, 0–255
 * @param faceClipped         share of the face's pixels pure black or pure white
 * @param faceContrast        spread of the face's brightness between the 5th and 95th percentile
 * @param sharpness           variance of the Laplacian of the face
 * @param jpegBytes           size of the JPEG file
 * @param jpegQuality         encoder quality the file was made with (0–1)
 */
public record Measurements(int faces, int sourceWidth, int sourceHeight, int cropX, int cropY, int cropWidth,
        int cropHeight, double headPixels, double upscale,
        double rollDegrees, double eyeOffset, double headHeightMm, double headWidthMm, double crownMarginMm,
        double centreOffsetMm, double eyeLineFromBottomMm, double backgroundLuminance, double backgroundDeviation,
        double backgroundChroma, double backgroundEdges, double faceLuminance, double faceClipped,
        double faceContrast, double sharpness, int jpegBytes, double jpegQuality) {
}
