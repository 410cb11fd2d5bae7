package org.doorstep.domain.visit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.Problem;
import org.doorstep.domain.ProblemCode;
import org.doorstep.domain.catalogue.Condition;
import org.doorstep.domain.form.CaseForm;
import org.doorstep.domain.identity.IdentityNumber;
import org.doorstep.domain.internal.Fields;

/**
 * Judges a {@link VisitRecord}, with the same {@link Problem}s as the form.
 *
 * <p>Rules: an officer id of the vault's shape and a name; arrival and departure, in that order, not in the
 * future (by the injected clock, with {@link #CLOCK_SKEW} of tolerance) and at most {@link #MAX_DURATION}
 * apart; the address; a position, when there is one, within the ranges of latitude (±90°), longitude (±180°)
 * and accuracy (above 0, at most {@link #MAX_ACCURACY_METRES}), fixed during the visit (give or take
 * {@link #FIX_TOLERANCE}); the reason with its evidence where the reason needs it, and the same as the form's;
 * the applicant's signature, or a witness (an adult other than the applicant, with a valid identity number), a
 * photo and why the applicant could not sign.
 */
public final class VisitValidator {

    /** Laptop clocks drift; a visit ending this far "in the future" is still accepted. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** No home visit lasts longer. */
    public static final Duration MAX_DURATION = Duration.ofHours(12);
    /** A fix this much before arrival or after departure still counts as taken at the visit. */
    public static final Duration FIX_TOLERANCE = Duration.ofMinutes(30);
    /** A fix less accurate than this says nothing about the address. */
    public static final double MAX_ACCURACY_METRES = 5000;

    private static final Pattern OFFICER_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final Clock clock;

    public VisitValidator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Every problem of {@code record}.
     *
     * @param form the case's form, to check that the reason is the same and the witness is not the applicant;
     *             {@code null} to check the record alone
     */
    public List<Problem> validate(VisitRecord record, CaseForm form) {
        List<Problem> problems = new ArrayList<>();
        officer(record.officer(), problems);
        times(record.start(), record.end(), problems);
        Fields.text(record.address(), true, Fields.MAX_TEXT, "$.address", problems);
        position(record.position(), record.start(), record.end(), problems);
        why(record, form, problems);
        presence(record.presence(), form, visitDate(record), problems);
        return List.copyOf(problems);
    }

    private LocalDate visitDate(VisitRecord record) {
        Instant at = record.start() != null ? record.start() : clock.instant();
        return LocalDate.ofInstant(at, zone());
    }

    private ZoneId zone() {
        return clock.getZone();
    }

    private static void officer(Officer officer, List<Problem> problems) {
        if (officer == null) {
            problems.add(Problem.of("$.officer", ProblemCode.FORM_REQUIRED));
            return;
        }
        if (Fields.required(officer.id(), "$.officer.id", problems) && !OFFICER_ID.matcher(officer.id()).matches()) {
            problems.add(Problem.of("$.officer.id", ProblemCode.VISIT_OFFICER_ID, officer.id()));
        }
        Fields.text(officer.name(), true, 64, "$.officer.name", problems);
    }

    private void times(Instant start, Instant end, List<Problem> problems) {
        Instant latest = clock.instant().plus(CLOCK_SKEW);
        if (start == null) {
            problems.add(Problem.of("$.start", ProblemCode.FORM_REQUIRED));
        } else if (start.isAfter(latest)) {
            problems.add(Problem.of("$.start", ProblemCode.VISIT_IN_FUTURE, local(start)));
        }
        if (end == null) {
            problems.add(Problem.of("$.end", ProblemCode.FORM_REQUIRED));
            return;
        }
        if (end.isAfter(latest)) {
            problems.add(Problem.of("$.end", ProblemCode.VISIT_IN_FUTURE, local(end)));
        }
        if (start != null && end.isBefore(start)) {
            problems.add(Problem.of("$.end", ProblemCode.VISIT_END_BEFORE_START, local(end), local(start)));
        } else if (start != null && Duration.between(start, end).compareTo(MAX_DURATION) > 0) {
            problems.add(Problem.of("$.end", ProblemCode.VISIT_TOO_LONG, MAX_DURATION.toHours()));
        }
    }

    /** A time as the officer saw it: 2025-06-01 09:30 in the laptop's zone. */
    private String local(Instant t) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(t.atZone(zone()));
    }

    private void position(GpsPosition p, Instant start, Instant end, List<Problem> problems) {
        if (p == null) {
            return;
        }
        range(p.latitude(), -90, 90, "$.position.latitude", problems);
        range(p.longitude(), -180, 180, "$.position.longitude", problems);
        if (!(p.accuracyMetres() > 0) || p.accuracyMetres() > MAX_ACCURACY_METRES) {
            problems.add(Problem.of("$.position.accuracy", ProblemCode.VISIT_RANGE, fmt(p.accuracyMetres()), "0",
                    fmt(MAX_ACCURACY_METRES)));
        }
        if (p.fixedAt() == null) {
            problems.add(Problem.of("$.position.fixedAt", ProblemCode.FORM_REQUIRED));
        } else if (start != null && end != null && !end.isBefore(start)
                && (p.fixedAt().isBefore(start.minus(FIX_TOLERANCE)) || p.fixedAt().isAfter(end.plus(FIX_TOLERANCE)))) {
            problems.add(Problem.of("$.position.fixedAt", ProblemCode.VISIT_FIX_OUTSIDE, local(p.fixedAt())));
        }
    }

    private static void range(double value, double min, double max, String path, List<Problem> problems) {
        if (!(value >= min && value <= max)) { // also catches NaN
            problems.add(Problem.of(path, ProblemCode.VISIT_RANGE, fmt(value), fmt(min), fmt(max)));
        }
    }

    private static String fmt(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? String.valueOf(d)
                : java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static void why(VisitRecord record, CaseForm form, List<Problem> problems) {
        var why = record.why();
        if (why == null || why.reason() == null) {
            problems.add(Problem.of(why == null ? "$.why" : "$.why.reason", ProblemCode.FORM_REQUIRED));
            return;
        }
        if (why.reason().needsEvidence() || !Fields.blank(why.evidence())) {
            if (Fields.blank(why.evidence())) {
                problems.add(Problem.of("$.why.evidence", ProblemCode.FORM_EVIDENCE_REQUIRED));
            } else {
                Fields.itemRef(why.evidence(), "$.why.evidence", problems);
            }
        }
        if (form != null && form.visit() != null && !why.equals(form.visit())) {
            problems.add(Problem.of("$.why", ProblemCode.VISIT_DIFFERS_FROM_FORM));
        }
    }

    private static void presence(Presence presence, CaseForm form, LocalDate date, List<Problem> problems) {
        switch (presence) {
            case null -> problems.add(Problem.of("$.presence", ProblemCode.VISIT_PRESENCE_REQUIRED));
            case Presence.Signed s -> Fields.itemRef(s.signature(), "$.presence.signature", problems);
            case Presence.Witnessed w -> {
                Fields.name(w.witnessName(), "$.presence.witnessName", problems);
                witness(w.witnessIdNumber(), form, date, problems);
                Fields.itemRef(w.photo(), "$.presence.photo", problems);
                Fields.text(w.reason(), true, Fields.MAX_TEXT, "$.presence.reason", problems);
            }
        }
    }

    private static void witness(String idNumber, CaseForm form, LocalDate date, List<Problem> problems) {
        String path = "$.presence.witnessIdNumber";
        IdentityNumber id;
        try {
            id = IdentityNumber.parse(idNumber, date);
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> problems.add(p.at(path)));
            return;
        }
        Optional<IdentityNumber> applicant = Optional.empty();
        if (form != null && form.applicant() != null) {
            try {
                applicant = Optional.of(IdentityNumber.parse(form.applicant().idNumber(), date));
            } catch (InvalidInputException e) {
                applicant = Optional.empty(); // the form's own validation reports it
            }
        }
        if (applicant.isPresent() && applicant.get().equals(id)) {
            problems.add(Problem.of(path, ProblemCode.FORM_SAME_PERSON));
        } else if (id.ageOn(date) < Condition.ADULT_AGE) {
            problems.add(Problem.of(path, ProblemCode.FORM_MUST_BE_ADULT, id.ageOn(date)));
        }
    }
}
