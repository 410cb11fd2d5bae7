package org.doorstep.photo.internal;

import java.util.Optional;

/**
 * Where the head is, estimated from the face box. The Haar box covers brows to mouth; measured on obama.jpg
 * (box 276 px) the crown lies 0.25 box heights above the box, the chin 0.19 below it (head height 1.44 boxes),
 * the cheek-to-cheek width is 0.97 box widths (1.10 with the ears) and the eyes are 0.41 box heights below its top.
 * Head width is taken as one box width. All values in source pixels.
 *
 * @param crownY  top of the head (hair included)
 * @param chinY   bottom of the chin
 * @param centreX the head's vertical centre line
 * @param width   cheek to cheek
 * @param eyeY    height of the eyes
 * @param face    the box this estimate came from
 * @param eyes    the eyes, when found
 */
public record HeadEstimate(double crownY, double chinY, double centreX, double width, double eyeY, FaceBox face,
        Optional<EyePair> eyes) {

    static final double CROWN_ABOVE_BOX = 0.25;
    static final double CHIN_BELOW_BOX = 0.19;
    static final double EYES_BELOW_BOX_TOP = 0.41;

    public static HeadEstimate of(FaceBox face, Optional<EyePair> eyes) {
        double crown = face.y() - CROWN_ABOVE_BOX * face.height();
        double chin = face.y() + face.height() + CHIN_BELOW_BOX * face.height();
        double eyeY = eyes.map(EyePair::midY).orElse(face.y() + EYES_BELOW_BOX_TOP * face.height());
        return new HeadEstimate(crown, chin, face.centreX(), face.width(), eyeY, face, eyes);
    }

    public double height() {
        return chinY - crownY;
    }
}
