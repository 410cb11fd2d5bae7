package org.doorstep.photo;

import java.awt.image.BufferedImage;
import java.util.Objects;

import org.doorstep.photo.internal.Assessor;
import org.doorstep.photo.internal.SafeImageReader;

/**
 * Checks a picture against a document's specification and makes the finished photo: exactly one frontal face
 * (OpenCV Haar cascades), head size and position, background, exposure, sharpness, resolution, and the JPEG's size.
 * Holds native face-detection models: create one, share it (calls are serialised), and close it.
 */
public final class PhotoChecker implements AutoCloseable {

    private final PhotoCheckOptions options;
    private final Assessor assessor;

    public PhotoChecker() {
        this(PhotoCheckOptions.DEFAULT);
    }

    public PhotoChecker(PhotoCheckOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.assessor = new Assessor(options);
    }

    public PhotoCheckOptions options() {
        return options;
    }

    /** Checks a picture already decoded (e.g. a camera frame). */
    public Assessment assess(BufferedImage picture, PhotoSpec spec) {
        return assessor.assess(Objects.requireNonNull(picture, "picture"), Objects.requireNonNull(spec, "spec"));
    }

    /** Decodes a JPEG or PNG file's content with {@link PhotoCheckOptions#limits()} and checks it. */
    public Assessment assess(byte[] file, PhotoSpec spec) throws PhotoInputException {
        return assess(SafeImageReader.read(file, options.limits()), spec);
    }

    /** Takes a picture from {@code source} and checks it. */
    public Assessment assess(PhotoSource source, PhotoSpec spec) throws PhotoInputException {
        return assess(source.acquire(), spec);
    }

    @Override
    public void close() {
        assessor.close();
    }
}
