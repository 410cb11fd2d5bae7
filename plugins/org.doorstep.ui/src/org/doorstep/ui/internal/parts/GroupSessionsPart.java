package org.doorstep.ui.internal.parts;

import org.doorstep.ui.WidgetIds;
import org.doorstep.ui.internal.Messages;
import org.eclipse.e4.core.services.nls.Translation;
import org.eclipse.swt.widgets.Composite;

import jakarta.annotation.PostConstruct;

/** Group sessions at companies: roster, board of applicants, summary. Empty until the vault and the work-order inbox exist. */
public class GroupSessionsPart {

    @PostConstruct
    public void createControls(Composite parent, @Translation Messages messages) {
        Widgets.emptySection(parent, WidgetIds.SECTION_GROUP_SESSIONS, messages.groupSessions_heading, messages.groupSessions_empty);
    }
}
