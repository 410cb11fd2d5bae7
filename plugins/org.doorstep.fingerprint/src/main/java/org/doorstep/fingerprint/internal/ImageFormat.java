package org.doorstep.fingerprint.internal;

/** Image formats recognised by their first bytes, never by a file name. */
public enum ImageFormat {
    PNG("PNG", "image/png"),
    JPEG("JPEG", "image/jpeg"),
    BMP("BMP", "image/bmp"),
    WSQ("WSQ", "image/x-wsq"),
    JPEG2000("JPEG 2000", "image/jp2");

    private final String label;
    private final String mediaType;

    ImageFormat(String label, String mediaType) {
        this.label = label;
        this.mediaType = mediaType;
    }

    public String label() {
        return label;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format {@code content} starts like, or null. */
    public static ImageFormat sniff(byte[] content) {
        if (startsWith(content, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
            return PNG;
        }
        if (startsWith(content, 0xff, 0xd8, 0xff)) {
            return JPEG;
        }
        if (startsWith(content, 'B', 'M')) {
            return BMP;
        }
        if (startsWith(content, 0xff, 0xa0)) {
            return WSQ;
        }
        if (startsWith(content, 0xff, 0x4f, 0xff, 0x51) || startsWith(content, 0, 0, 0, 0x0c, 'j', 'P', ' ', ' ')) {
            return JPEG2000;
        }
        return null;
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
}
