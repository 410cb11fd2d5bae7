package org.doorstep.capture.signature;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A handwritten signature as captured: the strokes in the pad's coordinates, who signed and when. The
 * strokes are kept (they carry timing and pressure, which a rendered image loses) and a PNG is rendered
 * from them for the packet and for printing ({@link SignatureRenderer}).
 *
 * @param canvasWidth  the pad's width in pixels
 * @param canvasHeight the pad's height in pixels
 */
public record Signature(SignerRole role, String signerName, int canvasWidth, int canvasHeight, List<Stroke> strokes,
        Instant signedAt) {

    public Signature {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(signerName, "signerName");
        Objects.requireNonNull(signedAt, "signedAt");
        strokes = List.copyOf(strokes);
    }

    public int pointCount() {
        return strokes.stream().mapToInt(s -> s.points().size()).sum();
    }

    public double inkLength() {
        return strokes.stream().mapToDouble(Stroke::length).sum();
    }
}
