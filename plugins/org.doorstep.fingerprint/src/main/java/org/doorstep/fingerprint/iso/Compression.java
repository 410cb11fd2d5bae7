package org.doorstep.fingerprint.iso;

import java.util.Optional;

/** Image compression algorithm codes of ISO/IEC 19794-4:2005 (general record header). */
public enum Compression {
    UNCOMPRESSED(0, "uncompressed"),
    /** Uncompressed, bit packed: pixel depths under 8; not read or written here. */
    BIT_PACKED(1, "bit-packed"),
    /** Read (through jnbis); not written: there is no WSQ encoder we can ship. */
    WSQ(2, "WSQ"),
    /** Read; not written: lossy compression of a record we make gains nothing over PNG. */
    JPEG(3, "JPEG"),
    /** Neither read nor written: the Java runtime has no JPEG 2000 decoder. */
    JPEG2000(4, "JPEG 2000"),
    PNG(5, "PNG");

    private final int code;
    private final String label;

    Compression(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<Compression> ofCode(int code) {
        for (Compression c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
