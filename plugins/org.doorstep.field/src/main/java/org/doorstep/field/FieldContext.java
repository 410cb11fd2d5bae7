package org.doorstep.field;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

import org.doorstep.domain.notice.Office;
import org.doorstep.fingerprint.CaptureOptions;
import org.doorstep.photo.PhotoChecker;
import org.doorstep.sync.outbox.OutboxCapacity;

/**
 * What every guided case on this laptop shares: the clock (its zone is the laptop's), the photo checker (it holds
 * native face-detection models, so one is made, on first use, and shared), the fingerprint capture options, and the
 * office named on the one-time notice. Close it when the application ends.
 */
public final class FieldContext implements AutoCloseable {

    private final Clock clock;
    private final Office office;
    private final CaptureOptions fingerOptions;
    private final OutboxCapacity outboxCapacity;
    private final SecureRandom random = new SecureRandom();
    private PhotoChecker checker;

    /** With the product's outbox capacity ({@link OutboxCapacity#DEFAULT}, as the sync service runs with). */
    public FieldContext(Clock clock, Office office, CaptureOptions fingerOptions) {
        this(clock, office, fingerOptions, OutboxCapacity.DEFAULT);
    }

    /** @param outboxCapacity how much may wait for HQ: a completed case whose packet would not fit waits, complete */
    public FieldContext(Clock clock, Office office, CaptureOptions fingerOptions, OutboxCapacity outboxCapacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.office = Objects.requireNonNull(office, "office");
        this.fingerOptions = Objects.requireNonNull(fingerOptions, "fingerOptions");
        this.outboxCapacity = Objects.requireNonNull(outboxCapacity, "outboxCapacity");
    }

    public OutboxCapacity outboxCapacity() {
        return outboxCapacity;
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
