package org.doorstep.vault;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What HQ's signed commands leave on the laptop: work orders, status updates on delivered cases, catalogues, the
 * revocation. Each {@code accept…} stores the command's effect <em>and</em> its number as the last accepted, in one
 * transaction with its audit entry: a command is carried out exactly once, and a crash leaves it either done and
 * counted, or neither (then HQ's resend is accepted). A number at or below the last accepted is refused and changes
 * nothing. Checking signatures and bodies is the sync service's work; this class keeps what it accepted.
 */
public final class HqInbox {

    /** Largest work order kept (a few hundred characters in practice). */
    public static final int MAX_WORK_ORDER_BYTES = 64 * 1024;
    /** Longest remark kept with a status update. */
    public static final int MAX_STATUS_NOTE = 500;

    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Vault vault;

    HqInbox(Vault vault) {
        this.vault = vault;
    }

    /** Stores a work order, or replaces the one with the same id (HQ amended it); a started case stays linked. */
    public void acceptWorkOrder(long sequence, String orderId, byte[] json) {
        checkOrderId(orderId);
        Objects.requireNonNull(json, "json");
        if (json.length == 0 || json.length > MAX_WORK_ORDER_BYTES) {
            throw new IllegalArgumentException("a work order has 1 to " + MAX_WORK_ORDER_BYTES + " bytes");
        }
        vault.write("store HQ's work order", c -> {
            vault.syncSettings().consumeSequence(c, sequence);
            boolean amended;
            try (PreparedStatement ps = c.prepareStatement("UPDATE work_orders SET sequence = ?, received_at = ?, "
                    + "content = ? WHERE order_id = ?")) {
                ps.setLong(1, sequence);
                ps.setLong(2, vault.clock().millis());
                ps.setBytes(3, SyncData.seal(vault, json, orderContext(orderId)));
                ps.setString(4, orderId);
                amended = ps.executeUpdate() == 1;
            }
            if (!amended) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO work_orders VALUES (?, ?, ?, NULL, ?)")) {
                    ps.setString(1, orderId);
                    ps.setLong(2, sequence);
                    ps.setLong(3, vault.clock().millis());
                    ps.setBytes(4, SyncData.seal(vault, json, orderContext(orderId)));
                    ps.executeUpdate();
                }
            }
            vault.audit(c, AuditAction.WORK_ORDER, null, "order " + orderId + (amended ? " amended" : " received")
                    + " by command " + sequence);
            return null;
        });
    }

    /** The work orders on this laptop, oldest first. */
    public List<StoredWorkOrder> workOrders() {
        return vault.read("list the work orders", c -> {
            List<StoredWorkOrder> orders = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT order_id, sequence, received_at, case_id, content FROM work_orders ORDER BY received_at, order_id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    orders.add(order(rs));
                }
            }
            return orders;
        });
    }

    public Optional<StoredWorkOrder> workOrder(String orderId) {
        return vault.read("read the work order", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT order_id, sequence, received_at, case_id, content FROM work_orders WHERE order_id = ?")) {
                ps.setString(1, orderId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(order(rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Links a work order to the case the officer started from it, so that the order (personal data) is deleted
     * together with the case's data once HQ has the case.
     */
    public void attachWorkOrder(String orderId, String caseId) {
        vault.write("link the work order to its case", c -> {
            CaseState state = caseState(c, caseId);
            if (state == CaseState.SHREDDED || state == CaseState.DELIVERED) {
                throw new VaultException.IllegalTransition("case " + CaseStore.shortId(caseId) + " is " + state.id()
                        + ": a work order can only be linked to a case not yet delivered");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE work_orders SET case_id = ? WHERE order_id = ?")) {
                ps.setString(1, caseId);
                ps.setString(2, orderId);
                if (ps.executeUpdate() == 0) {
                    throw new VaultException("there is no work order '" + orderId + "' on this laptop");
                }
            }
            vault.audit(c, AuditAction.CASE_EDITED, caseId, "started from work order " + orderId);
            return null;
        });
    }

    /** Deletes a work order (done, cancelled, or entered by mistake); {@code why} goes into the audit trail. */
    public void removeWorkOrder(String orderId, String why) {
        vault.write("remove the work order", c -> {
            if (deleteOrders(c, "order_id", orderId) == 0) {
                throw new VaultException("there is no work order '" + orderId + "' on this laptop");
            }
            vault.audit(c, AuditAction.WORK_ORDER_REMOVED, null, "order " + orderId
                    + (why == null || why.isBlank() ? "" : ": " + CaseStore.clip(why.strip(), 500)));
            return null;
        });
    }

    /** Deletes the work orders linked to a case, inside the caller's (shredding) transaction. */
    int deleteOrdersOf(Connection c, String caseId) throws SQLException {
        return deleteOrders(c, "case_id", caseId);
    }

    /** Stores where HQ says a case stands; only for a case this laptop delivered (HQ has confirmed it). */
    public void acceptStatus(long sequence, String caseId, HqCaseStatus status, Instant at, String note) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        if (note != null && note.length() > MAX_STATUS_NOTE) {
            throw new IllegalArgumentException("a status note has at most " + MAX_STATUS_NOTE + " characters");
        }
        vault.write("store HQ's status update", c -> {
            CaseState state = caseState(c, caseId);
            if (state != CaseState.DELIVERED && state != CaseState.SHREDDED) {
                throw new VaultException.IllegalTransition("case " + CaseStore.shortId(caseId) + " is " + state.id()
                        + " here: HQ's status updates are for cases it has confirmed, and it has not confirmed this one");
            }
            vault.syncSettings().consumeSequence(c, sequence);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_status VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, caseId);
                ps.setLong(2, sequence);
                ps.setString(3, status.name());
                ps.setLong(4, at.toEpochMilli());
                ps.setLong(5, vault.clock().millis());
                ps.setBytes(6, note == null || note.isBlank() ? null
                        : SyncData.seal(vault, note.strip().getBytes(StandardCharsets.UTF_8), statusContext(caseId, sequence)));
                ps.executeUpdate();
            }
            vault.audit(c, AuditAction.STATUS_UPDATE, caseId, status.id() + " by command " + sequence);
            return null;
        });
    }

    /** Every status HQ sent for a case, oldest first. */
    public List<CaseStatusUpdate> statusOf(String caseId) {
        return vault.read("read the case's status", c -> {
            List<CaseStatusUpdate> updates = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT sequence, status, at_ms, received_at, note_sealed "
                    + "FROM case_status WHERE case_id = ? ORDER BY sequence")) {
                ps.setString(1, caseId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long sequence = rs.getLong(1);
                        byte[] sealed = rs.getBytes(5);
                        String note = sealed == null ? null
                                : new String(SyncData.open(vault, sealed, statusContext(caseId, sequence)), StandardCharsets.UTF_8);
                        updates.add(new CaseStatusUpdate(caseId, HqCaseStatus.valueOf(rs.getString(2)),
                                Instant.ofEpochMilli(rs.getLong(3)), note, sequence, Instant.ofEpochMilli(rs.getLong(4))));
                    }
                }
            }
            return updates;
        });
    }

    /** Stores a catalogue; its version must be above every one stored (the sync service checks the content). */
    public void acceptCatalogue(long sequence, int version, byte[] json) {
        Objects.requireNonNull(json, "json");
        vault.write("store HQ's catalogue", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM hq_catalogues");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                int newest = rs.getInt(1);
                if (!rs.wasNull() && version <= newest) {
                    throw new VaultException.IllegalTransition("catalogue version " + version + " is not newer than "
                            + "version " + newest + ", which this laptop has: nothing was changed");
                }
            }
            vault.syncSettings().consumeSequence(c, sequence);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO hq_catalogues VALUES (?, ?, ?, ?)")) {
                ps.setInt(1, version);
                ps.setLong(2, sequence);
                ps.setLong(3, vault.clock().millis());
                ps.setBytes(4, SyncData.seal(vault, json, "catalogue/" + version));
                ps.executeUpdate();
            }
            vault.audit(c, AuditAction.CATALOGUE_UPDATE, null, "catalogue version " + version + " by command " + sequence);
            return null;
        });
    }

    /** The catalogues HQ sent, by ascending version. */
    public List<StoredCatalogue> catalogues() {
        return vault.read("read the catalogues", c -> {
            List<StoredCatalogue> list = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT version, sequence, received_at, content FROM hq_catalogues ORDER BY version");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int version = rs.getInt(1);
                    list.add(new StoredCatalogue(version, rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3)),
                            SyncData.open(vault, SyncData.blob(rs.getBlob(4)), "catalogue/" + version)));
                }
            }
            return list;
        });
    }

    /**
     * HQ asks for a packet it rejected (or lost) once more ({@code RESEND}). Two cases are carried out, each with the
     * command's number in one transaction:
     * <ul>
     * <li>the packet was rejected and its case is still rejected, with this packet its latest: nothing can have
     * changed the case (only drafts are edited), so it goes back to complete, ready to be sealed into a new packet
     * (HQ refuses a rejected packet id for good). Returns the case id to seal.</li>
     * <li>the packet still waits in the outbox (queued or sent): nothing changes here; the caller asks HQ again about
     * it. Returns empty.</li>
     * </ul>
     *
     * @throws VaultException.IllegalTransition for anything else (no such packet, delivered, replaced, or the officer
     *                                          reopened the case: it is sealed again when the officer completes it);
     *                                          nothing changes
     */
    public Optional<String> acceptResend(long sequence, java.util.UUID packetId, String note) {
        Objects.requireNonNull(packetId, "packetId");
        String why = note == null || note.isBlank() ? "" : ": " + CaseStore.clip(note.strip(), 300);
        return vault.write("carry out HQ's resend request", c -> {
            PacketRecord p = PacketStore.get(c, packetId).orElseThrow(() -> new VaultException.IllegalTransition(
                    "this laptop has no packet " + packetId));
            if (p.state().open() && p.state() != PacketState.SEALING) {
                vault.syncSettings().consumeSequence(c, sequence);
                vault.audit(c, AuditAction.RESEND_REQUESTED, p.caseId(), "HQ asked again for packet " + packetId
                        + ", still " + p.state().name().toLowerCase(java.util.Locale.ROOT) + " here, by command " + sequence
                        + why);
                return Optional.<String>empty();
            }
            CaseState state = caseState(c, p.caseId());
            List<PacketRecord> packets = new ArrayList<>(PacketStore.list(c, "SELECT " + PacketStore.COLUMNS
                    + " FROM packets WHERE case_id = ? ORDER BY sealed_at, packet_id", p.caseId()));
            boolean latest = !packets.isEmpty() && packets.get(packets.size() - 1).packetId().equals(packetId);
            if (p.state() != PacketState.REJECTED || state != CaseState.REJECTED || !latest) {
                throw new VaultException.IllegalTransition("packet " + packetId + " is " + p.state().name()
                        .toLowerCase(java.util.Locale.ROOT) + " and its case " + state.id() + " here: "
                        + (state == CaseState.DRAFT || state == CaseState.COMPLETE
                                ? "the officer reopened the case; it is sealed again when completed"
                                : "there is nothing to send again"));
            }
            vault.syncSettings().consumeSequence(c, sequence);
            vault.audit(c, AuditAction.RESEND_REQUESTED, p.caseId(), "HQ asked again for rejected packet " + packetId
                    + " by command " + sequence + why);
            vault.cases().transition(c, p.caseId(), CaseState.DRAFT, null, "to be sent again at HQ's request");
            vault.cases().transition(c, p.caseId(), CaseState.COMPLETE, null, "unchanged since it was rejected");
            return Optional.of(p.caseId());
        });
    }

    /** HQ revoked this laptop: from now on the sync service seals and sends nothing. */
    public void acceptRevocation(long sequence, String reason) {
        String why = reason == null || reason.isBlank() ? "revoked by HQ" : CaseStore.clip(reason.strip(), 500);
        vault.write("record HQ's revocation", c -> {
            vault.syncSettings().consumeSequence(c, sequence);
            vault.syncSettings().markRevoked(c, sequence, why);
            vault.audit(c, AuditAction.DEVICE_REVOKED, null, "by command " + sequence + ": " + why);
            return null;
        });
    }

    /** Records a refused command in the audit trail; nothing else changes. {@code why} must hold no personal data. */
    public void recordRefusal(String why) {
        recordRefusal(0, null, why);
    }

    /**
     * Records the refusal of numbered command {@code sequence} (verified as HQ's, refused for {@code reason}) in the
     * audit trail, and keeps the reason so that a repeat of that number is answered as refused
     * ({@link SyncSettings#refusedCommand}). The number is not taken: HQ may send it again, corrected. Without a
     * {@code reason} only the audit entry is made.
     */
    public void recordRefusal(long sequence, String reason, String why) {
        vault.write("record the refused command", c -> {
            vault.audit(c, AuditAction.COMMAND_REFUSED, null, CaseStore.clip(String.valueOf(why), 900));
            if (reason != null) {
                vault.syncSettings().recordRefused(c, sequence, CaseStore.clip(reason, 40));
            }
            return null;
        });
    }

    private StoredWorkOrder order(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        return new StoredWorkOrder(id, rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4),
                SyncData.open(vault, SyncData.blob(rs.getBlob(5)), orderContext(id)));
    }

    private static int deleteOrders(Connection c, String column, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM work_orders WHERE " + column + " = ?")) {
            ps.setString(1, value);
            return ps.executeUpdate();
        }
    }

    private static CaseState caseState(Connection c, String caseId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM cases WHERE id = ?")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new VaultException.NoSuchCase(caseId);
                }
                return CaseState.valueOf(rs.getString(1));
            }
        }
    }

    private static void checkOrderId(String orderId) {
        if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
            throw new IllegalArgumentException("a work order id is 1-64 letters, digits, '.', '_' or '-': " + orderId);
        }
    }

    private static String orderContext(String orderId) {
        return "work-order/" + orderId;
    }

    private static String statusContext(String caseId, long sequence) {
        return "case-status/" + caseId + "/" + sequence;
    }
}
