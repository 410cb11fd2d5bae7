package org.doorstep.fingerprint.iso;

import java.util.Arrays;
import java.util.Objects;

import org.doorstep.fingerprint.FingerImage;
import org.doorstep.fingerprint.FingerPosition;

/**
 * One finger image in a record: its header fields, the image data exactly as stored ({@code data}, encoded
 * by the record's compression) and the decoded image.
 *
 * @param quality 0–100 as written by the capturing system (Doorstep writes its own score, see
 *                {@code QualityAssessor}); 254 and 255 are read as they are
 */
public record FingerView(FingerPosition position, int viewCount, int viewNumber, int quality, ImpressionType impression,
        FingerImage image, byte[] data) {

    public FingerView {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(impression, "impression");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(data, "data");
        if (viewCount < 1 || viewCount > 255 || viewNumber < 1 || viewNumber > viewCount) {
            throw new IllegalArgumentException("view " + viewNumber + " of " + viewCount);
        }
        if (quality < 0 || quality > 255) {
            throw new IllegalArgumentException("quality " + quality);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FingerView v && v.position == position && v.viewCount == viewCount && v.viewNumber == viewNumber
                && v.quality == quality && v.impression == impression && v.image.equals(image) && Arrays.equals(v.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(position, viewCount, viewNumber, quality, impression, image) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FingerView[" + position + ", view " + viewNumber + "/" + viewCount + ", quality " + quality + ", " + impression
                + ", " + image + ", " + data.length + " bytes]";
    }
}
