package org.doorstep.photo;

import static org.bytedeco.opencv.global.opencv_videoio.CAP_ANY;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_FRAME_HEIGHT;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_FRAME_WIDTH;

import java.awt.image.BufferedImage;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;
import org.doorstep.photo.internal.Mats;

/**
 * A camera through OpenCV's video input (bytedeco's build: Video4Linux2 on Linux; Media Foundation and DirectShow on
 * Windows, compiled into {@code opencv_videoio}), opened for one picture and released at once so the camera's
 * light goes out and other programs can use it. Only the code path without a camera has been run (the build
 * machine has none); see docs/ARCHITECTURE.md, "Photo".
 */
public final class CameraSource implements PhotoSource {

    /** Frames read and thrown away first, while the camera's automatic exposure and white balance settle. */
    static final int WARM_UP_FRAMES = 10;

    private final int device;
    private final int width;
    private final int height;

    /**
     * @param device index of the camera (0: the first the system lists)
     * @param width  resolution asked for; the camera delivers the nearest it has
     * @param height resolution asked for
     */
    public CameraSource(int device, int width, int height) {
        if (device < 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("bad camera settings");
        }
        this.device = device;
        this.width = width;
        this.height = height;
    }

    /** The first camera, asked for 1920×1080 (head about 500 px at arm's length: ample for both documents). */
    public static CameraSource firstCamera() {
        return new CameraSource(0, 1920, 1080);
    }

    @Override
    public BufferedImage acquire() throws PhotoInputException {
        try (VideoCapture camera = new VideoCapture(); Mat frame = new Mat()) {
            try {
                if (!camera.open(device, CAP_ANY) || !camera.isOpened()) {
                    throw new PhotoInputException(Reason.of("camera.none", device));
                }
                camera.set(CAP_PROP_FRAME_WIDTH, width);
                camera.set(CAP_PROP_FRAME_HEIGHT, height);
                for (int i = 0; i < WARM_UP_FRAMES; i++) {
                    camera.read(frame);
                }
                if (!camera.read(frame) || frame.empty() || frame.channels() != 3) {
                    throw new PhotoInputException(Reason.of("camera.noPicture", device));
                }
                return Mats.toBgr(frame);
            } finally {
                camera.release();
            }
        } catch (RuntimeException e) {
            // OpenCV reports backend failures as exceptions: the officer needs the same advice
            throw new PhotoInputException(Reason.of("camera.noPicture", device), e);
        }
    }

    @Override
    public String toString() {
        return "camera " + device;
    }
}
