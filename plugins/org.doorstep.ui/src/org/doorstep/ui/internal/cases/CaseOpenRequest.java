package org.doorstep.ui.internal.cases;

import java.util.Objects;

/**
 * A request to show a case at its guided steps, set in the application context by the area that started the case
 * and carried out by {@link CaseOpeningAddon}. A new request object each time, so asking for the same case twice is
 * two changes the context reports.
 */
public final class CaseOpenRequest {

    private final String caseId;

    public CaseOpenRequest(String caseId) {
        this.caseId = Objects.requireNonNull(caseId, "caseId");
    }

    public String caseId() {
        return caseId;
    }
}
