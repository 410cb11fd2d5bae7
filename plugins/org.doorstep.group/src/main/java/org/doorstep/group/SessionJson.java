package org.doorstep.group;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.doorstep.vault.GroupSessionStore;

/**
 * The stored form of a session, {@code doorstep-group-session/1}: JSON written and read field by field (no
 * reflection), sealed by the vault. Id, revision and creation time come from the vault's row, not from the JSON.
 */
final class SessionJson {

    static final String FORMAT = "doorstep-group-session/1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SessionJson() {
    }

    static byte[] write(GroupSession s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode c = root.putObject("company");
        c.put("name", s.company().name());
        c.put("creditCode", s.company().creditCode());
        c.put("contactName", s.company().contactName());
        c.put("contactPhone", s.company().contactPhone());
        c.put("address", s.company().address());
        CompanyWideFields f = s.fields();
        ObjectNode fields = root.putObject("fields");
        fields.put("employerName", f.employerName());
        fields.put("employerAddress", f.employerAddress());
        fields.put("postToCompany", f.postToCompany());
        fields.put("recipient", f.recipient());
        fields.put("recipientPhone", f.recipientPhone());
        fields.put("province", f.province());
        fields.put("city", f.city());
        fields.put("district", f.district());
        fields.put("street", f.street());
        fields.put("postcode", f.postcode());
        fields.put("contactName", f.contactName());
        fields.put("contactPhone", f.contactPhone());
        ArrayNode entries = root.putArray("entries");
        for (RosterEntry e : s.entries()) {
            ObjectNode n = entries.addObject();
            n.put("id", e.id());
            n.put("row", e.row());
            n.put("name", e.name());
            n.put("idNumber", e.idNumber());
            n.put("phone", e.phone());
            ArrayNode docs = n.putArray("documents");
            e.documents().forEach(docs::add);
            n.put("address", e.address());
            n.put("state", e.state().name());
            n.put("reason", e.reason());
            n.put("caseId", e.caseId());
        }
        if (s.ended() != null) {
            root.put("ended", s.ended().toString());
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a session", e);
        }
    }

    static GroupSession read(GroupSessionStore.Stored stored) {
        try {
            JsonNode root = MAPPER.readTree(stored.content());
            if (root == null || !FORMAT.equals(root.path("format").asText())) {
                throw new IllegalStateException("group session " + stored.id() + " is not " + FORMAT);
            }
            JsonNode c = root.path("company");
            Company company = new Company(text(c, "name"), text(c, "creditCode"), text(c, "contactName"),
                    text(c, "contactPhone"), text(c, "address"));
            JsonNode f = root.path("fields");
            CompanyWideFields fields = new CompanyWideFields(text(f, "employerName"), text(f, "employerAddress"),
                    f.path("postToCompany").asBoolean(false), text(f, "recipient"), text(f, "recipientPhone"),
                    text(f, "province"), text(f, "city"), text(f, "district"), text(f, "street"), text(f, "postcode"),
                    text(f, "contactName"), text(f, "contactPhone"));
            List<RosterEntry> entries = new ArrayList<>();
            for (JsonNode n : root.path("entries")) {
                List<String> docs = new ArrayList<>();
                n.path("documents").forEach(d -> docs.add(d.asText()));
                entries.add(new RosterEntry(text(n, "id"), n.path("row").asInt(), text(n, "name"), text(n, "idNumber"),
                        text(n, "phone"), docs, text(n, "address"), BoardState.valueOf(text(n, "state")),
                        text(n, "reason"), text(n, "caseId")));
            }
            Instant ended = root.hasNonNull("ended") ? Instant.parse(root.get("ended").asText()) : null;
            return new GroupSession(stored.id(), stored.revision(), stored.created(), company, fields, entries, ended);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("group session " + stored.id() + " cannot be read: " + e.getClass().getSimpleName(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
