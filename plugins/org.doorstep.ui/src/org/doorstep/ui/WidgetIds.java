package org.doorstep.ui;

/**
 * Stable identifiers set on important widgets with {@code widget.setData(WidgetIds.KEY, id)}, so that UI
 * tests (and support staff with a widget inspector) find them regardless of language or layout.
 */
public final class WidgetIds {

    /** The {@code Widget.setData(String, Object)} key under which the id is stored. */
    public static final String KEY = "doorstep.id";

    public static final String NAVIGATION = "navigation";
    public static final String NAV_VISITS = "navigation.visits";
    public static final String NAV_GROUP_SESSIONS = "navigation.groupSessions";
    public static final String NAV_SYNC = "navigation.sync";

    public static final String SECTION_VISITS = "section.visits";
    public static final String SECTION_GROUP_SESSIONS = "section.groupSessions";
    public static final String SECTION_SYNC = "section.sync";

    public static final String STATUS_LINE = "statusLine";
    public static final String STATUS_DEVICE = "statusLine.device";
    public static final String STATUS_SYNC = "statusLine.sync";

    private WidgetIds() {
    }
}
