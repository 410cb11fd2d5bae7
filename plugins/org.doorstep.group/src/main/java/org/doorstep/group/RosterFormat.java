package org.doorstep.group;

import java.util.Locale;

/** What a roster file turned out to be; the report names it, so an officer sees how the file was read. */
public enum RosterFormat {
    CSV_UTF8("format.csvUtf8"),
    CSV_UTF8_BOM("format.csvUtf8Bom"),
    /** What Excel in China writes for "CSV (comma delimited)": GBK, read as its superset GB18030. */
    CSV_GB18030("format.csvGb18030"),
    XLSX("format.xlsx");

    private final String key;

    RosterFormat(String key) {
        this.key = key;
    }

    public String label(Locale locale) {
        return GroupMessages.of(locale).text(key);
    }
}
