package org.doorstep.domain.catalogue;

import java.util.List;
import java.util.Optional;

/**
 * What a document family's photo must be, for the capture checks and for the officer's guidance.
 * Geometry is in millimetres of the printed photo; at the family's resolution the capture turns it into
 * pixels. Optional measures are absent where the family's standard does not state them.
 *
 * @param widthPx         accepted image widths in pixels
 * @param heightPx        accepted image heights in pixels
 * @param widthMm         printed width
 * @param heightMm        printed height
 * @param dpi             the fixed resolution, where the standard fixes one (ID card: 350)
 * @param headWidthMm     width of the head (face, ear to ear)
 * @param chinToCrownMm   height of the head, chin to crown
 * @param crownToTopMm    space above the crown
 * @param chinToBottomMinMm least space below the chin
 * @param eyesToBottomMinMm least distance from the eyes to the lower edge
 * @param backgrounds     accepted backgrounds, plain and uniform
 * @param jpegKb          accepted JPEG file sizes in KiB
 * @param attempts        photos taken at most; the best is kept, none is retouched
 */
public record PhotoSpec(Range widthPx, Range heightPx, double widthMm, double heightMm, Optional<Integer> dpi,
        Range headWidthMm, Optional<Range> chinToCrownMm, Optional<Range> crownToTopMm,
        Optional<Double> chinToBottomMinMm, Optional<Double> eyesToBottomMinMm, List<Background> backgrounds,
        Range jpegKb, int attempts) {

    public PhotoSpec {
        backgrounds = List.copyOf(backgrounds);
    }
}
