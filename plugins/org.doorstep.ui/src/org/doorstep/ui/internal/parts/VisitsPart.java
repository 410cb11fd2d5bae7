package org.doorstep.ui.internal.parts;

import org.doorstep.ui.WidgetIds;
import org.doorstep.ui.internal.Messages;
import org.eclipse.e4.core.services.nls.Translation;
import org.eclipse.swt.widgets.Composite;

import jakarta.annotation.PostConstruct;

/** Today's home-visit work orders and ad-hoc cases. Empty until the vault and the work-order inbox exist. */
public class VisitsPart {

    @PostConstruct
    public void createControls(Composite parent, @Translation Messages messages) {
        Widgets.emptySection(parent, WidgetIds.SECTION_VISITS, messages.visits_heading, messages.visits_empty);
    }
}
