package org.doorstep.domain.checklist;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.ProblemCode;
import org.doorstep.domain.internal.Fields;
import org.doorstep.domain.internal.JsonObject;
import org.doorstep.domain.internal.StrictJson;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a case's checklist stands, as {@code doorstep-checklist/1} JSON (the case's checklist item in the
 * vault). Only the statuses are saved; the items themselves follow from the catalogue and the form, so
 * {@link Checklist#restore} rebuilds the list and puts the statuses back.
 *
 * <pre>
 * {"format": "doorstep-checklist/1", "catalogueVersion": 1, "visitDate": "2025-06-01",
 *  "items": [{"material": "resident-id-card", "status": "present", "scan": "scan.id-card"},
 *            {"material": "kinship-proof", "status": "pending", "deadline": "2025-06-16"},
 *            {"material": "prior-document", "application": "passport", "status": "missing"}]}
 * </pre>
 */
public final class ChecklistJson {

    public static final String FORMAT = "doorstep-checklist/1";
    public static final int MAX_BYTES = 256 * 1024;

    private static final Set<String> TOP = Set.of("format", "catalogueVersion", "visitDate", "items");
    private static final Set<String> ITEM = Set.of("material", "application", "status", "scan", "deadline");

    /** What was saved: the catalogue version it was made with, the visit date and each item's status. */
    public record Saved(int catalogueVersion, LocalDate visitDate, Map<ItemKey, ItemStatus> statuses) {
        public Saved {
            statuses = Map.copyOf(statuses);
        }
    }

    private enum Status implements org.doorstep.domain.Vocabulary {
        PRESENT, PENDING, MISSING
    }

    private ChecklistJson() {
    }

    public static byte[] write(Checklist checklist) {
        ObjectNode top = StrictJson.object();
        top.put("format", FORMAT);
        top.put("catalogueVersion", checklist.catalogueVersion());
        top.put("visitDate", checklist.visitDate().toString());
        ArrayNode items = top.putArray("items");
        for (ChecklistItem i : checklist.items()) {
            ObjectNode o = items.addObject();
            o.put("material", i.key().material());
            if (!i.key().isCaseLevel()) {
                o.put("application", i.key().type());
            }
            switch (i.status()) {
                case ItemStatus.Present p -> {
                    o.put("status", Status.PRESENT.id());
                    o.put("scan", p.scan());
                }
                case ItemStatus.Pending p -> {
                    o.put("status", Status.PENDING.id());
                    o.put("deadline", p.deadline().toString());
                }
                case ItemStatus.Missing m -> o.put("status", Status.MISSING.id());
            }
        }
        return StrictJson.write(top);
    }

    /**
     * Reads saved statuses.
     *
     * @throws InvalidInputException naming the path of the first thing wrong
     */
    public static Saved read(byte[] json) {
        JsonObject top = JsonObject.of(StrictJson.parse(json, MAX_BYTES), "$", TOP);
        String format = top.text("format");
        if (!format.equals(FORMAT)) {
            throw JsonObject.fail(top.path("format"), ProblemCode.JSON_FORMAT, format, FORMAT);
        }
        int version = top.integer("catalogueVersion", 1, Integer.MAX_VALUE);
        LocalDate visitDate = top.date("visitDate");
        Map<ItemKey, ItemStatus> statuses = new LinkedHashMap<>();
        for (JsonObject o : top.objects("items", ITEM)) {
            ItemKey key = new ItemKey(o.text("material"), o.has("application") ? o.text("application") : null);
            Status status = o.vocabulary("status", Status.class);
            ItemStatus s = switch (status) {
                case PRESENT -> {
                    String scan = o.text("scan");
                    if (!Fields.isItemRef(scan)) {
                        throw JsonObject.fail(o.path("scan"), ProblemCode.FORM_ITEM_REF, scan);
                    }
                    yield new ItemStatus.Present(scan);
                }
                case PENDING -> new ItemStatus.Pending(o.date("deadline"));
                case MISSING -> ItemStatus.MISSING;
            };
            if (status != Status.PRESENT && o.has("scan")) {
                throw JsonObject.fail(o.path("scan"), ProblemCode.JSON_UNKNOWN_FIELD, "scan");
            }
            if (status != Status.PENDING && o.has("deadline")) {
                throw JsonObject.fail(o.path("deadline"), ProblemCode.JSON_UNKNOWN_FIELD, "deadline");
            }
            if (statuses.put(key, s) != null) {
                throw JsonObject.fail(o.path(), ProblemCode.CAT_DUPLICATE_ID, key.toString());
            }
        }
        return new Saved(version, visitDate, statuses);
    }
}
