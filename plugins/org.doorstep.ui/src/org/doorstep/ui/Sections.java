package org.doorstep.ui;

import java.util.Arrays;
import java.util.Optional;

/**
 * The work areas the navigation offers. Each is a part in the work-area stack of the application model;
 * the element ids here must match {@code Application.e4xmi}.
 */
public enum Sections {
    VISITS("org.doorstep.ui.part.visits", WidgetIds.NAV_VISITS),
    GROUP_SESSIONS("org.doorstep.ui.part.groupSessions", WidgetIds.NAV_GROUP_SESSIONS),
    SYNC("org.doorstep.ui.part.sync", WidgetIds.NAV_SYNC);

    /** Name of the parameter of the "show section" command; its value is a section's {@link #name()}. */
    public static final String COMMAND_PARAMETER = "org.doorstep.ui.commandparameter.section";

    private final String partId;
    private final String navigationWidgetId;

    Sections(String partId, String navigationWidgetId) {
        this.partId = partId;
        this.navigationWidgetId = navigationWidgetId;
    }

    public String partId() {
        return partId;
    }

    public String navigationWidgetId() {
        return navigationWidgetId;
    }

    public static Optional<Sections> byPartId(String partId) {
        return Arrays.stream(values()).filter(s -> s.partId.equals(partId)).findFirst();
    }
}
