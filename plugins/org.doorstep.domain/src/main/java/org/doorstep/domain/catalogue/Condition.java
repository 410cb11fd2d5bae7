package org.doorstep.domain.catalogue;

import java.util.Optional;

import org.doorstep.domain.GuardianRelation;
import org.doorstep.domain.Issue;
import org.doorstep.domain.ReliefBasis;
import org.doorstep.domain.UrgentReason;
import org.doorstep.domain.VisitReason;
import org.doorstep.domain.Vocabulary;

/**
 * One test on the applicant's {@link Situation}, as the catalogue spells it in a {@code when} list (all of
 * a list must hold):
 *
 * <table>
 * <tr><td>{@code minor}, {@code adult}</td><td>under 18 / 18 or over on the visit date</td></tr>
 * <tr><td>{@code age<N}, {@code age>=N}</td><td>completed years</td></tr>
 * <tr><td>{@code guardian}, {@code guardian:parent}, {@code guardian:other}</td><td>a guardian acts; a
 * father or mother; any other relation</td></tr>
 * <tr><td>{@code agent}</td><td>an agent acts for the applicant</td></tr>
 * <tr><td>{@code urgent}, {@code urgent:<reason>}</td><td>urgent processing, for any or that reason</td></tr>
 * <tr><td>{@code visit:<reason>}</td><td>the reason for the home visit</td></tr>
 * <tr><td>{@code postal}</td><td>documents sent by post</td></tr>
 * <tr><td>{@code relief}, {@code relief:<basis>}</td><td>fee relief asked for</td></tr>
 * <tr><td>{@code issue:<issue>}</td><td>the application's issue (only where an application is in view)</td></tr>
 * </table>
 *
 * @param kind  what is tested
 * @param value the number or vocabulary id after the operator, or {@code null}
 * @param text  the condition as written
 */
public record Condition(Kind kind, String value, String text) {

    /** The tests; each has a label in the messages ({@code condition.<kind id>}). */
    public enum Kind implements Vocabulary {
        MINOR, ADULT, AGE_BELOW, AGE_AT_LEAST, GUARDIAN, GUARDIAN_PARENT, GUARDIAN_OTHER, AGENT, URGENT,
        URGENT_REASON, VISIT_REASON, POSTAL, RELIEF, RELIEF_BASIS, ISSUE
    }

    /** Under this age an applicant is a minor (完全民事行为能力 from 18). */
    public static final int ADULT_AGE = 18;

    /** The condition spelled {@code text}, if it is one. */
    public static Optional<Condition> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        switch (text) {
            case "minor":
                return Optional.of(new Condition(Kind.MINOR, null, text));
            case "adult":
                return Optional.of(new Condition(Kind.ADULT, null, text));
            case "guardian":
                return Optional.of(new Condition(Kind.GUARDIAN, null, text));
            case "guardian:parent":
                return Optional.of(new Condition(Kind.GUARDIAN_PARENT, null, text));
            case "guardian:other":
                return Optional.of(new Condition(Kind.GUARDIAN_OTHER, null, text));
            case "agent":
                return Optional.of(new Condition(Kind.AGENT, null, text));
            case "urgent":
                return Optional.of(new Condition(Kind.URGENT, null, text));
            case "postal":
                return Optional.of(new Condition(Kind.POSTAL, null, text));
            case "relief":
                return Optional.of(new Condition(Kind.RELIEF, null, text));
            default:
                break;
        }
        if (text.startsWith("age<") || text.startsWith("age>=")) {
            boolean below = text.startsWith("age<");
            String n = text.substring(below ? 4 : 5);
            if (!n.matches("[0-9]{1,3}") || Integer.parseInt(n) > 150) {
                return Optional.empty();
            }
            return Optional.of(new Condition(below ? Kind.AGE_BELOW : Kind.AGE_AT_LEAST, n, text));
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String head = text.substring(0, colon);
        String id = text.substring(colon + 1);
        return switch (head) {
            case "urgent" -> Vocabulary.byId(UrgentReason.class, id).map(r -> new Condition(Kind.URGENT_REASON, id, text));
            case "visit" -> Vocabulary.byId(VisitReason.class, id).map(r -> new Condition(Kind.VISIT_REASON, id, text));
            case "relief" -> Vocabulary.byId(ReliefBasis.class, id).map(r -> new Condition(Kind.RELIEF_BASIS, id, text));
            case "issue" -> Vocabulary.byId(Issue.class, id).map(r -> new Condition(Kind.ISSUE, id, text));
            default -> Optional.empty();
        };
    }

    /** Whether this condition needs an application in view ({@code issue:…}). */
    public boolean needsApplication() {
        return kind == Kind.ISSUE;
    }

    /**
     * Whether the condition holds.
     *
     * @param issue the application's issue, {@code null} where no application is in view
     */
    public boolean holds(Situation s, Issue issue) {
        GuardianRelation g = s.guardian();
        return switch (kind) {
            case MINOR -> s.age() < ADULT_AGE;
            case ADULT -> s.age() >= ADULT_AGE;
            case AGE_BELOW -> s.age() < Integer.parseInt(value);
            case AGE_AT_LEAST -> s.age() >= Integer.parseInt(value);
            case GUARDIAN -> g != null;
            case GUARDIAN_PARENT -> g != null && g.isParent();
            case GUARDIAN_OTHER -> g != null && !g.isParent();
            case AGENT -> s.agent();
            case URGENT -> s.urgent() != null;
            case URGENT_REASON -> s.urgent() != null && s.urgent().id().equals(value);
            case VISIT_REASON -> s.visit() != null && s.visit().id().equals(value);
            case POSTAL -> s.postal();
            case RELIEF -> s.relief() != null;
            case RELIEF_BASIS -> s.relief() != null && s.relief().id().equals(value);
            case ISSUE -> issue != null && issue.id().equals(value);
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
