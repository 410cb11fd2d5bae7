package org.doorstep.sync.pki;

/** HQ's CA would not sign a request; {@link #reason()} says why in a form the laptop can show or act on. */
public final class EnrolmentRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Not a PKCS#10 request, wrong key type or curve, no or unreadable code proof. */
        MALFORMED,
        /** The request's signature does not verify with its own key, or uses another algorithm than the suite's. */
        BAD_SIGNATURE,
        /** HQ issued no code with the id the request names. */
        UNKNOWN_CODE,
        /** The code id is known but the proof was not made with that code (a tampered or replayed request). */
        BAD_PROOF,
        /** The code has been used for an enrolment already. */
        USED_CODE,
        /** The code was not used before its expiry. */
        EXPIRED_CODE,
        /** The request's subject is not {@code O=Doorstep, CN=<the device id the code was issued for>}. */
        SUBJECT_MISMATCH,
        /** The code names a device id reserved for HQ's own services ({@link DeviceCa#isReservedName}). */
        RESERVED_NAME
    }

    private final Reason reason;

    public EnrolmentRefusedException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
