package org.doorstep.ui.internal.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.doorstep.capture.signature.InkPoint;
import org.doorstep.capture.signature.Signature;
import org.doorstep.capture.signature.SignerRole;
import org.doorstep.capture.signature.Stroke;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

/**
 * A pad to sign on with a mouse, a pen or a finger (touch arrives as mouse events): strokes with the time of every
 * point, drawn as they are made. The pad only collects ink; {@code SignatureCheck} judges it when it is saved.
 */
final class SignaturePad {

    static final int WIDTH = 600;
    static final int HEIGHT = 200;

    private final Canvas canvas;
    private final List<Stroke> strokes = new ArrayList<>();
    private List<InkPoint> current;
    private long start = -1;

    SignaturePad(Composite parent) {
        canvas = new Canvas(parent, SWT.BORDER | SWT.DOUBLE_BUFFERED);
        canvas.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        GridDataFactory.swtDefaults().hint(WIDTH, HEIGHT).applyTo(canvas);
        canvas.addListener(SWT.MouseDown, e -> {
            current = new ArrayList<>();
            add(e);
        });
        canvas.addListener(SWT.MouseMove, e -> {
            if (current != null) {
                add(e);
                canvas.redraw();
            }
        });
        canvas.addListener(SWT.MouseUp, e -> {
            if (current != null) {
                add(e);
                if (current.size() > 1) {
                    strokes.add(new Stroke(current));
                }
                current = null;
                canvas.redraw();
            }
        });
        canvas.addPaintListener(e -> {
            e.gc.setLineWidth(3);
            e.gc.setAntialias(SWT.ON);
            for (Stroke s : strokes) {
                draw(e.gc, s.points());
            }
            if (current != null) {
                draw(e.gc, current);
            }
        });
    }

    Canvas control() {
        return canvas;
    }

    void clear() {
        strokes.clear();
        current = null;
        start = -1;
        canvas.redraw();
    }

    Signature signature(SignerRole role, String signer) {
        return new Signature(role, signer, WIDTH, HEIGHT, strokes, Instant.now());
    }

    private void add(Event e) {
        long t = Integer.toUnsignedLong(e.time);
        if (start < 0) {
            start = t;
        }
        double x = Math.max(0, Math.min(WIDTH, e.x));
        double y = Math.max(0, Math.min(HEIGHT, e.y));
        current.add(new InkPoint(x, y, Math.max(0, t - start), 0.5));
    }

    private static void draw(org.eclipse.swt.graphics.GC gc, List<InkPoint> points) {
        for (int i = 1; i < points.size(); i++) {
            InkPoint a = points.get(i - 1);
            InkPoint b = points.get(i);
            gc.drawLine((int) a.x(), (int) a.y(), (int) b.x(), (int) b.y());
        }
    }
}
