package org.doorstep.photo;

/**
 * What a document asks of the background behind the head, as limits on the finished photo's pixels.
 *
 * @param kind          what the rule says in words (shown to the officer)
 * @param minLuminance  lowest mean brightness (Rec. 601 luma, 0–255) of the background
 * @param maxChroma     highest mean colourfulness, max(R,G,B) − min(R,G,B) (0–255); small for white
 */
public record BackgroundRule(Kind kind, int minLuminance, int maxChroma) {

    public enum Kind {
        /** Light and plain (exit-entry documents: white or a light colour). */
        LIGHT,
        /** White (resident ID card). */
        WHITE
    }

    public BackgroundRule {
        if (kind == null || minLuminance < 0 || minLuminance > 255 || maxChroma < 0 || maxChroma > 255) {
            throw new IllegalArgumentException("bad background rule");
        }
    }
}
