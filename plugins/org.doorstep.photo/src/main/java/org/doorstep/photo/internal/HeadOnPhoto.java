package org.doorstep.photo.internal;

import java.util.Optional;

/** The head estimate carried onto the finished photo: everything in photo pixels. */
public record HeadOnPhoto(double crownY, double chinY, double centreX, double width, double eyeY, double faceX,
        double faceY, double faceWidth, double faceHeight, Optional<Double> rollDegrees) {

    public static HeadOnPhoto of(HeadEstimate head, CropPlan plan, int photoWidth, int photoHeight) {
        double sx = plan.scaleX(photoWidth);
        double sy = plan.scaleY(photoHeight);
        FaceBox f = head.face();
        return new HeadOnPhoto((head.crownY() - plan.y()) * sy, (head.chinY() - plan.y()) * sy,
                (head.centreX() - plan.x()) * sx, head.width() * sx, (head.eyeY() - plan.y()) * sy,
                (f.x() - plan.x()) * sx, (f.y() - plan.y()) * sy, f.width() * sx, f.height() * sy,
                head.eyes().map(EyePair::rollDegrees));
    }

    public double height() {
        return chinY - crownY;
    }
}
