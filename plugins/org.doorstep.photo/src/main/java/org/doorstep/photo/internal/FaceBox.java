package org.doorstep.photo.internal;

/** A face found by the detector, in pixels of the source picture (the Haar box runs from the brows to the mouth). */
public record FaceBox(double x, double y, double width, double height) {

    public double centreX() {
        return x + width / 2;
    }
}
