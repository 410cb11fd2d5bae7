package org.doorstep.ui.internal.cases;

import org.doorstep.ui.Sections;
import org.doorstep.ui.internal.parts.SectionNavigator;
import org.doorstep.ui.internal.parts.VisitsPart;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

import jakarta.inject.Inject;

/**
 * Opens a case another area started (a group session's applicant) at its guided steps in the visits area, when a
 * {@link CaseOpenRequest} is set in the application context.
 *
 * <p>Why an addon and the context, not the visits part and the event broker: the part exists only once it has been
 * shown, and a session run straight from the group area may never have shown it; and e4's UI-thread event delivery
 * is bound to the first workbench's display, so in a JVM that has run several workbenches (the UI tests) an
 * announcement on the event broker never arrives. Context changes reach this method on the thread that made them
 * (the UI thread), and bringing the area to the front creates the part when needed.
 */
public class CaseOpeningAddon {

    @Inject
    @Optional
    void open(CaseOpenRequest request, EPartService parts) {
        if (request == null) {
            return;
        }
        SectionNavigator.show(parts, Sections.VISITS);
        MPart part = parts.findPart(Sections.VISITS.partId());
        if (part != null && part.getObject() instanceof VisitsPart visits) {
            visits.open(request.caseId());
        }
    }
}
