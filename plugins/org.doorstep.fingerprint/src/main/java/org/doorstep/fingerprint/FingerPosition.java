package org.doorstep.fingerprint;

import java.util.Optional;

/**
 * The ten fingers, numbered as ISO/IEC 19794-4 (finger position codes 1–10) and ANSI/NIST-ITL (FGP) number
 * them: 1 right thumb … 5 right little, 6 left thumb … 10 left little. Chinese public-security standards
 * (GA 1011 and the ID-card chip) number the same fingers 11–20: add ten.
 */
public enum FingerPosition {
    RIGHT_THUMB(1, true, "Thumb"),
    RIGHT_INDEX(2, true, "IndexFinger"),
    RIGHT_MIDDLE(3, true, "MiddleFinger"),
    RIGHT_RING(4, true, "RingFinger"),
    RIGHT_LITTLE(5, true, "LittleFinger"),
    LEFT_THUMB(6, false, "Thumb"),
    LEFT_INDEX(7, false, "IndexFinger"),
    LEFT_MIDDLE(8, false, "MiddleFinger"),
    LEFT_RING(9, false, "RingFinger"),
    LEFT_LITTLE(10, false, "LittleFinger");

    private final int isoCode;
    private final boolean rightHand;
    private final String sbiFinger;

    FingerPosition(int isoCode, boolean rightHand, String sbiFinger) {
        this.isoCode = isoCode;
        this.rightHand = rightHand;
        this.sbiFinger = sbiFinger;
    }

    /** The finger position code of ISO/IEC 19794-4 and ANSI/NIST-ITL (1–10). */
    public int isoCode() {
        return isoCode;
    }

    public boolean rightHand() {
        return rightHand;
    }

    /** The name the SBI device-service protocol gives this finger ("Right IndexFinger"). */
    public String sbiName() {
        return (rightHand ? "Right " : "Left ") + sbiFinger;
    }

    public static Optional<FingerPosition> ofIsoCode(int code) {
        return code >= 1 && code <= 10 ? Optional.of(values()[code - 1]) : Optional.empty();
    }

    public static Optional<FingerPosition> ofSbiName(String name) {
        for (FingerPosition p : values()) {
            if (p.sbiName().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
