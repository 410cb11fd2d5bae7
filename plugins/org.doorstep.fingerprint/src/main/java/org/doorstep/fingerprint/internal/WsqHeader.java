package org.doorstep.fingerprint.internal;

/**
 * The size written in a WSQ file's frame header, read without decoding (FBI IAFIS-IC-0110, WSQ gray-scale
 * fingerprint image compression specification): SOI marker FFA0, then segments that each start with a marker
 * FFxx and a two-byte length, until the start-of-frame segment FFA2 (length, black, white, height, width, …).
 * A whole file also ends with the end-of-image marker FFA1, which a copy cut short lacks.
 */
public record WsqHeader(int width, int height) {

    private static final int SOI = 0xffa0;
    private static final int EOI = 0xffa1;
    private static final int SOF = 0xffa2;

    /** Why a WSQ file is not acceptable, as a message key. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        public Invalid(String key) {
            super(key, null, false, false);
        }
    }

    public static WsqHeader read(byte[] wsq) throws Invalid {
        if (wsq.length == 0) {
            throw new Invalid("image.empty");
        }
        if (wsq.length < 2 || u16(wsq, 0) != SOI) {
            throw new Invalid("image.wsq.damaged");
        }
        // a truncated file lacks the end marker; encoders write it last, sometimes followed by padding
        if (!endsWithEoi(wsq)) {
            throw new Invalid("image.truncated");
        }
        int at = 2;
        while (at + 4 <= wsq.length) {
            int marker = u16(wsq, at);
            if ((marker & 0xff00) != 0xff00 || marker == EOI) {
                break;
            }
            int length = u16(wsq, at + 2);
            if (marker == SOF) {
                if (length < 8 || at + 10 > wsq.length) {
                    break;
                }
                return new WsqHeader(u16(wsq, at + 8), u16(wsq, at + 6));
            }
            if (length < 2) {
                break;
            }
            at += 2 + length;
        }
        throw new Invalid("image.wsq.damaged");
    }

    private static boolean endsWithEoi(byte[] wsq) {
        for (int i = wsq.length - 2; i >= Math.max(2, wsq.length - 8); i--) {
            if (u16(wsq, i) == EOI) {
                return true;
            }
        }
        return false;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }
}
