package org.doorstep.domain.form;

/**
 * The person applying. Fields hold what the officer typed (possibly blank or wrong while the form is a
 * draft); {@link FormValidator} says what is wrong. Gender and birth date are not fields: they come from the
 * identity number.
 *
 * @param name     as on the household register
 * @param idNumber citizen identity number
 * @param phone    the applicant's own phone, if they have one
 */
public record Applicant(String name, String idNumber, String phone) {
}
