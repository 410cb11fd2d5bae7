package org.doorstep.hq.console;

import java.util.Arrays;
import java.util.Optional;

/**
 * The console's work areas, in the order of the navigation and of their keys (Ctrl+1 … Ctrl+8). Each is a part of
 * the application model ({@link #partId()}); its content composite carries {@link #sectionId()}.
 */
public enum Area {
    DEVICES("devices"),
    DEVICE("device"),
    CASES("cases"),
    REVIEW("review"),
    REJECTS("rejects"),
    AUDIT("audit"),
    REPORTS("reports"),
    USERS("users");

    /** The parameter of the "show area" command: the area's name. */
    public static final String COMMAND_PARAMETER = "org.doorstep.hq.console.commandparameter.area";

    private final String key;

    Area(String key) {
        this.key = key;
    }

    /** The element id of the area's part in {@code Application.e4xmi}. */
    public String partId() {
        return "org.doorstep.hq.console.part." + key;
    }

    /** The id of the area's navigation button. */
    public String navigationId() {
        return "navigation." + key;
    }

    /** The id of the area's content. */
    public String sectionId() {
        return "section." + key;
    }

    /** The digit of its Ctrl key. */
    public int key() {
        return ordinal() + 1;
    }

    public static Optional<Area> byPartId(String partId) {
        return Arrays.stream(values()).filter(a -> a.partId().equals(partId)).findFirst();
    }
}
