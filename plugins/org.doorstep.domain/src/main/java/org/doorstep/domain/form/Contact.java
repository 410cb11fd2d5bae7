package org.doorstep.domain.form;

/**
 * How to reach the applicant for questions and progress (进度查询).
 *
 * @param address        where the applicant lives now (often where the visit takes place)
 * @param emergencyName  someone else to call: for elderly applicants often the only phone
 * @param emergencyPhone their phone
 */
public record Contact(String address, String emergencyName, String emergencyPhone) {
}
