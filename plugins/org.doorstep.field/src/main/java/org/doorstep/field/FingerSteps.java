package org.doorstep.field;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.doorstep.domain.catalogue.FingerprintRequirement;
import org.doorstep.domain.checklist.CaptureNeed;
import org.doorstep.fingerprint.CaptureOptions;
import org.doorstep.fingerprint.DriverInfo;
import org.doorstep.fingerprint.ExceptionReason;
import org.doorstep.fingerprint.FingerCapture;
import org.doorstep.fingerprint.FingerCaptureSession;
import org.doorstep.fingerprint.FingerPlan;
import org.doorstep.fingerprint.FingerPosition;
import org.doorstep.fingerprint.FingerprintDriver;
import org.doorstep.fingerprint.FingerprintException;
import org.doorstep.fingerprint.FingerprintMessages;
import org.doorstep.fingerprint.iso.Compression;
import org.doorstep.fingerprint.iso.FingerImageRecord;
import org.doorstep.fingerprint.iso.FingerView;
import org.doorstep.vault.ItemKind;
import org.doorstep.vault.NewItem;

/**
 * The fingerprints of a case: the plan the catalogue asks for ({@link CaptureNeed}: how many, in which order), a
 * {@link FingerCaptureSession} for quality and the same-finger check, and what the progress record says was
 * kept, tried and excepted. What is done and what is next is judged from the progress record, which survives a
 * restart; the session is rebuilt from the kept captures (ISO/IEC 19794-4 records, one per finger) on resume.
 */
final class FingerSteps {

    static final String MEDIA_TYPE = "application/iso19794-4";

    /** One capture attempt and the case items it changes. */
    record Captured(FingerCaptureSession.Attempt attempt, List<NewItem> items) {
    }

    private final Optional<CaptureNeed> need;
    private final FingerPlan plan;
    private final FingerCaptureSession session;

    private FingerSteps(Optional<CaptureNeed> need, FingerPlan plan, FingerCaptureSession session) {
        this.need = need;
        this.plan = plan;
        this.session = session;
    }

    static FingerSteps restore(Optional<CaptureNeed> need, CaseProgress progress, CaptureOptions options,
            Function<FingerPosition, byte[]> keptRecord) {
        FingerPlan plan = need.map(n -> FingerPlan.inOrder(Math.max(1, n.fingers()),
                n.order().stream().map(f -> FingerPosition.valueOf(f.name())).toList())).orElse(FingerPlan.idCard());
        FingerCaptureSession session = new FingerCaptureSession(plan, options);
        progress.fingers.forEach((position, kept) -> {
            try {
                FingerView view = FingerImageRecord.read(keptRecord.apply(position)).views().get(0);
                FingerCapture capture = new FingerCapture(UUID.randomUUID(), position, view.image(), kept.source(),
                        kept.device(), kept.capturedAt());
                session.capture(new Replay(capture), position);
            } catch (FingerprintException e) {
                throw new IllegalStateException("the stored capture of " + position + " cannot be read: " + e.getMessage(), e);
            }
        });
        return new FingerSteps(need, plan, session);
    }

    /** "finger.r2" for the right index: hand and the finger's number from the thumb. */
    static String slotName(FingerPosition position) {
        int n = position.isoCode() > 5 ? position.isoCode() - 5 : position.isoCode();
        return (position.rightHand() ? "r" : "l") + n;
    }

    FingerCaptureSession session() {
        return session;
    }

    boolean required() {
        return need.map(n -> n.fingerprints() == FingerprintRequirement.REQUIRED).orElse(false);
    }

    /** The next finger the plan asks for, judged from {@code progress}. */
    Optional<FingerPosition> next(CaseProgress progress) {
        if (need.isEmpty()) {
            return Optional.empty();
        }
        Set<FingerPosition> done = EnumSet.noneOf(FingerPosition.class);
        progress.fingers.forEach((p, f) -> {
            if (f.accepted()) {
                done.add(p);
            }
        });
        return plan.next(progress.exceptions.keySet(), done);
    }

    List<StepProblem> problems(CaseProgress progress, Locale locale) {
        if (!required()) {
            return List.of();
        }
        List<StepProblem> out = new ArrayList<>();
        next(progress).ifPresent(p -> out.add(new StepProblem(Step.FINGERPRINTS, p.name(),
                FieldMessages.of(locale).text("finger.toCapture", FingerprintMessages.position(locale, p)))));
        return out;
    }

    /** One attempt; the session changes, the progress record is changed by {@link #record} once saved. */
    Captured capture(FingerprintDriver driver, FingerPosition position) throws FingerprintException {
        FingerCaptureSession.Attempt attempt = session.capture(driver, position);
        List<NewItem> items = new ArrayList<>();
        if (attempt.kept()) {
            FingerImageRecord record = FingerImageRecord.of(Compression.PNG,
                    List.of(new FingerImageRecord.Entry(attempt.capture(), attempt.quality().score())));
            items.add(new NewItem(ItemKind.FINGERPRINT, "finger." + slotName(position), MEDIA_TYPE, record.toBytes()));
        }
        return new Captured(attempt, items);
    }

    /** Writes what {@code captured} changed into {@code progress} (a copy, saved by the caller). */
    void record(Captured captured, CaseProgress progress, CaptureOptions options) {
        FingerCaptureSession.Attempt a = captured.attempt();
        FingerPosition position = a.capture().position();
        int attempts = progress.fingerAttempts.getOrDefault(position, 0) + 1;
        progress.fingerAttempts.put(position, attempts);
        if (a.kept()) {
            FingerCapture c = a.capture();
            progress.fingers.put(position, new CaseProgress.Finger(attempts, a.quality().score(),
                    a.quality().score() >= options.qualityThreshold(), c.source(), c.device(), c.capturedAt()));
        }
        CaseProgress.Finger kept = progress.fingers.get(position);
        if ((kept == null || !kept.accepted()) && attempts >= options.attemptsPerFinger()) {
            progress.exceptions.put(position, new CaseProgress.Exception(ExceptionReason.UNUSABLE_AFTER_RETRIES, "", false));
        }
    }

    /** Gives the session a capture stored earlier, so its quality and templates are known again after a restart. */
    private record Replay(FingerCapture capture) implements FingerprintDriver {

        @Override
        public DriverInfo describe() {
            return new DriverInfo(capture.device(), capture.source(), capture.image().ppi());
        }

        @Override
        public FingerCapture capture(FingerPosition position, Duration timeout) {
            return capture;
        }

        @Override
        public void close() {
        }
    }
}
