package org.doorstep.photo;

import java.util.Objects;

/**
 * What one kind of document asks of its photo. A data record so that the catalogue can supply specifications
 * later; {@link #EXIT_ENTRY} and {@link #ID_CARD} are the two in force today.
 *
 * <p>Lengths are millimetres on the finished photo. Pixels per millimetre are taken separately across
 * ({@code widthPx / widthMm}) and down ({@code heightPx / heightMm}): for exit-entry documents the published
 * 354×472 px and 33×48 mm do not have the same proportions (10.73 px/mm across, 9.83 px/mm down), so each rule
 * is applied as the same fraction of the photo's width or height that it is of the printed photo.
 *
 * @param id                  stable name, e.g. for the catalogue and the audit trail
 * @param widthPx             width of the finished photo in pixels
 * @param heightPx            height of the finished photo in pixels
 * @param widthMm             width of the printed photo
 * @param heightMm            height of the printed photo
 * @param headHeightMm        chin to crown
 * @param headWidthMm         width of the head (cheek to cheek, ears excluded)
 * @param crownMarginMm       from the top of the photo to the crown
 * @param eyeLineFromBottomMm from the eyes down to the bottom edge; {@link MmRange#ANY} when there is no rule
 * @param background          what the background must look like
 * @param minJpegBytes        smallest JPEG file accepted
 * @param maxJpegBytes        largest JPEG file accepted
 */
public record PhotoSpec(String id, int widthPx, int heightPx, double widthMm, double heightMm, MmRange headHeightMm,
        MmRange headWidthMm, MmRange crownMarginMm, MmRange eyeLineFromBottomMm, BackgroundRule background,
        int minJpegBytes, int maxJpegBytes) {

    /**
     * Exit-entry documents (passport, travel permits for Hong Kong and Macau and for Taiwan): 354×472 px for a
     * 33×48 mm photo, head 15–22 mm wide and 28–33 mm chin to crown, 3–5 mm above the crown, light plain
     * background. JPEG 20–80 KB, as the built-in catalogue (plugins/org.doorstep.domain) has it from the photo
     * guide; the office's upload rules decide, through HQ's catalogue.
     */
    public static final PhotoSpec EXIT_ENTRY = new PhotoSpec("exit-entry", 354, 472, 33, 48, new MmRange(28, 33),
            new MmRange(15, 22), new MmRange(3, 5), MmRange.ANY,
            new BackgroundRule(BackgroundRule.Kind.LIGHT, 170, 70), 20 * 1024, 80 * 1024);

    /**
     * Resident ID card: 358×441 px at 350 dpi (26×32 mm, 13.78 px/mm), white background, after GA 461-2004 as it
     * is commonly republished: face 207 ± 14 px wide (14.0–16.0 mm), 7–21 px from the top of the photo to the
     * crown (0.5–1.5 mm), eyes at least 207 px (15.0 mm) above the bottom edge, head about two thirds of the
     * photo's height. The head-height range 278–318 px (20.2–23.1 mm) is derived from the face-width rule with
     * this project's head model (head height ≈ 1.44 × face width), which puts the middle at 2/3 of the height.
     * JPEG 14–20 KB as republished with the standard (quality about 70). To be confirmed against the text of
     * GA 461 before release.
     */
    public static final PhotoSpec ID_CARD = new PhotoSpec("id-card", 358, 441, 26, 32, new MmRange(20.2, 23.1),
            new MmRange(14.0, 16.0), new MmRange(0.5, 1.5), new MmRange(15.0, Double.POSITIVE_INFINITY),
            new BackgroundRule(BackgroundRule.Kind.WHITE, 200, 30), 14 * 1024, 20 * 1024);

    public PhotoSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(headHeightMm, "headHeightMm");
        Objects.requireNonNull(headWidthMm, "headWidthMm");
        Objects.requireNonNull(crownMarginMm, "crownMarginMm");
        Objects.requireNonNull(eyeLineFromBottomMm, "eyeLineFromBottomMm");
        Objects.requireNonNull(background, "background");
        if (widthPx < 16 || heightPx < 16 || widthPx > 4096 || heightPx > 4096) {
            throw new IllegalArgumentException("photo size out of range: " + widthPx + "×" + heightPx);
        }
        if (!(widthMm > 0) || !(heightMm > 0)) {
            throw new IllegalArgumentException("printed size must be positive");
        }
        if (headHeightMm.isAny() || headHeightMm.max() + crownMarginMm.min() > heightMm) {
            throw new IllegalArgumentException("head height rule does not fit the photo");
        }
        if (minJpegBytes < 0 || maxJpegBytes < minJpegBytes) {
            throw new IllegalArgumentException("bad JPEG size range");
        }
    }

    /** Pixels per millimetre across the photo. */
    public double pxPerMmX() {
        return widthPx / widthMm;
    }

    /** Pixels per millimetre down the photo. */
    public double pxPerMmY() {
        return heightPx / heightMm;
    }
}
