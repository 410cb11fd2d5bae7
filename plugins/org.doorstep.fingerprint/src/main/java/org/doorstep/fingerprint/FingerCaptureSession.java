package org.doorstep.fingerprint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fingerprints of one case while they are being taken: which finger is next ({@link FingerPlan}), each
 * capture scored ({@link QualityAssessor}) and compared with the other fingers ({@link SameFingerCheck}), the
 * best of up to {@code attemptsPerFinger} captures kept, exceptions recorded. A capture that looks like a finger
 * already taken is counted as an attempt but not kept. When a finger's attempts are used up without reaching
 * the threshold, its best capture stays as evidence and the finger becomes an exception
 * ({@link ExceptionReason#UNUSABLE_AFTER_RETRIES}), so the plan moves to its substitute.
 * <p>
 * Every method either does all it says or, when it throws, changes nothing: a scanner that fails or answers
 * garbage leaves the session exactly as it was. Not persistent: the case store saves what it holds.
 */
public final class FingerCaptureSession {

    /** What one capture attempt gave. */
    public record Attempt(FingerCapture capture, FingerQuality quality, boolean accepted, boolean kept, int attempt,
            int attemptsLeft, List<SameFingerPair> sameFingerAs, Optional<FingerException> gaveUp) {
    }

    /** The capture kept for a finger: the best so far, {@code accepted} when it reached the threshold. */
    public record Kept(FingerCapture capture, FingerQuality quality, int attempts, boolean accepted) {
    }

    private final FingerPlan plan;
    private final CaptureOptions options;
    private final FingerTemplates templates = new FingerTemplates();
    private final QualityAssessor assessor = new QualityAssessor(templates);
    private final SameFingerCheck sameFinger;
    private final Map<FingerPosition, Integer> attempts = new EnumMap<>(FingerPosition.class);
    private final Map<FingerPosition, Kept> kept = new EnumMap<>(FingerPosition.class);
    private final Map<FingerPosition, FingerException> exceptions = new EnumMap<>(FingerPosition.class);

    public FingerCaptureSession(FingerPlan plan, CaptureOptions options) {
        this.plan = plan;
        this.options = options;
        this.sameFinger = new SameFingerCheck(templates, options.sameFingerThreshold());
    }

    /**
     * Captures {@code position} once with {@code driver}. Throws, changing nothing, when the finger is an
     * exception or its attempts are used up, and when the driver or the image fails.
     */
    public synchronized Attempt capture(FingerprintDriver driver, FingerPosition position) throws FingerprintException {
        if (exceptions.containsKey(position) && exceptions.get(position).reason() != ExceptionReason.UNUSABLE_AFTER_RETRIES) {
            throw new FingerprintException("session.excepted", position);
        }
        int used = attempts.getOrDefault(position, 0);
        if (used >= options.attemptsPerFinger()) {
            throw new FingerprintException("session.attemptsUsedUp", position, options.attemptsPerFinger());
        }
        FingerCapture capture = driver.capture(position, options.captureTimeout());
        if (capture.position() != position) {
            throw new FingerprintDeviceException("device.wrongFinger", position, capture.position());
        }
        FingerQuality quality;
        List<SameFingerPair> same;
        try {
            quality = assessor.assess(capture);
            same = sameFinger.against(capture, otherKept(position));
        } catch (FingerprintException | RuntimeException e) {
            templates.forget(capture);
            throw e;
        }
        FingerException unusable = FingerException.of(position, ExceptionReason.UNUSABLE_AFTER_RETRIES, null, null);
        // from here on nothing throws: the session changes all at once
        int attempt = used + 1;
        attempts.put(position, attempt);
        Kept before = kept.get(position);
        boolean keep = same.isEmpty() && (before == null || quality.score() > before.quality().score());
        if (keep) {
            if (before != null) {
                templates.forget(before.capture());
            }
            kept.put(position, new Kept(capture, quality, attempt, quality.score() >= options.qualityThreshold()));
        } else {
            templates.forget(capture);
            if (before != null) {
                kept.put(position, new Kept(before.capture(), before.quality(), attempt, before.accepted()));
            }
        }
        Kept now = kept.get(position);
        boolean accepted = now != null && now.accepted();
        Optional<FingerException> gaveUp = Optional.empty();
        if (!accepted && attempt >= options.attemptsPerFinger()) {
            exceptions.put(position, unusable);
            gaveUp = Optional.of(unusable);
        }
        return new Attempt(capture, quality, keep && quality.score() >= options.qualityThreshold(), keep, attempt,
                options.attemptsPerFinger() - attempt, same, gaveUp);
    }

    /** Records that {@code exception}'s finger cannot be captured; refused while a capture is kept for it. */
    public synchronized void recordException(FingerException exception) throws FingerprintException {
        if (kept.containsKey(exception.position())) {
            throw new FingerprintException("session.captured", exception.position());
        }
        exceptions.put(exception.position(), exception);
    }

    public synchronized void clearException(FingerPosition position) {
        exceptions.remove(position);
    }

    /** Forgets a finger's captures and attempts, for when the wrong finger was captured as it. */
    public synchronized void discard(FingerPosition position) {
        Kept k = kept.remove(position);
        if (k != null) {
            templates.forget(k.capture());
        }
        attempts.remove(position);
        if (exceptions.containsKey(position) && exceptions.get(position).reason() == ExceptionReason.UNUSABLE_AFTER_RETRIES) {
            exceptions.remove(position);
        }
    }

    /** The finger to capture next, empty when the plan is done or nothing capturable is left. */
    public synchronized Optional<FingerPosition> nextFinger() {
        return plan.next(exceptions.keySet(), acceptedPositions());
    }

    /** Whether every required finger has an accepted capture (substitutes included). */
    public synchronized boolean complete() {
        return nextFinger().isEmpty() && shortfall() == 0;
    }

    /** Required fingers that cannot be captured because of exceptions. */
    public synchronized int shortfall() {
        return plan.shortfall(exceptions.keySet());
    }

    public synchronized Optional<Kept> kept(FingerPosition position) {
        return Optional.ofNullable(kept.get(position));
    }

    public synchronized List<Kept> keptCaptures() {
        return List.copyOf(kept.values());
    }

    public synchronized Map<FingerPosition, FingerException> exceptions() {
        return Collections.unmodifiableMap(new EnumMap<>(exceptions));
    }

    /** The same-finger check over every kept capture: what to show before the case is sealed. */
    public synchronized List<SameFingerPair> sameFingerPairs() throws FingerprintImageException {
        return sameFinger.check(kept.values().stream().map(Kept::capture).toList());
    }

    private Set<FingerPosition> acceptedPositions() {
        Set<FingerPosition> done = EnumSet.noneOf(FingerPosition.class);
        kept.forEach((p, k) -> {
            if (k.accepted()) {
                done.add(p);
            }
        });
        return done;
    }

    private List<FingerCapture> otherKept(FingerPosition position) {
        List<FingerCapture> others = new ArrayList<>();
        kept.forEach((p, k) -> {
            if (p != position) {
                others.add(k.capture());
            }
        });
        return others;
    }
}
