package org.doorstep.sync.vault;

import java.io.IOException;

/**
 * The sync service will not seal, send or export now, and says why in words for the officer: the laptop is not
 * enrolled with HQ, HQ revoked it, or there is nothing to do. An {@link IOException} because it stops the same
 * operations a broken disk or link would; nothing was changed.
 */
public final class SyncRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    public SyncRefusedException(String message) {
        super(message);
    }

    static SyncRefusedException notEnrolled() {
        return new SyncRefusedException("this laptop is not enrolled with HQ yet: make a certificate request with the "
                + "enrolment code and install the bundle HQ sends back");
    }

    static SyncRefusedException revoked(String reason) {
        return new SyncRefusedException("HQ has revoked this laptop's certificate (" + reason + "), so it seals and "
                + "sends nothing; ask HQ to enrol it again");
    }
}
