package org.doorstep.sync.pki;

/**
 * HQ's enrolment bundle cannot be used: not in the {@code doorstep-enrolment/1} form, or its certificates do not
 * hold together. The message names the field and says what is wrong in plain words; nothing was installed.
 */
public final class EnrolmentBundleException extends Exception {

    private static final long serialVersionUID = 1L;

    public EnrolmentBundleException(String message) {
        super(message);
    }

    public EnrolmentBundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
