package org.doorstep.capture.signature;

/** Who signs: the applicant, or for them a guardian or agent; a witness where the applicant cannot sign; the officer. */
public enum SignerRole {
    APPLICANT, GUARDIAN, AGENT, WITNESS, OFFICER
}
