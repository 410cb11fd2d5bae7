package org.doorstep.domain.form;

import org.doorstep.domain.GuardianRelation;

/** Who applies with and for an applicant under 18 (or an adult lacking legal capacity). */
public record Guardian(String name, String idNumber, GuardianRelation relation, String phone) {
}
