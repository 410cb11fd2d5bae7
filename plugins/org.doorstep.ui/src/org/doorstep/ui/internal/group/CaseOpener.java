package org.doorstep.ui.internal.group;

/**
 * Opens an applicant's case once the session has started it. The seam between the group screens and the guided-case
 * screens ({@code org.doorstep.ui.internal.cases}): {@link EventCaseOpener} announces it, and the cases' addon opens it.
 */
@FunctionalInterface
public interface CaseOpener {

    /** Topic on which a case to open is announced; the event's data is the case id. */
    String TOPIC = "doorstep/cases/open";

    void open(String caseId);
}
