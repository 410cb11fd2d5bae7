package org.doorstep.vault;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An item to store in a case.
 *
 * @param slot      where in the case it belongs, unique per case: {@code form}, {@code photo},
 *                  {@code finger.r1}, {@code scan.hukou} … (lower-case letters, digits, '.', '_', '-'; ≤ 64)
 * @param mediaType e.g. {@code application/json}, {@code image/jpeg}, {@code image/x-wsq}
 */
public record NewItem(ItemKind kind, String slot, String mediaType, byte[] content) {

    /** Largest item accepted: a multi-page scan at 300 dpi stays far below this. */
    public static final int MAX_BYTES = 64 * 1024 * 1024;

    private static final Pattern SLOT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z]+/[a-z0-9.+-]{1,50}");

    public NewItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(content, "content");
        if (slot == null || !SLOT.matcher(slot).matches()) {
            throw new IllegalArgumentException("item slot must be 1-64 lower-case letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit: '" + slot + "'");
        }
        if (mediaType == null || !MEDIA_TYPE.matcher(mediaType).matches()) {
            throw new IllegalArgumentException("item media type must look like 'image/jpeg': '" + mediaType + "'");
        }
        if (content.length == 0) {
            throw new IllegalArgumentException("item '" + slot + "' is empty");
        }
        if (content.length > MAX_BYTES) {
            throw new IllegalArgumentException("item '" + slot + "' has " + content.length + " bytes, more than the "
                    + MAX_BYTES / (1024 * 1024) + " MiB allowed");
        }
    }
}
