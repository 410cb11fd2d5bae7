package org.doorstep.domain.catalogue;

import org.doorstep.domain.GuardianRelation;
import org.doorstep.domain.ReliefBasis;
import org.doorstep.domain.UrgentReason;
import org.doorstep.domain.VisitReason;

/**
 * The facts about an applicant on the visit date that the catalogue's conditions test. Built from a case
 * form ({@code org.doorstep.domain.form.Situations}); absent facts are {@code null}.
 *
 * @param age      completed years on the visit date
 * @param guardian the guardian's relation, {@code null} without a guardian
 * @param agent    whether an agent acts for the applicant
 * @param visit    why the officer visits, {@code null} if not given yet
 * @param urgent   the urgent reason, {@code null} when not urgent
 * @param postal   whether the documents are sent by post
 * @param relief   the basis of fee relief asked for, {@code null} for none
 */
public record Situation(int age, GuardianRelation guardian, boolean agent, VisitReason visit, UrgentReason urgent,
        boolean postal, ReliefBasis relief) {

    public Situation {
        if (age < 0) {
            throw new IllegalArgumentException("age < 0");
        }
    }
}
