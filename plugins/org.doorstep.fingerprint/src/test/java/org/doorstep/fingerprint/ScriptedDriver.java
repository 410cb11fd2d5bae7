package org.doorstep.fingerprint;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/** A driver that delivers prepared images one after another, or fails when told to. */
final class ScriptedDriver implements FingerprintDriver {

    private final Deque<Object> script = new ArrayDeque<>();

    /** The next capture will be this image. */
    ScriptedDriver then(FingerImage image) {
        script.add(image);
        return this;
    }

    /** The next capture will fail with this exception. */
    ScriptedDriver thenFail(FingerprintException failure) {
        script.add(failure);
        return this;
    }

    @Override
    public DriverInfo describe() {
        return new DriverInfo("scripted", SourceKind.IMPORT, 500);
    }

    @Override
    public FingerCapture capture(FingerPosition position, Duration timeout) throws FingerprintException {
        Object next = script.remove();
        if (next instanceof FingerprintException e) {
            throw e;
        }
        return TestImages.as((FingerImage) next, position);
    }
}
