package org.doorstep.fingerprint.internal;

import java.util.Map;

/**
 * Writes "SIMULATED" into the pixels of a simulated image, in two corners, in a 5 × 7 pixel font drawn twice
 * the size: whoever looks at the image, wherever it ends up, sees that it is not a finger. The corners are
 * glass, outside the synthetic finger, so the mark does not disturb its ridges.
 */
public final class SimulatedMark {

    public static final String TEXT = "SIMULATED";
    private static final int SCALE = 2;
    private static final Map<Character, String[]> GLYPHS = Map.of(
            'S', new String[] { ".###.", "#...#", "#....", ".###.", "....#", "#...#", ".###." },
            'I', new String[] { ".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###." },
            'M', new String[] { "#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#" },
            'U', new String[] { "#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###." },
            'L', new String[] { "#....", "#....", "#....", "#....", "#....", "#....", "#####" },
            'A', new String[] { ".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#" },
            'T', new String[] { "#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.." },
            'E', new String[] { "#####", "#....", "#....", "####.", "#....", "#....", "#####" },
            'D', new String[] { "####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####." });

    private SimulatedMark() {
    }

    /** Width of the mark in pixels. */
    public static int width() {
        return (TEXT.length() * 6 - 1) * SCALE;
    }

    public static int height() {
        return 7 * SCALE;
    }

    /** Draws the mark at the top left and the bottom right of a {@code width}-pixel-wide grey image. */
    public static void draw(byte[] pixels, int width, int height) {
        draw(pixels, width, 4, 4);
        draw(pixels, width, width - width() - 4, height - height() - 4);
    }

    private static void draw(byte[] pixels, int width, int left, int top) {
        for (int c = 0; c < TEXT.length(); c++) {
            String[] glyph = GLYPHS.get(TEXT.charAt(c));
            for (int gy = 0; gy < 7; gy++) {
                for (int gx = 0; gx < 5; gx++) {
                    if (glyph[gy].charAt(gx) != '#') {
                        continue;
                    }
                    for (int sy = 0; sy < SCALE; sy++) {
                        for (int sx = 0; sx < SCALE; sx++) {
                            int x = left + (c * 6 + gx) * SCALE + sx;
                            int y = top + gy * SCALE + sy;
                            pixels[y * width + x] = 24;
                        }
                    }
                }
            }
        }
    }
}
