package org.doorstep.field;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

import org.doorstep.domain.notice.Office;
import org.doorstep.fingerprint.CaptureOptions;
import org.doorstep.photo.PhotoChecker;

/**
 * What every guided case on this laptop shares: the clock (its zone is the laptop's), the photo checker (it holds
 * native face-detection models, so one is made, on first use, and shared), the fingerprint capture options, and the
 * office named on the one-time notice. Close it when the application ends.
 */
public final class FieldContext implements AutoCloseable {

    private final Clock clock;
    private final Office office;
    private final CaptureOptions fingerOptions;
    private final SecureRandom random = new SecureRandom();
    private PhotoChecker checker;

    public FieldContext(Clock clock, Office office, CaptureOptions fingerOptions) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.office = Objects.requireNonNull(office, "office");
        this.fingerOptions = Objects.requireNonNull(fingerOptions, "fingerOptions");
    }

    public Clock clock() {
        return clock;
    }

    public Office office() {
        return office;
    }

    public CaptureOptions fingerOptions() {
        return fingerOptions;
    }

    SecureRandom random() {
        return random;
    }

    /** The shared photo checker, made on first use (loading OpenCV takes a moment: call it off the UI thread). */
    public synchronized PhotoChecker photoChecker() {
        if (checker == null) {
            checker = new PhotoChecker();
        }
        return checker;
    }

    @Override
    public synchronized void close() {
        if (checker != null) {
            checker.close();
            checker = null;
        }
    }
}
