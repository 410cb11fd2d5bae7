package org.doorstep.ui.internal.group;

/**
 * Opens an applicant's case once the session has started it. The seam between the group screens and the guided-case
 * screens ({@code org.doorstep.ui.internal.cases}): the group screens put a {@code CaseOpenRequest} into the application
 * context, and the cases' {@code CaseOpeningAddon} shows the visits part with the case.
 */
@FunctionalInterface
public interface CaseOpener {

    void open(String caseId);
}
