package org.doorstep.sync.vault;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.doorstep.vault.AuditEntry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The part of the device's audit trail about one case, as it travels inside the case's packet (design §3: "the
 * relevant slice travels with each packet"), format {@value #FORMAT}:
 *
 * <pre>
 * {"format":"doorstep-audit-slice/1","deviceId":…,"caseId":…,"suite":"intl"|"gm",
 *  "entries":[{"seq":…,"at":…,"officer":…,"action":…,"caseId":…,"detail":…,
 *              "previousHash":hex,"hash":hex,"signature":base64 DER}]}
 * </pre>
 *
 * Every entry carries what HQ needs to check it on its own: the fields its hash covers, the previous entry's hash
 * and the device key's signature over its hash (the vault's audit-trail rules, docs/ARCHITECTURE.md). Entries of
 * other cases lie between them, so the chain itself is checked only where HQ holds the whole trail. Details never
 * hold applicant data, so the slice adds none to the packet.
 */
final class AuditSlice {

    static final String FORMAT = "doorstep-audit-slice/1";
    /** The trail sent as it grows ({@code up/audit}), entries in order, in the same form as a slice's. */
    static final String BATCH_FORMAT = "doorstep-audit-batch/1";
    /** Entries per batch: with details of up to 1,000 characters a batch stays well under one MQTT message's limit. */
    static final int BATCH_ENTRIES = 100;
    static final String ENTRY_NAME = "audit/trail.json";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private AuditSlice() {
    }

    static byte[] json(String deviceId, String caseId, String suite, List<AuditEntry> entries) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT).put("deviceId", deviceId).put("caseId", caseId).put("suite", suite);
        return write(root, entries);
    }

    /** A batch of the trail for {@code up/audit}: {"format":"doorstep-audit-batch/1","deviceId","suite","entries"}. */
    static byte[] batch(String deviceId, String suite, List<AuditEntry> entries) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", BATCH_FORMAT).put("deviceId", deviceId).put("suite", suite);
        return write(root, entries);
    }

    private static byte[] write(ObjectNode root, List<AuditEntry> entries) {
        ArrayNode list = root.putArray("entries");
        for (AuditEntry e : entries) {
            ObjectNode n = list.addObject();
            n.put("seq", e.seq()).put("at", e.at().toString()).put("officer", e.officerId())
                    .put("action", e.action().name()).put("caseId", e.caseId()).put("detail", e.detail())
                    .put("previousHash", HexFormat.of().formatHex(e.previousHash()))
                    .put("hash", HexFormat.of().formatHex(e.hash()))
                    .put("signature", Base64.getEncoder().encodeToString(e.signature()));
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the audit slice", e);
        }
    }
}
