package org.doorstep.photo;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The photo attempts for one document in one case: up to {@link #MAX_ATTEMPTS} are kept with their checks. The
 * best one is chosen automatically (the highest score among those that pass every check, otherwise the highest
 * score); an officer may choose another, or keep a failing one, only by recording a reason. Not thread-safe:
 * one session belongs to one capture screen.
 */
public final class PhotoSession {

    /** Attempts kept per document (DESIGN §5). */
    public static final int MAX_ATTEMPTS = 3;

    private final PhotoChecker checker;
    private final PhotoSpec spec;
    private final Clock clock;
    private final List<Attempt> attempts = new ArrayList<>();
    private OfficerOverride override;

    public PhotoSession(PhotoChecker checker, PhotoSpec spec, Clock clock) {
        this.checker = Objects.requireNonNull(checker, "checker");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public PhotoSpec spec() {
        return spec;
    }

    public boolean canAttempt() {
        return attempts.size() < MAX_ATTEMPTS;
    }

    /**
     * Takes a picture from {@code source}, checks it and keeps it. A source that gives no picture (damaged file, no
     * camera) throws and does not use up an attempt.
     *
     * @throws IllegalStateException when {@link #MAX_ATTEMPTS} are already kept
     */
    public Attempt capture(PhotoSource source) throws PhotoInputException {
        requireRoom();
        return keep(checker.assess(source, spec));
    }

    /** Keeps an assessment made elsewhere (it must be for this session's document). */
    public Attempt keep(Assessment assessment) {
        requireRoom();
        if (!assessment.spec().equals(spec)) {
            throw new IllegalArgumentException("assessment is for " + assessment.spec().id() + ", not " + spec.id());
        }
        Attempt attempt = new Attempt(attempts.size() + 1, clock.instant(), assessment);
        attempts.add(attempt);
        return attempt;
    }

    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** The attempt the checks choose: highest score among those passing every check, else highest score. */
    public Optional<Attempt> best() {
        Comparator<Attempt> byScore = Comparator.comparingDouble(a -> a.assessment().score());
        Optional<Attempt> passing = attempts.stream().filter(a -> a.assessment().passed()).max(byScore);
        return passing.isPresent() ? passing : attempts.stream().max(byScore);
    }

    /** The attempt kept for the document: the officer's override if there is one, otherwise {@link #best()}. */
    public Optional<Attempt> chosen() {
        if (override != null) {
            return Optional.of(attempts.get(override.attemptNumber() - 1));
        }
        return best();
    }

    /** Whether {@link #chosen()} passed every check or was accepted by an officer: the case may use it. */
    public boolean accepted() {
        return override != null || chosen().map(a -> a.assessment().passed()).orElse(false);
    }

    /**
     * Keeps attempt {@code attemptNumber} on the officer's responsibility.
     *
     * @throws IllegalArgumentException when the reason or officer is blank, or there is no such attempt
     */
    public OfficerOverride override(int attemptNumber, String officerId, String reason) {
        if (attemptNumber < 1 || attemptNumber > attempts.size()) {
            throw new IllegalArgumentException("no attempt " + attemptNumber);
        }
        override = new OfficerOverride(attemptNumber, officerId, reason, clock.instant());
        return override;
    }

    public Optional<OfficerOverride> officerOverride() {
        return Optional.ofNullable(override);
    }

    private void requireRoom() {
        if (!canAttempt()) {
            throw new IllegalStateException(MAX_ATTEMPTS + " attempts are already kept");
        }
    }
}
