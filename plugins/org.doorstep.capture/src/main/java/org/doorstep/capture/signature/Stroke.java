package org.doorstep.capture.signature;

import java.util.List;

/** One pen-down to pen-up movement. */
public record Stroke(List<InkPoint> points) {

    public Stroke {
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a stroke has at least one point");
        }
    }

    /** Length of the drawn path in pad pixels. */
    public double length() {
        double length = 0;
        for (int i = 1; i < points.size(); i++) {
            length += Math.hypot(points.get(i).x() - points.get(i - 1).x(), points.get(i).y() - points.get(i - 1).y());
        }
        return length;
    }
}
