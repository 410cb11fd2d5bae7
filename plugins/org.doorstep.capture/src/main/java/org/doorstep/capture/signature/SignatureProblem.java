package org.doorstep.capture.signature;

import java.util.List;
import java.util.Locale;

import org.doorstep.capture.CaptureMessages;

/** Why a signature cannot be accepted, with its words in the officer's language. */
public record SignatureProblem(Code code, List<Object> args) {

    public enum Code {
        SIGNER_NAME_MISSING, CANVAS_SIZE, NO_INK, TOO_SMALL, OUT_OF_PAD, TIME_GOES_BACK, TOO_MANY_POINTS
    }

    public SignatureProblem(Code code, Object... args) {
        this(code, List.of(args));
    }

    public String message(Locale locale) {
        return CaptureMessages.format(locale, "signature." + code.name(), args.toArray());
    }
}
