package org.doorstep.domain.form;

/**
 * Someone the applicant authorises to act for them (a relative of a bedridden applicant who handles the
 * paperwork and collects the documents).
 *
 * @param relation how they are related, in the officer's words (儿子, 社区工作人员)
 */
public record Agent(String name, String idNumber, String relation, String phone) {
}
