package org.doorstep.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.doorstep.vault.CaseSummary;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The case list as a table for people, or as JSON for scripts. */
final class CaseListing {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String[] HEADINGS = { "ID", "STATE", "URGENT", "OFFICER", "CREATED", "UPDATED", "LABEL" };

    private CaseListing() {
    }

    /** Columns padded to their widest cell; the label comes last, where Chinese double-width text cannot shift others. */
    static void table(List<CaseSummary> cases, ZoneId zone, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (CaseSummary c : cases) {
            rows.add(new String[] { c.shortId(), c.state().id(), c.urgent() ? "urgent" : "-", c.officerId(),
                    local(c.created(), zone), local(c.updated(), zone), c.label() == null ? "(shredded)" : oneLine(c.label()) });
        }
        int[] widths = new int[HEADINGS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length - 1; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            out.println(line.append(row[row.length - 1]));
        }
    }

    /** One JSON array, times in UTC (ISO 8601), the label {@code null} once a case is shredded. */
    static void json(List<CaseSummary> cases, PrintStream out) {
        ArrayNode array = JSON.createArrayNode();
        for (CaseSummary c : cases) {
            ObjectNode o = array.addObject();
            o.put("id", c.id());
            o.put("state", c.state().id());
            o.put("urgent", c.urgent());
            o.put("officer", c.officerId());
            o.put("created", c.created().toString());
            o.put("updated", c.updated().toString());
            o.put("revision", c.revision());
            o.put("label", c.label());
            o.put("note", c.note());
        }
        try {
            out.println(JSON.writeValueAsString(array));
        } catch (JacksonException e) {
            throw new IllegalStateException("the case list could not be written as JSON", e);
        }
    }

    /** The vault accepts any characters in a label; a line break must not split a row of the table. */
    private static String oneLine(String text) {
        return text.replaceAll("\\p{Cntrl}", " ");
    }

    private static String local(Instant at, ZoneId zone) {
        return LOCAL.format(at.atZone(zone));
    }
}
