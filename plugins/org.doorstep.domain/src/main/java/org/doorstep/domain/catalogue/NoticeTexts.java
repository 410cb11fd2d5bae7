package org.doorstep.domain.catalogue;

import org.doorstep.domain.LocalizedText;

/**
 * What the one-time notice tells the applicant beyond the case itself; HQ words it.
 *
 * @param submission how and where owed materials may be handed in
 * @param lateness   what happens when they are not handed in by the deadline
 */
public record NoticeTexts(LocalizedText submission, LocalizedText lateness) {
}
