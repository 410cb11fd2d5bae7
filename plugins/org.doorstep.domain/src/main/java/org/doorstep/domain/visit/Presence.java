package org.doorstep.domain.visit;

/**
 * How the record shows that the applicant was there: their signature, or, where they cannot sign, a witness
 * and a photo of the applicant with the witness.
 */
public sealed interface Presence {

    /** The applicant signed on the signature pad; {@code signature} is the case item holding it. */
    record Signed(String signature) implements Presence {
    }

    /**
     * The applicant could not sign (paralysis, blindness, illiteracy …): a witness who is not the applicant
     * confirms their presence, and a photo shows the applicant at the visit.
     *
     * @param witnessIdNumber the witness's identity number
     * @param photo           the case item holding the photo
     * @param reason          why the applicant could not sign
     */
    record Witnessed(String witnessName, String witnessIdNumber, String photo, String reason) implements Presence {
    }
}
