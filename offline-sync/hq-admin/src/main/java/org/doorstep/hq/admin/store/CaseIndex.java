package org.doorstep.hq.admin.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.checklist.ChecklistJson;
import org.doorstep.domain.checklist.ItemKey;
import org.doorstep.domain.checklist.ItemStatus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * What HQ's console needs to know of a stored case without opening its entries every time, derived once from them
 * in the transaction that stores the packet ({@code case_facts}): when the case was created on the laptop and by
 * which officer (from its audit slice), and its <em>exceptions</em>, the things a reviewer must look at before HQ
 * accepts the case:
 *
 * <ul>
 * <li>{@code photo-override}: a photo the checks did not pass, kept by the officer with a reason (the field record,
 * {@code items/form/field}, {@code doorstep-field/1});</li>
 * <li>{@code photo-not-accepted}: a photo neither passing nor overridden;</li>
 * <li>{@code finger-missing}: a finger recorded as not capturable, with its reason and note;</li>
 * <li>{@code material-pending}: a material accepted pending, with its deadline (the checklist,
 * {@code items/form/checklist}, {@code doorstep-checklist/1}, read by the domain's own reader).</li>
 * </ul>
 *
 * The entries were signed by the laptop, but they are still read defensively: what cannot be read is noted as the
 * case's {@code problem} (the reviewer sees it, as an exception of its own), and never stops the packet from being
 * stored. The audit slice's entries go to {@code device_audit} as well.
 */
public final class CaseIndex {

    public static final String AUDIT_SLICE = "audit/trail.json";
    public static final String CHECKLIST = "items/form/checklist";
    public static final String FIELD_RECORD = "items/form/field";
    private static final int MAX_ENTRY = 1 << 20;
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** One exception of a case, for the review list. */
    public record CaseException(String kind, String subject, String detail) {
    }

    private CaseIndex() {
    }

    /**
     * Derives and keeps the facts of a packet whose entries are in {@code packet_entries} (in {@code c}'s transaction).
     * Does nothing when they are known already.
     */
    public static void index(Connection c, UUID packetId, String deviceId, String caseId, Instant now)
            throws SQLException {
        String id = packetId.toString();
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM case_facts WHERE packet_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        List<String> problems = new ArrayList<>();
        List<CaseException> exceptions = new ArrayList<>();
        Instant created = null;
        String officer = null;
        Optional<byte[]> slice = entry(c, id, AUDIT_SLICE);
        if (slice.isEmpty()) {
            problems.add("the packet has no audit slice");
        } else {
            try {
                Slice s = readSlice(slice.get(), deviceId, caseId);
                DeviceAuditStore.keep(c, deviceId, s.suite(), s.records(), "packet " + id, now);
                for (AuditRecord r : s.records()) {
                    if (created == null && r.action().equals("CASE_CREATED")) {
                        created = Instant.ofEpochMilli(r.atMs());
                        officer = r.officerId();
                    }
                    if (r.action().equals("SEAL") && r.officerId() != null) {
                        officer = r.officerId();
                    }
                }
                if (created == null && !s.records().isEmpty()) {
                    created = Instant.ofEpochMilli(s.records().get(0).atMs());
                }
            } catch (IllegalArgumentException e) {
                problems.add("audit slice: " + e.getMessage());
            }
        }
        Optional<byte[]> field = entry(c, id, FIELD_RECORD);
        if (field.isPresent()) {
            try {
                fieldExceptions(field.get(), exceptions);
            } catch (IllegalArgumentException e) {
                problems.add("field record: " + e.getMessage());
            }
        }
        Optional<byte[]> checklist = entry(c, id, CHECKLIST);
        if (checklist.isPresent()) {
            try {
                ChecklistJson.Saved saved = ChecklistJson.read(checklist.get());
                for (Map.Entry<ItemKey, ItemStatus> e : saved.statuses().entrySet()) {
                    if (e.getValue() instanceof ItemStatus.Pending p) {
                        exceptions.add(new CaseException("material-pending", subject(e.getKey()),
                                "pending until " + p.deadline()));
                    }
                }
            } catch (InvalidInputException e) {
                problems.add("checklist: " + e.getMessage());
            }
        }
        exceptions.sort(java.util.Comparator.comparing(CaseException::kind).thenComparing(CaseException::subject));
        String problem = problems.isEmpty() ? null : String.join("; ", problems);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_facts (packet_id, device_id, case_id, created_at,"
                + " officer_id, exception_count, exceptions, problem) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, deviceId);
            ps.setString(3, caseId);
            ps.setTimestamp(4, created == null ? null : Timestamp.from(created));
            ps.setString(5, officer);
            ps.setInt(6, exceptions.size() + (problem == null ? 0 : 1));
            ps.setString(7, write(exceptions));
            ps.setString(8, problem == null ? null : problem.length() > 500 ? problem.substring(0, 500) : problem);
            ps.executeUpdate();
        }
    }

    /** Schema step 2: the facts of every packet stored before administration existed. */
    static void backfill(Connection c) throws SQLException {
        List<String[]> packets = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT packet_id, device_id, case_id FROM packets");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                packets.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        Instant now = Instant.now();
        for (String[] p : packets) {
            index(c, UUID.fromString(p[0]), p[1], p[2], now);
        }
    }

    /** The exceptions kept for a case, in the order they were derived. */
    public static List<CaseException> read(String json) {
        List<CaseException> list = new ArrayList<>();
        if (json == null || json.isBlank()) {
            return list;
        }
        try {
            for (JsonNode n : JSON.readTree(json)) {
                list.add(new CaseException(n.path("kind").asText(), n.path("subject").asText(), n.path("detail").asText()));
            }
        } catch (JsonProcessingException e) {
            list.add(new CaseException("unreadable", "", "the stored exceptions cannot be read: " + e.getOriginalMessage()));
        }
        return list;
    }

    private static String write(List<CaseException> exceptions) {
        ArrayNode list = JSON.createArrayNode();
        for (CaseException e : exceptions) {
            list.addObject().put("kind", e.kind()).put("subject", e.subject()).put("detail", e.detail());
        }
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static String subject(ItemKey key) {
        return key.isCaseLevel() ? key.material() : key.material() + " (" + key.type() + ")";
    }

    /** The photo and finger exceptions of a {@code doorstep-field/1} record. */
    private static void fieldExceptions(byte[] json, List<CaseException> out) {
        JsonNode top = tree(json);
        if (!"doorstep-field/1".equals(top.path("format").asText())) {
            throw new IllegalArgumentException("not doorstep-field/1");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = top.path("photos").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode photo = e.getValue();
            JsonNode override = photo.get("override");
            if (override != null && override.isObject()) {
                out.add(new CaseException("photo-override", "photo " + clip(e.getKey(), 40),
                        "attempt " + override.path("attempt").asInt() + " kept by officer "
                                + clip(override.path("officer").asText(), 32) + ": "
                                + clip(override.path("reason").asText(), 300)));
            } else if (!photo.path("accepted").asBoolean(true)) {
                out.add(new CaseException("photo-not-accepted", "photo " + clip(e.getKey(), 40),
                        "the chosen attempt did not pass every check"));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = top.path("exceptions").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode x = e.getValue();
            String note = x.path("note").asText("");
            out.add(new CaseException("finger-missing", clip(e.getKey(), 40).toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' '), clip(x.path("reason").asText(), 40).toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' ') + (note.isBlank() ? "" : ": " + clip(note, 300))
                    + (x.path("photo").asBoolean() ? " (with a photo)" : "")));
        }
    }

    /** A slice: its suite and entries, all about the packet's case and device. */
    private record Slice(String suite, List<AuditRecord> records) {
    }

    private static Slice readSlice(byte[] json, String deviceId, String caseId) {
        JsonNode top = tree(json);
        if (!"doorstep-audit-slice/1".equals(top.path("format").asText())) {
            throw new IllegalArgumentException("not doorstep-audit-slice/1");
        }
        if (!deviceId.equals(top.path("deviceId").asText()) || !caseId.equals(top.path("caseId").asText())) {
            throw new IllegalArgumentException("it names another device or case than its packet");
        }
        String suite = top.path("suite").asText();
        if (!suite.equals("intl") && !suite.equals("gm")) {
            throw new IllegalArgumentException("unknown suite");
        }
        JsonNode entries = top.get("entries");
        if (entries == null || !entries.isArray() || entries.size() > 100_000) {
            throw new IllegalArgumentException("entries: expected a list");
        }
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            AuditRecord r = AuditRecord.read(entries.get(i), "entries[" + i + "]");
            if (!caseId.equals(r.caseId())) {
                throw new IllegalArgumentException("entries[" + i + "] is about another case");
            }
            records.add(r);
        }
        return new Slice(suite, records);
    }

    private static JsonNode tree(byte[] json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
    }

    private static Optional<byte[]> entry(Connection c, String packetId, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT content, length FROM packet_entries WHERE packet_id = ? AND name = ?")) {
            ps.setString(1, packetId);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getLong(2) > MAX_ENTRY) {
                    return Optional.empty();
                }
                return Optional.of(rs.getBytes(1));
            }
        }
    }

    private static String clip(String s, int max) {
        String t = s == null ? "" : s.strip();
        return t.length() > max ? t.substring(0, max) + "…" : t;
    }
}
