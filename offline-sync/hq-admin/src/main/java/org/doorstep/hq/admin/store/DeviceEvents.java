package org.doorstep.hq.admin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.doorstep.sync.protocol.CommandResult;
import org.doorstep.sync.protocol.WipeProof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * What ingest keeps of the laptops' reports besides packets and heartbeats, each in the caller's transaction:
 * command results ({@code up/result}), verified wipe confirmations ({@code up/wiped} or removable media), and audit
 * batches ({@code up/audit}). Each is idempotent: MQTT delivers at least once.
 */
public final class DeviceEvents {

    public static final String AUDIT_BATCH_FORMAT = "doorstep-audit-batch/1";
    /** Largest audit batch accepted: one MQTT message well under a chunk. */
    public static final int MAX_AUDIT_BATCH_BYTES = 256 * 1024;
    public static final int MAX_AUDIT_BATCH_ENTRIES = 500;
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private DeviceEvents() {
    }

    /** Closes the command the laptop reported on; empty when no queued or sent command has that number. */
    public static Optional<Long> commandResult(Connection c, CommandResult r, Instant now) throws SQLException {
        String detail = (r.carriedOut() ? "" : r.reason().orElse("") + ": ") + r.detail();
        return CommandQueue.answered(c, r.deviceId(), r.sequence(), r.carriedOut(), detail, r.at());
    }

    /**
     * Records a verified wipe: the device is wiped (the first confirmation stands), its WIPE command acknowledged.
     *
     * @return false when this device's wipe was confirmed already
     */
    public static boolean wiped(Connection c, WipeProof proof, byte[] signed, Instant now) throws SQLException {
        DeviceStates.ensureRow(c, proof.deviceId(), now);
        int changed;
        try (PreparedStatement ps = c.prepareStatement("UPDATE device_states SET wiped_at = ?, wipe_confirmed_at = ?,"
                + " wipe_confirmation = ?, updated_at = ? WHERE device_id = ? AND wiped_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(proof.wipedAt()));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setBytes(3, signed);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setString(5, proof.deviceId());
            changed = ps.executeUpdate();
        }
        CommandQueue.answered(c, proof.deviceId(), proof.sequence(), true, "wiped at " + proof.wipedAt(), now);
        return changed == 1;
    }

    /**
     * Keeps a batch of a laptop's audit trail.
     *
     * @param topicDevice the device of the topic it came on
     * @return how many entries were new
     * @throws IllegalArgumentException the batch is not well-formed (nothing was kept)
     */
    public static int auditBatch(Connection c, String topicDevice, byte[] json, Instant now) throws SQLException {
        if (json == null || json.length == 0 || json.length > MAX_AUDIT_BATCH_BYTES) {
            throw new IllegalArgumentException("an audit batch has 1 to " + MAX_AUDIT_BATCH_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("$: expected a JSON object");
        }
        for (var it = root.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!java.util.Set.of("format", "deviceId", "suite", "entries").contains(f)) {
                throw new IllegalArgumentException("$: unknown field \"" + f + "\"");
            }
        }
        if (!AUDIT_BATCH_FORMAT.equals(root.path("format").asText(null))) {
            throw new IllegalArgumentException("$.format: expected \"" + AUDIT_BATCH_FORMAT + "\"");
        }
        if (!topicDevice.equals(root.path("deviceId").asText(null))) {
            throw new IllegalArgumentException("$.deviceId: not the device of the topic it came on");
        }
        String suite = root.path("suite").asText("");
        if (!suite.equals("intl") && !suite.equals("gm")) {
            throw new IllegalArgumentException("$.suite: expected intl or gm");
        }
        JsonNode entries = root.get("entries");
        if (entries == null || !entries.isArray() || entries.isEmpty() || entries.size() > MAX_AUDIT_BATCH_ENTRIES) {
            throw new IllegalArgumentException("$.entries: expected a list of 1 to " + MAX_AUDIT_BATCH_ENTRIES);
        }
        List<AuditRecord> records = new ArrayList<>();
        long previous = 0;
        for (int i = 0; i < entries.size(); i++) {
            AuditRecord r = AuditRecord.read(entries.get(i), "$.entries[" + i + "]");
            if (r.seq() <= previous) {
                throw new IllegalArgumentException("$.entries[" + i + "].seq: entries must come in increasing order");
            }
            previous = r.seq();
            records.add(r);
        }
        return DeviceAuditStore.keep(c, topicDevice, suite, records, "audit batch", now);
    }
}
