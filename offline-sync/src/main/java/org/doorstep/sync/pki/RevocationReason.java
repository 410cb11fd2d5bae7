package org.doorstep.sync.pki;

import org.bouncycastle.asn1.x509.CRLReason;

/** Why a device certificate was revoked; the RFC 5280 reason code goes into the CRL entry. */
public enum RevocationReason {
    UNSPECIFIED(CRLReason.unspecified),
    /** The laptop was lost or stolen, or its key may be known to someone else. */
    KEY_COMPROMISE(CRLReason.keyCompromise),
    /** The laptop moved to another unit. */
    AFFILIATION_CHANGED(CRLReason.affiliationChanged),
    /** The laptop was enrolled again with a new key. */
    SUPERSEDED(CRLReason.superseded),
    /** The laptop was retired. */
    CESSATION_OF_OPERATION(CRLReason.cessationOfOperation);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    /** The RFC 5280 CRLReason value. */
    public int code() {
        return code;
    }
}
