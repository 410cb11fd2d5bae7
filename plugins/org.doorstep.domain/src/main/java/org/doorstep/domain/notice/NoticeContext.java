package org.doorstep.domain.notice;

import java.time.LocalDate;

import org.doorstep.domain.visit.Officer;

/**
 * What the notice says beyond the case itself.
 *
 * @param caseReference the number the applicant quotes when handing in materials (受理编号)
 * @param office        where owed materials are handed in
 * @param officer       who issues the notice
 * @param date          the day it is issued
 */
public record NoticeContext(String caseReference, Office office, Officer officer, LocalDate date) {
}
