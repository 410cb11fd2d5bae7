package org.doorstep.photo.internal;

/**
 * The part of the source picture that becomes the photo, and what the source lacked. The crop is never padded
 * or stretched: where the source ends before the ideal crop would, the crop is moved (or, if the source is too
 * small altogether, made smaller, which makes the head larger) and the shortfall is kept so the checks can say so.
 *
 * @param x                crop's left edge in source pixels
 * @param y                crop's top edge
 * @param width            crop's width
 * @param height           crop's height
 * @param missingAbove     source pixels the ideal crop needed above the picture's top edge (0 when it fitted)
 * @param missingBelow     … below the bottom edge
 * @param missingLeft      … left of the left edge
 * @param missingRight     … right of the right edge
 * @param upscale          photo pixels per source pixel (above 1: the source is enlarged)
 */
public record CropPlan(int x, int y, int width, int height, double missingAbove, double missingBelow,
        double missingLeft, double missingRight, double upscale) {

    /** Photo pixels per source pixel across (equal to {@link #scaleY} within rounding). */
    public double scaleX(int photoWidth) {
        return (double) photoWidth / width;
    }

    public double scaleY(int photoHeight) {
        return (double) photoHeight / height;
    }
}
