package org.doorstep.fingerprint.iso;

import java.util.Optional;

/** Impression type codes of ISO/IEC 19794-4:2005 (finger image header). */
public enum ImpressionType {
    LIVE_SCAN_PLAIN(0),
    LIVE_SCAN_ROLLED(1),
    NONLIVE_SCAN_PLAIN(2),
    NONLIVE_SCAN_ROLLED(3),
    SWIPE(8);

    private final int code;

    ImpressionType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ImpressionType> ofCode(int code) {
        for (ImpressionType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
