package org.doorstep.field;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

import org.doorstep.domain.catalogue.DocumentFamily;
import org.doorstep.photo.Assessment;
import org.doorstep.photo.Attempt;
import org.doorstep.photo.OfficerOverride;
import org.doorstep.photo.PhotoInputException;
import org.doorstep.photo.PhotoSession;
import org.doorstep.photo.PhotoSource;
import org.doorstep.photo.PhotoSpec;
import org.doorstep.vault.ItemKind;
import org.doorstep.vault.NewItem;

/**
 * The photo of one document family as a {@link PhotoSession} (three attempts, the best, the officer's override),
 * rebuilt from the case's progress record and attempt JPEGs when a case is resumed. A change makes a new session
 * (the stored attempts replayed, then the change), so a change that is not saved leaves the old one untouched.
 */
final class PhotoSteps {

    private PhotoSteps() {
    }

    /** The photo engine's rules for the catalogue's document family. */
    static PhotoSpec spec(DocumentFamily family) {
        return switch (family.id()) {
            case "exit-entry" -> PhotoSpec.EXIT_ENTRY;
            case "id-card" -> PhotoSpec.ID_CARD;
            default -> throw new IllegalStateException("no photo rules for the document family '" + family.id() + "'");
        };
    }

    static Family restore(DocumentFamily family, CaseProgress.Photo stored, IntFunction<Optional<byte[]>> attemptJpeg,
            FieldContext context) {
        Family f = new Family(family, context, List.of(), Optional.empty());
        if (stored == null) {
            return f;
        }
        List<Assessment> assessments = new ArrayList<>();
        for (CaseProgress.PhotoAttempt a : stored.attempts()) {
            assessments.add(new Assessment(f.spec, a.checks(), attemptJpeg.apply(a.number()).orElse(null), a.measurements()));
        }
        return new Family(family, context, assessments, stored.override());
    }

    /** One family's photo attempts. */
    static final class Family {

        private final DocumentFamily family;
        private final FieldContext context;
        private final PhotoSpec spec;
        private final List<Assessment> assessments;
        private final Optional<OfficerOverride> override;
        private PhotoSession session;

        private Family(DocumentFamily family, FieldContext context, List<Assessment> assessments,
                Optional<OfficerOverride> override) {
            this.family = family;
            this.context = context;
            this.spec = spec(family);
            this.assessments = List.copyOf(assessments);
            this.override = override;
        }

        /** The session (made on first use: it needs the photo checker, which loads OpenCV). */
        PhotoSession session() {
            if (session == null) {
                PhotoSession s = new PhotoSession(context.photoChecker(), spec, context.clock());
                assessments.forEach(s::keep);
                override.ifPresent(o -> s.override(o.attemptNumber(), o.officerId(), o.reason()));
                session = s;
            }
            return session;
        }

        Assessment assess(PhotoSource source) throws PhotoInputException {
            return context.photoChecker().assess(source, spec);
        }

        Family with(Assessment assessment) {
            List<Assessment> more = new ArrayList<>(assessments);
            more.add(assessment);
            return new Family(family, context, more, override);
        }

        Family withOverride(int number, String officerId, String reason) {
            Family f = new Family(family, context, assessments, Optional.empty());
            OfficerOverride o = f.session().override(number, officerId, reason);
            return new Family(family, context, assessments, Optional.of(o));
        }

        /** The newest attempt's JPEG as a case item (kept until completion, so the officer may choose it). */
        List<NewItem> attemptItems() {
            Attempt last = session().attempts().get(session().attempts().size() - 1);
            return last.assessment().jpeg().map(jpeg -> List.of(new NewItem(ItemKind.PHOTO,
                    GuidedCase.photoAttemptSlot(family.id(), last.number()), "image/jpeg", jpeg))).orElse(List.of());
        }

        Attempt last() {
            return session().attempts().get(session().attempts().size() - 1);
        }

        CaseProgress.Photo record() {
            PhotoSession s = session();
            List<CaseProgress.PhotoAttempt> attempts = s.attempts().stream().map(a -> new CaseProgress.PhotoAttempt(
                    a.number(), a.takenAt(), a.assessment().checks(), a.assessment().measurements())).toList();
            return new CaseProgress.Photo(attempts, s.officerOverride(), s.chosen().map(Attempt::number).orElse(0),
                    s.accepted());
        }
    }
}
