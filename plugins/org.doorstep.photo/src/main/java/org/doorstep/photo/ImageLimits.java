package org.doorstep.photo;

/**
 * The largest source picture accepted, checked from the file's header before any pixel is decoded so that a
 * huge or hostile file is refused instead of exhausting memory.
 *
 * @param maxBytes  largest file
 * @param maxSide   longest side in pixels
 * @param maxPixels width × height
 */
public record ImageLimits(long maxBytes, int maxSide, long maxPixels) {

    /**
     * 40 MB, 12,000 px a side, 50 megapixels: above every phone and tablet camera in use (a 50 MP picture decodes
     * to 150 MB, which the checks can still afford with a 1 GB heap), far below what would exhaust memory.
     */
    public static final ImageLimits DEFAULT = new ImageLimits(40L * 1024 * 1024, 12_000, 50_000_000L);

    public ImageLimits {
        if (maxBytes <= 0 || maxSide <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
