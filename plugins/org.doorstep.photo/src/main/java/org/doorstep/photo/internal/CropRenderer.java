package org.doorstep.photo.internal;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.awt.image.BufferedImage;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.doorstep.photo.PhotoSpec;

/**
 * Cuts the crop out and scales it to the document's size, and nothing else: no smoothing, sharpening, colour or
 * brightness change. Shrinking averages the source pixels each photo pixel covers (OpenCV's area interpolation,
 * free of the aliasing of bilinear shrinking); the rare small enlargement is bicubic.
 */
public final class CropRenderer {

    private CropRenderer() {
    }

    public static BufferedImage render(BufferedImage source, CropPlan plan, PhotoSpec spec) {
        try (Mat crop = Mats.fromBgr(source, plan.x(), plan.y(), plan.width(), plan.height()); Mat photo = new Mat();
                Size size = new Size(spec.widthPx(), spec.heightPx())) {
            resize(crop, photo, size, 0, 0, plan.upscale() > 1 ? INTER_CUBIC : INTER_AREA);
            return Mats.toBgr(photo);
        }
    }
}
