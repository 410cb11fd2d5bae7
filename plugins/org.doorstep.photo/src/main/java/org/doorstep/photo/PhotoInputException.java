package org.doorstep.photo;

import java.util.Locale;
import java.util.Objects;

/**
 * A source gave no picture that can be checked: the file is damaged, is not a JPEG or PNG, is absurdly large, or
 * the camera is missing. Nothing is lost; the officer is told why in {@link #reason()}.
 */
public class PhotoInputException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Reason reason;

    public PhotoInputException(Reason reason) {
        this(reason, null);
    }

    public PhotoInputException(Reason reason, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason").text(Locale.ENGLISH), cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public String reason(Locale locale) {
        return reason.text(locale);
    }
}
