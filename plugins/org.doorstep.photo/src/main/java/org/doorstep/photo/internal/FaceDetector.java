package org.doorstep.photo.internal;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.createCLAHE;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_imgproc.CLAHE;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * Finds frontal faces with OpenCV's {@code haarcascade_frontalface_alt2} (scale step 1.1, 5 neighbours, smallest
 * face 8 % of the shorter side: the settings that counted faces right on every test picture, where
 * {@code frontalface_default} saw faces in hands and curtains and the LBP cascade missed faces), and confirms a face
 * as frontal by finding both eyes inside its box. Not thread-safe: one per thread, or guard it.
 *
 * <p>Contrast is evened out with CLAHE (local, clip-limited histogram equalisation), not with a global
 * {@code equalizeHist}: on a head in front of a large plain wall of brightness 190–200, the global equalisation
 * spent most of the grey levels on the wall and the cascade found no face at all; CLAHE found it on walls of every
 * brightness from 120 to 250 and gave the same counts on the test pictures.
 */
public final class FaceDetector implements AutoCloseable {

    private static final double SCALE_STEP = 1.1;
    private static final int MIN_NEIGHBOURS = 5;
    private static final double MIN_FACE_SHARE = 0.08;
    /** Eye search: faces smaller than this (px) are enlarged first; the eye cascade is trained on 20×20 eyes. */
    private static final int EYE_SEARCH_WIDTH = 240;

    private final CascadeClassifier faces = Cascades.load(Cascades.FRONTAL_FACE);
    private final CascadeClassifier eyesWithGlasses = Cascades.load(Cascades.EYES_WITH_GLASSES);
    private final CascadeClassifier eyes = Cascades.load(Cascades.EYES);
    private final CLAHE clahe = createCLAHE(2.0, new Size(8, 8));
    private final int detectionShortSide;

    /** @param detectionShortSide larger pictures are scaled down to this shorter side for detection */
    public FaceDetector(int detectionShortSide) {
        this.detectionShortSide = detectionShortSide;
    }

    /** A picture prepared for detection; holds native memory until closed. */
    public final class Scan implements AutoCloseable {
        private final Mat grey; // scaled, as it was
        private final Mat levelled; // the same, contrast evened out for the face cascade
        private final double scale; // working pixels per source pixel

        private Scan(Mat grey, Mat levelled, double scale) {
            this.grey = grey;
            this.levelled = levelled;
            this.scale = scale;
        }

        /** Every face, largest first, in source pixels. */
        public List<FaceBox> faces() {
            int minSide = (int) Math.round(Math.min(grey.cols(), grey.rows()) * MIN_FACE_SHARE);
            List<FaceBox> found = new ArrayList<>();
            try (RectVector rects = new RectVector(); Size min = new Size(minSide, minSide); Size max = new Size()) {
                faces.detectMultiScale(levelled, rects, SCALE_STEP, MIN_NEIGHBOURS, 0, min, max);
                for (long i = 0; i < rects.size(); i++) {
                    Rect r = rects.get(i);
                    found.add(new FaceBox(r.x() / scale, r.y() / scale, r.width() / scale, r.height() / scale));
                }
            }
            found.sort((a, b) -> Double.compare(b.width(), a.width()));
            return found;
        }

        /**
         * Both eyes of {@code face}, if the eye cascades find a plausible pair in the upper part of its box. Tried on
         * the picture as it is first (best on the test pictures), then on the levelled one (helps in poor light);
         * equalising the face area alone lost the eyes on both test portraits.
         */
        public Optional<EyePair> eyes(FaceBox face) {
            int x = clamp((int) Math.round(face.x() * scale), grey.cols() - 1);
            int y = clamp((int) Math.round(face.y() * scale), grey.rows() - 1);
            int w = Math.min((int) Math.round(face.width() * scale), grey.cols() - x);
            int h = Math.min((int) Math.round(face.height() * scale * 0.6), grey.rows() - y);
            if (w < 8 || h < 8) {
                return Optional.empty();
            }
            double enlarge = Math.max(1, (double) EYE_SEARCH_WIDTH / w);
            double boxWidth = w * enlarge;
            try (Rect area = new Rect(x, y, w, h)) {
                for (Mat picture : List.of(grey, levelled)) {
                    try (Mat upper = new Mat(picture, area); Mat search = new Mat()) {
                        if (enlarge > 1) {
                            try (Size size = new Size((int) Math.round(w * enlarge), (int) Math.round(h * enlarge))) {
                                resize(upper, search, size, 0, 0, INTER_LINEAR);
                            }
                        } else {
                            upper.copyTo(search);
                        }
                        for (CascadeClassifier cascade : List.of(eyesWithGlasses, eyes)) {
                            Optional<double[]> pair = bestPair(candidates(cascade, search, boxWidth), boxWidth);
                            if (pair.isPresent()) {
                                double[] p = pair.get();
                                double toSource = 1 / (enlarge * scale);
                                return Optional.of(new EyePair(x / scale + p[0] * toSource,
                                        y / scale + p[1] * toSource, x / scale + p[2] * toSource,
                                        y / scale + p[3] * toSource));
                            }
                        }
                    }
                }
            }
            return Optional.empty();
        }

        @Override
        public void close() {
            grey.close();
            levelled.close();
        }
    }

    /** Prepares {@code bgr} (8-bit BGR) for detection: grey, scaled down when large, contrast evened out. */
    public Scan scan(BufferedImage bgr) {
        try (Mat colour = Mats.fromBgr(bgr); Mat full = new Mat()) {
            cvtColor(colour, full, COLOR_BGR2GRAY);
            int shortSide = Math.min(full.cols(), full.rows());
            double scale = shortSide > detectionShortSide ? (double) detectionShortSide / shortSide : 1;
            Mat grey = new Mat();
            if (scale < 1) {
                try (Size size = new Size((int) Math.round(full.cols() * scale), (int) Math.round(full.rows() * scale))) {
                    resize(full, grey, size, 0, 0, INTER_AREA);
                }
            } else {
                full.copyTo(grey);
            }
            Mat levelled = new Mat();
            clahe.apply(grey, levelled);
            return new Scan(grey, levelled, scale);
        }
    }

    /** Eye centres found by {@code cascade}, as {x, y} in the search area's pixels. */
    private static List<double[]> candidates(CascadeClassifier cascade, Mat search, double boxWidth) {
        List<double[]> centres = new ArrayList<>();
        int min = Math.max(8, (int) Math.round(boxWidth / 10));
        int max = (int) Math.round(boxWidth / 3);
        try (RectVector rects = new RectVector(); Size minSize = new Size(min, min);
                Size maxSize = new Size(max, max)) {
            cascade.detectMultiScale(search, rects, SCALE_STEP, 3, 0, minSize, maxSize);
            for (long i = 0; i < rects.size(); i++) {
                Rect r = rects.get(i);
                centres.add(new double[] { r.x() + r.width() / 2.0, r.y() + r.height() / 2.0 });
            }
        }
        return centres;
    }

    /**
     * The pair that looks most like two eyes: one in each half of the box, 25–65 % of the box width apart, in the
     * band where eyes sit (15–60 % of the box width below its top), eye line within 25° of level; among those the
     * most level and most centred pair. A nostril or eyebrow found as an "eye" rarely passes all of these.
     */
    private static Optional<double[]> bestPair(List<double[]> centres, double boxWidth) {
        double[] best = null;
        double bestCost = Double.MAX_VALUE;
        for (double[] a : centres) {
            for (double[] b : centres) {
                if (a[0] >= boxWidth / 2 || b[0] < boxWidth / 2) {
                    continue;
                }
                double dx = b[0] - a[0];
                double dy = b[1] - a[1];
                boolean plausible = dx >= 0.25 * boxWidth && dx <= 0.65 * boxWidth
                        && Math.abs(dy) <= Math.tan(Math.toRadians(25)) * dx
                        && inEyeBand(a[1], boxWidth) && inEyeBand(b[1], boxWidth);
                if (!plausible) {
                    continue;
                }
                double cost = Math.abs(dy) / dx + Math.abs((a[0] + b[0]) / 2 - boxWidth / 2) / boxWidth;
                if (cost < bestCost) {
                    bestCost = cost;
                    best = new double[] { a[0], a[1], b[0], b[1] };
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean inEyeBand(double y, double boxWidth) {
        return y >= 0.15 * boxWidth && y <= 0.6 * boxWidth;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(v, max));
    }

    @Override
    public void close() {
        faces.close();
        clahe.close();
        eyesWithGlasses.close();
        eyes.close();
    }
}
