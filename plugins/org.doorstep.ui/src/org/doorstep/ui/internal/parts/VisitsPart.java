package org.doorstep.ui.internal.parts;

import org.doorstep.ui.WidgetIds;
import org.doorstep.ui.internal.Messages;
import org.eclipse.e4.core.services.nls.Translation;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.widgets.Composite;

import jakarta.annotation.PostConstruct;

/** Today's home-visit work orders and ad-hoc cases. */
public class VisitsPart {

    @PostConstruct
    public void createControls(Composite parent, @Translation Messages messages) {
        Widgets.id(parent, WidgetIds.SECTION_VISITS);
        GridLayoutFactory.fillDefaults().margins(16, 16).spacing(0, 12).applyTo(parent);
        Widgets.heading(parent, messages.visits_heading);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(Widgets.paragraph(parent, messages.visits_empty));
    }
}
