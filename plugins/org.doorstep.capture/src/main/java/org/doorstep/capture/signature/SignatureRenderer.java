package org.doorstep.capture.signature;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * Renders a signature's strokes as a greyscale PNG, black ink on white: the ink's bounding box plus a margin,
 * scaled to fit the requested size without distortion, line width following pressure. Nothing is smoothed
 * or invented: every segment drawn is one the pad recorded. Same strokes, same size → same bytes.
 */
public final class SignatureRenderer {

    /** Default output: 600 × 200 px, about 51 × 17 mm at 300 dpi, the size of a signature box on a form. */
    public static final int WIDTH = 600;
    public static final int HEIGHT = 200;
    private static final double MARGIN = 0.06;

    private SignatureRenderer() {
    }

    public static byte[] png(Signature s) {
        return png(s, WIDTH, HEIGHT);
    }

    public static byte[] png(Signature s, int width, int height) {
        BufferedImage image = render(s, width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static BufferedImage render(Signature s, int width, int height) {
        if (!SignatureCheck.check(s).isEmpty()) {
            throw new IllegalArgumentException("a signature that does not pass its check is not rendered: "
                    + SignatureCheck.check(s));
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.BLACK);
            double[] b = SignatureCheck.bounds(s);
            double inkW = Math.max(b[2] - b[0], 1);
            double inkH = Math.max(b[3] - b[1], 1);
            double usableW = width * (1 - 2 * MARGIN);
            double usableH = height * (1 - 2 * MARGIN);
            double scale = Math.min(usableW / inkW, usableH / inkH);
            double offX = (width - inkW * scale) / 2 - b[0] * scale;
            double offY = (height - inkH * scale) / 2 - b[1] * scale;
            double baseWidth = Math.max(1.5, height / 70.0);
            for (Stroke stroke : s.strokes()) {
                InkPoint prev = stroke.points().get(0);
                if (stroke.points().size() == 1) {
                    double r = baseWidth * (0.5 + prev.pressure());
                    g.fill(new java.awt.geom.Ellipse2D.Double(prev.x() * scale + offX - r / 2, prev.y() * scale + offY - r / 2, r, r));
                    continue;
                }
                for (InkPoint p : stroke.points().subList(1, stroke.points().size())) {
                    float w = (float) (baseWidth * (0.5 + (prev.pressure() + p.pressure()) / 2));
                    g.setStroke(new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    g.draw(new Line2D.Double(prev.x() * scale + offX, prev.y() * scale + offY, p.x() * scale + offX,
                            p.y() * scale + offY));
                    prev = p;
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}
