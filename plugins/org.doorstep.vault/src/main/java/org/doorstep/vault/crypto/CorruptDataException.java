package org.doorstep.vault.crypto;

import java.security.GeneralSecurityException;

/**
 * Sealed data could not be opened: it was altered, truncated, sealed for something else, or the key is
 * wrong. Deliberately does not say which, so it cannot serve as an oracle.
 */
public class CorruptDataException extends GeneralSecurityException {

    private static final long serialVersionUID = 1L;

    public CorruptDataException(String message) {
        super(message);
    }

    public CorruptDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
