package org.doorstep.photo.internal;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Copies between Java images and OpenCV matrices (both 8-bit BGR, row after row). */
public final class Mats {

    private Mats() {
    }

    /** A new matrix holding a copy of {@code image}, which must be {@link BufferedImage#TYPE_3BYTE_BGR}. */
    public static Mat fromBgr(BufferedImage image) {
        return fromBgr(image, 0, 0, image.getWidth(), image.getHeight());
    }

    /** A new matrix holding a copy of one rectangle of {@code image} (8-bit BGR). */
    public static Mat fromBgr(BufferedImage image, int x, int y, int width, int height) {
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR || image.getRaster().getParent() != null) {
            throw new IllegalArgumentException("expected a whole 8-bit BGR image, got type " + image.getType());
        }
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > image.getWidth()
                || y + height > image.getHeight()) {
            throw new IllegalArgumentException("rectangle outside the image");
        }
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        Mat mat = new Mat(height, width, CV_8UC3);
        BytePointer data = mat.data();
        int sourceRow = image.getWidth() * 3;
        int row = width * 3;
        if (x == 0 && width == image.getWidth()) {
            data.put(pixels, y * sourceRow, height * row);
        } else {
            for (int r = 0; r < height; r++) {
                data.position((long) r * row).put(pixels, (y + r) * sourceRow + x * 3, row);
            }
        }
        return mat;
    }

    /** A new 8-bit BGR image holding a copy of a 3-channel or 1-channel 8-bit matrix. */
    public static BufferedImage toBgr(Mat mat) {
        int channels;
        if (mat.type() == CV_8UC3) {
            channels = 3;
        } else if (mat.type() == CV_8UC1) {
            channels = 1;
        } else {
            throw new IllegalArgumentException("unsupported matrix type " + mat.type());
        }
        Mat dense = mat.isContinuous() ? mat : mat.clone();
        try {
            byte[] pixels = new byte[mat.cols() * mat.rows() * channels];
            dense.data().get(pixels);
            if (channels == 3) {
                BufferedImage image = new BufferedImage(mat.cols(), mat.rows(), BufferedImage.TYPE_3BYTE_BGR);
                System.arraycopy(pixels, 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData(), 0,
                        pixels.length);
                return image;
            }
            BufferedImage grey = new BufferedImage(mat.cols(), mat.rows(), BufferedImage.TYPE_BYTE_GRAY);
            System.arraycopy(pixels, 0, ((DataBufferByte) grey.getRaster().getDataBuffer()).getData(), 0,
                    pixels.length);
            return SafeImageReader.toBgr(grey);
        } finally {
            if (dense != mat) {
                dense.close();
            }
        }
    }
}
