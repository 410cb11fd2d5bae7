package org.doorstep.cli;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.doorstep.vault.ItemKind;

/**
 * The file formats a case can hold, recognised by their first bytes (never by the file name), and which
 * of them each kind of attachment accepts.
 */
enum MediaFormat {
    JPEG("image/jpeg", "JPEG"),
    PNG("image/png", "PNG"),
    /** Wavelet Scalar Quantization, the FBI/ANSI-NIST format for 500 ppi fingerprints. */
    WSQ("image/x-wsq", "WSQ"),
    PDF("application/pdf", "PDF");

    private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    private static final byte[] PDF_SIGNATURE = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    private final String mediaType;
    private final String label;

    MediaFormat(String mediaType, String label) {
        this.mediaType = mediaType;
        this.label = label;
    }

    String mediaType() {
        return mediaType;
    }

    String label() {
        return label;
    }

    /** What {@code content} starts like, or {@code null} when it is none of the formats. */
    static MediaFormat sniff(byte[] content) {
        if (startsWith(content, 0xff, 0xd8, 0xff)) {
            return JPEG;
        }
        if (startsWith(content, PNG_SIGNATURE)) {
            return PNG;
        }
        // SOI (FF A0) followed by the next marker (FF A2..A8: frame, tables or comment)
        if (startsWith(content, 0xff, 0xa0, 0xff)) {
            return WSQ;
        }
        if (startsWith(content, PDF_SIGNATURE)) {
            return PDF;
        }
        return null;
    }

    /** The formats an attachment of this kind may have. */
    static Set<MediaFormat> acceptedFor(ItemKind kind) {
        return switch (kind) {
            case PHOTO, SIGNATURE -> EnumSet.of(JPEG, PNG);
            case FINGERPRINT -> EnumSet.of(JPEG, PNG, WSQ);
            case SCAN -> EnumSet.of(JPEG, PNG, PDF);
            case FORM -> EnumSet.noneOf(MediaFormat.class);
        };
    }

    /** "JPEG or PNG", "JPEG, PNG or WSQ" */
    static String describe(Set<MediaFormat> formats) {
        String all = formats.stream().map(MediaFormat::label).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return last < 0 ? all : all.substring(0, last) + " or " + all.substring(last + 2);
    }

    private static boolean startsWith(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        int[] unsigned = new int[prefix.length];
        for (int i = 0; i < prefix.length; i++) {
            unsigned[i] = prefix[i] & 0xff;
        }
        return startsWith(content, unsigned);
    }
}
