package org.doorstep.capture.scan;

import java.util.List;
import java.util.Locale;

import org.doorstep.capture.CaptureMessages;

/** Why a file cannot be kept as a scanned document, in the officer's language. */
public final class ScanProblem extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Code {
        EMPTY, NOT_A_SCAN, DAMAGED, TOO_LARGE, TOO_SMALL, ENCRYPTED, NO_PAGES, TOO_MANY_PAGES
    }

    private final Code code;
    private final transient List<Object> args;

    public ScanProblem(Code code, Object... args) {
        super(CaptureMessages.format(Locale.ENGLISH, "scan." + code.name(), args));
        this.code = code;
        this.args = List.of(args);
    }

    public Code code() {
        return code;
    }

    public String message(Locale locale) {
        return CaptureMessages.format(locale, "scan." + code.name(), args.toArray());
    }
}
