package org.doorstep.photo.internal;

/** The centres of the two eyes as they appear in the picture (left = smaller x), in source pixels. */
public record EyePair(double leftX, double leftY, double rightX, double rightY) {

    /** Tilt of the eye line in degrees, positive when the right-hand eye (in the picture) is lower. */
    public double rollDegrees() {
        return Math.toDegrees(Math.atan2(rightY - leftY, rightX - leftX));
    }

    public double midX() {
        return (leftX + rightX) / 2;
    }

    public double midY() {
        return (leftY + rightY) / 2;
    }
}
