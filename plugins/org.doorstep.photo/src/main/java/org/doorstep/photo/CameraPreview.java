package org.doorstep.photo;

import static org.bytedeco.opencv.global.opencv_videoio.CAP_ANY;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_FRAME_HEIGHT;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_FRAME_WIDTH;

import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.function.Consumer;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;
import org.doorstep.photo.internal.Mats;

/**
 * A camera kept open for a live preview: a thread of its own reads frames (OpenCV's video input, as
 * {@link CameraSource}) and hands each to the caller (the photo screen draws it under the head-position guide);
 * {@link #snapshot()} is the newest frame as a {@link PhotoSource}, which the photo checks then assess like any
 * other picture. Closing stops the thread and releases the camera, so its light goes out. Opening fails with
 * {@code camera.none} when the system has no such camera, and nothing keeps running then.
 *
 * <p>Only the path without a camera has been run (the build machines have none); see docs/ARCHITECTURE.md, "Photo".
 */
public final class CameraPreview implements AutoCloseable {

    /** Pause between frames handed to the screen: about 10 a second is smooth enough to frame a head. */
    private static final long FRAME_PAUSE_MILLIS = 100;

    private final int device;
    private final VideoCapture camera;
    private final Consumer<BufferedImage> frames;
    private final Thread reader;
    private volatile boolean running = true;
    private volatile BufferedImage newest;

    private CameraPreview(int device, VideoCapture camera, Consumer<BufferedImage> frames) {
        this.device = device;
        this.camera = camera;
        this.frames = frames;
        this.reader = new Thread(this::read, "doorstep-camera-preview-" + device);
        reader.setDaemon(true);
    }

    /**
     * Opens camera {@code device} at about {@code width}×{@code height} and starts handing frames to {@code frames}
     * (on the preview's own thread). Slow (loads OpenCV, wakes the camera): call it off the UI thread.
     *
     * @throws PhotoInputException {@code camera.none} when there is no such camera
     */
    public static CameraPreview open(int device, int width, int height, Consumer<BufferedImage> frames)
            throws PhotoInputException {
        Objects.requireNonNull(frames, "frames");
        if (device < 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("bad camera settings");
        }
        VideoCapture camera = new VideoCapture();
        try {
            if (!camera.open(device, CAP_ANY) || !camera.isOpened()) {
                throw new PhotoInputException(Reason.of("camera.none", device));
            }
            camera.set(CAP_PROP_FRAME_WIDTH, width);
            camera.set(CAP_PROP_FRAME_HEIGHT, height);
        } catch (PhotoInputException | RuntimeException e) {
            camera.release();
            camera.close();
            if (e instanceof PhotoInputException p) {
                throw p;
            }
            throw new PhotoInputException(Reason.of("camera.noPicture", device), e);
        }
        CameraPreview preview = new CameraPreview(device, camera, frames);
        preview.reader.start();
        return preview;
    }

    /** The first camera at 1920×1080, as {@link CameraSource#firstCamera()}. */
    public static CameraPreview firstCamera(Consumer<BufferedImage> frames) throws PhotoInputException {
        return open(0, 1920, 1080, frames);
    }

    private void read() {
        try (Mat frame = new Mat()) {
            while (running) {
                if (camera.read(frame) && !frame.empty() && frame.channels() == 3) {
                    BufferedImage image = Mats.toBgr(frame);
                    newest = image;
                    frames.accept(image);
                }
                Thread.sleep(FRAME_PAUSE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            running = false; // the camera went away: snapshot() says so
        } finally {
            camera.release();
            camera.close();
        }
    }

    /** Whether frames are still coming. */
    public boolean live() {
        return running && reader.isAlive();
    }

    /** The newest frame as a picture for the photo checks; {@code camera.noPicture} when none came yet. */
    public PhotoSource snapshot() {
        BufferedImage frame = newest;
        return () -> {
            if (frame == null) {
                throw new PhotoInputException(Reason.of("camera.noPicture", device));
            }
            return frame;
        };
    }

    @Override
    public void close() {
        running = false;
        reader.interrupt();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "camera preview " + device;
    }
}
