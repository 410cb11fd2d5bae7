package org.doorstep.photo.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * Loads OpenCV's Haar cascades from this bundle's own resources. The build copies them out of the
 * {@code org.bytedeco:opencv:linux-x86_64} jar (the only bytedeco jar that ships them; the XML is the same on
 * every platform), so this jar works with the natives of any platform, Windows included.
 */
public final class Cascades {

    /** Frontal faces; with the parameters of {@link FaceDetector} it counted faces right on every test picture. */
    public static final String FRONTAL_FACE = "haarcascade_frontalface_alt2.xml";
    /** Eyes, open, with or without glasses. */
    public static final String EYES_WITH_GLASSES = "haarcascade_eye_tree_eyeglasses.xml";
    /** Eyes; a second opinion when the first finds no pair. */
    public static final String EYES = "haarcascade_eye.xml";

    private static final String FOLDER = "/org/doorstep/photo/internal/cascades/";

    private Cascades() {
    }

    public static CascadeClassifier load(String name) {
        // CascadeClassifier reads a file by name: copy the resource out, load it, and delete the copy at once
        Path copy = null;
        try (InputStream in = Cascades.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("cascade " + name + " is missing from the bundle (build problem)");
            }
            copy = Files.createTempFile("doorstep-cascade-", ".xml");
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            CascadeClassifier classifier = new CascadeClassifier(copy.toString());
            if (classifier.empty()) {
                classifier.close();
                throw new IllegalStateException("OpenCV could not load cascade " + name);
            }
            return classifier;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy cascade " + name + " to a temporary file", e);
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException e) {
                    copy.toFile().deleteOnExit();
                }
            }
        }
    }
}
