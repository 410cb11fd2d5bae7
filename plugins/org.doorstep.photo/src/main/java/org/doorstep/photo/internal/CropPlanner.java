package org.doorstep.photo.internal;

import org.doorstep.photo.PhotoSpec;

/**
 * Chooses the crop: scaled so that chin to crown is the middle of the document's range, placed so that the space
 * above the crown is the middle of its range (pushed down if the document also sets a minimum distance from the
 * eyes to the bottom edge, which GA 461 puts first), centred on the head.
 */
public final class CropPlanner {

    private CropPlanner() {
    }

    public static CropPlan plan(HeadEstimate head, int imageWidth, int imageHeight, PhotoSpec spec) {
        double headPx = spec.headHeightMm().mid() * spec.pxPerMmY();
        double scale = headPx / head.height(); // photo px per source px
        double cropW = spec.widthPx() / scale;
        double cropH = spec.heightPx() / scale;
        double fit = Math.min(1, Math.min(imageWidth / cropW, imageHeight / cropH));
        if (fit < 1) {
            // the source is smaller than the crop the head needs: take the largest crop it holds (the head will be
            // too large, which the head-size check reports) rather than pad the photo
            cropW *= fit;
            cropH *= fit;
            scale /= fit;
        }
        double top = head.crownY() - spec.crownMarginMm().mid() * spec.pxPerMmY() / scale;
        if (!spec.eyeLineFromBottomMm().isAny()) {
            double eyeToBottom = spec.eyeLineFromBottomMm().min() * spec.pxPerMmY() / scale;
            top = Math.max(top, head.eyeY() + eyeToBottom - cropH);
        }
        double left = head.centreX() - cropW / 2;

        double missingAbove = Math.max(0, -top);
        double missingBelow = Math.max(0, top + cropH - imageHeight);
        double missingLeft = Math.max(0, -left);
        double missingRight = Math.max(0, left + cropW - imageWidth);

        int w = Math.min(imageWidth, (int) Math.round(cropW));
        int h = Math.min(imageHeight, (int) Math.round(cropH));
        int x = (int) Math.round(Math.max(0, Math.min(left, imageWidth - w)));
        int y = (int) Math.round(Math.max(0, Math.min(top, imageHeight - h)));
        return new CropPlan(x, y, w, h, missingAbove, missingBelow, missingLeft, missingRight,
                (double) spec.heightPx() / h);
    }
}
