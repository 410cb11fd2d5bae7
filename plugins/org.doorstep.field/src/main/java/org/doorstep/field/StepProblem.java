package org.doorstep.field;

/**
 * One thing still wrong or missing in a step, in plain words for the officer.
 *
 * @param path where it is: a form path ({@code $.applicant.idNumber}), a checklist item ({@code resident-id-card}),
 *             a finger ({@code RIGHT_INDEX}), a signer ({@code APPLICANT}), or the step itself ({@code $})
 * @param text the sentence to show, in the language asked for
 */
public record StepProblem(Step step, String path, String text) {
}
