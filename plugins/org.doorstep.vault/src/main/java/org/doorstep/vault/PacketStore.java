package org.doorstep.vault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The packets cases travel to HQ in, and what HQ's answers do to the cases. Every method changes the packet and its
 * case in one transaction with the audit entry, so the spool, the outbox and the case list are rebuilt from here
 * after any crash and never disagree. HQ's answers are idempotent: a second receipt or rejection for the same packet
 * changes nothing and is not an error, because MQTT delivers at least once.
 */
public final class PacketStore {

    static final String COLUMNS = "packet_id, case_id, urgent, state, sealed_at, queued_at, bytes, digest, "
            + "receipt, rejection";

    private final Vault vault;
    private final List<Consumer<PacketRecord>> queuedListeners = new CopyOnWriteArrayList<>();

    PacketStore(Vault vault) {
        this.vault = vault;
    }

    /**
     * Tells {@code listener} of every packet queued from now on (its file complete in the spool), after the commit, on
     * the thread that queued it, whoever sealed the case: the running sync client learns of a case sealed by the
     * guided case or the command line at once. A failing listener is logged and does not undo the queuing.
     *
     * @return closing it stops the telling
     */
    public AutoCloseable onQueued(Consumer<PacketRecord> listener) {
        queuedListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
        return () -> queuedListeners.remove(listener);
    }

    /**
     * As {@link #beginSealing(String)}, and a complete case gets its packet only if that leaves at most
     * {@code maxPackets} packets waiting for HQ (being sealed, queued or sent) and at most {@code maxBytes} bytes
     * with {@code packetBytes} (the most the new packet can have). Checked inside the transaction that seals the case,
     * so two sealings at once cannot both take the last room.
     *
     * @throws VaultException.NoRoom when it would not fit; nothing changed, the case stays complete
     */
    public PacketRecord beginSealing(String caseId, int maxPackets, long maxBytes, long packetBytes) {
        if (maxPackets < 1 || maxBytes < 1 || packetBytes < 0) {
            throw new IllegalArgumentException("a capacity of at least one packet and one byte, and a packet size, please");
        }
        return beginSealing(caseId, new long[] {maxPackets, maxBytes, packetBytes});
    }

    /**
     * Starts sealing a case: a complete case becomes sealed and gets a new packet in state {@link PacketState#SEALING}.
     * A sealed case that has no open packet (sealed by an older version or the command line) gets one too. A case
     * whose packet is still being sealed keeps it: sealing again after a crash writes the same packet id. A case
     * already queued or sent is refused.
     */
    public PacketRecord beginSealing(String caseId) {
        return beginSealing(caseId, null);
    }

    private PacketRecord beginSealing(String caseId, long[] room) {
        return vault.write("seal the case", c -> {
            PacketRecord open = openPacketOf(c, caseId);
            if (open != null && open.state() == PacketState.SEALING) {
                return open;
            }
            if (open != null) {
                throw new VaultException.IllegalTransition("case " + CaseStore.shortId(caseId) + " is sealed already, in "
                        + "packet " + open.packetId() + " (" + name(open.state()) + ")");
            }
            CaseState state = CaseStore.state(c, caseId);
            if (state != CaseState.COMPLETE && state != CaseState.SEALED) {
                throw new VaultException.IllegalTransition("case " + CaseStore.shortId(caseId) + " is " + state.id()
                        + ": only a complete case can be sealed");
            }
            if (room != null && state == CaseState.COMPLETE) {
                requireRoom(c, (int) room[0], room[1], room[2]);
            }
            UUID packetId = UUID.randomUUID();
            boolean urgent = vault.cases().summary(c, caseId).urgent();
            insert(c, packetId, caseId, urgent);
            if (state == CaseState.COMPLETE) {
                vault.cases().transition(c, caseId, CaseState.SEALED, null, "packet " + packetId);
            } else {
                vault.audit(c, AuditAction.SEAL, caseId, "sealed case gets packet " + packetId);
            }
            return get(c, packetId).orElseThrow();
        });
    }

    /**
     * The packet's file is complete in the spool: the packet is queued, with the file's size and SHA-256, and a
     * sealed case becomes queued. (A replacement packet's case is queued already.)
     */
    public PacketRecord queue(UUID packetId, long bytes, byte[] sha256) {
        if (bytes <= 0 || sha256 == null || sha256.length != 32) {
            throw new IllegalArgumentException("a queued packet has a size and a 32-byte SHA-256");
        }
        PacketRecord queued = vault.write("queue the packet", c -> {
            PacketRecord p = require(c, packetId);
            if (p.state() != PacketState.SEALING) {
                throw new VaultException.IllegalTransition("packet " + packetId + " is " + name(p.state())
                        + ": only a packet being sealed can be queued");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE packets SET state = 'QUEUED', queued_at = ?, "
                    + "bytes = ?, digest = ?, updated_at = ? WHERE packet_id = ?")) {
                long now = vault.clock().millis();
                ps.setLong(1, now);
                ps.setLong(2, bytes);
                ps.setBytes(3, sha256);
                ps.setLong(4, now);
                ps.setString(5, packetId.toString());
                ps.executeUpdate();
            }
            String detail = "packet " + packetId + ", " + bytes + " bytes";
            if (CaseStore.state(c, p.caseId()) == CaseState.SEALED) {
                vault.cases().transition(c, p.caseId(), CaseState.QUEUED, null, detail);
            } else {
                vault.audit(c, AuditAction.QUEUE, p.caseId(), "replacement " + detail);
            }
            return get(c, packetId).orElseThrow();
        });
        for (Consumer<PacketRecord> listener : queuedListeners) {
            try {
                listener.accept(queued);
            } catch (RuntimeException e) {
                System.getLogger(PacketStore.class.getName()).log(System.Logger.Level.WARNING,
                        "a listener for queued packets failed on " + packetId + " (it stays queued): " + e, e);
            }
        }
        return queued;
    }

    /**
     * The open packet's file was lost (deleted, damaged disk) before HQ confirmed it: the packet is marked replaced
     * and a new one is opened for the same case, which the caller seals again from the case's data (not shredded:
     * only a receipt shreds). A sent case goes back to queued.
     */
    public PacketRecord replace(UUID packetId, String why) {
        return vault.write("replace the lost packet", c -> {
            PacketRecord p = require(c, packetId);
            if (p.state() != PacketState.QUEUED && p.state() != PacketState.SENT) {
                throw new VaultException.IllegalTransition("packet " + packetId + " is " + name(p.state())
                        + ": only a queued or sent packet can be replaced");
            }
            close(vault, c, packetId, PacketState.REPLACED, null, null);
            UUID next = UUID.randomUUID();
            insert(c, next, p.caseId(), p.urgent());
            vault.audit(c, AuditAction.PACKET_REPLACED, p.caseId(), "packet " + packetId + " replaced by " + next
                    + (why == null ? "" : ": " + CaseStore.clip(why, 300)));
            if (CaseStore.state(c, p.caseId()) == CaseState.SENT) {
                vault.cases().transition(c, p.caseId(), CaseState.QUEUED, null, "packet " + next);
            }
            return get(c, next).orElseThrow();
        });
    }

    /**
     * Every chunk was handed to the broker: the packet and its case become sent. Proves nothing about HQ. Returns
     * false, changing nothing, when the packet is no longer queued (sent before, or already answered by HQ).
     */
    public boolean sent(UUID packetId) {
        return vault.write("mark the packet sent", c -> {
            PacketRecord p = require(c, packetId);
            if (p.state() != PacketState.QUEUED) {
                return false;
            }
            setState(c, packetId, PacketState.SENT);
            vault.cases().transition(c, p.caseId(), CaseState.SENT, null, "packet " + packetId);
            return true;
        });
    }

    /**
     * HQ's receipt for the packet: the packet becomes delivered and its case delivered, then the case is
     * crypto-shredded (as {@link CaseStore#acceptReceipt}). A packet that went by removable media may get its receipt
     * while still queued: its case goes through sent. A receipt for a packet that was replaced (its file lost) still
     * means HQ has the case, so the replacement is closed too. Empty, changing nothing, when the packet was delivered
     * already (a repeated receipt).
     *
     * @throws VaultException.IllegalTransition when HQ rejected the packet before, or it was never sealed
     */
    public Optional<CaseSummary> delivered(UUID packetId, String receiptReference) {
        String reference = CaseStore.checkNote(receiptReference);
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("a receipt reference is required");
        }
        String caseId = vault.write("record HQ's receipt", c -> {
            PacketRecord p = require(c, packetId);
            switch (p.state()) {
                case DELIVERED:
                    return null;
                case REJECTED, SEALING:
                    throw new VaultException.IllegalTransition("packet " + packetId + " is " + name(p.state())
                            + " here, so HQ's receipt for it was not accepted");
                default:
                    break;
            }
            PacketRecord open = openPacketOf(c, p.caseId());
            if (open != null && !open.packetId().equals(packetId)) {
                close(vault, c, open.packetId(), PacketState.REPLACED, null, null);
            }
            close(vault, c, packetId, PacketState.DELIVERED, reference, null);
            if (CaseStore.state(c, p.caseId()) == CaseState.QUEUED) {
                vault.cases().transition(c, p.caseId(), CaseState.SENT, null, "packet " + packetId + " went by other means");
            }
            vault.cases().markDelivered(c, p.caseId(), reference, packetId.toString());
            return p.caseId();
        });
        return caseId == null ? Optional.empty() : Optional.of(vault.cases().shred(caseId));
    }

    /**
     * HQ refused the packet for good: the packet is rejected and its case too, with HQ's reason as the case's note,
     * which the officer sees. Empty, changing nothing, when the packet was rejected already.
     *
     * @throws VaultException.IllegalTransition when HQ confirmed the packet before
     */
    public Optional<CaseSummary> rejected(UUID packetId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a rejection needs HQ's reason");
        }
        String note = CaseStore.clip(reason.strip(), CaseStore.MAX_NOTE);
        return vault.write("record HQ's rejection", c -> {
            PacketRecord p = require(c, packetId);
            switch (p.state()) {
                case REJECTED:
                    return Optional.empty();
                case DELIVERED, SEALING:
                    throw new VaultException.IllegalTransition("packet " + packetId + " is " + name(p.state())
                            + " here, so HQ's rejection of it was not accepted");
                default:
                    break;
            }
            close(vault, c, packetId, PacketState.REJECTED, null, note);
            if (p.state() == PacketState.REPLACED) {
                vault.audit(c, AuditAction.REJECTED, p.caseId(), "replaced packet " + packetId + " rejected: " + note);
                return Optional.of(vault.cases().summary(c, p.caseId()));
            }
            vault.cases().transition(c, p.caseId(), CaseState.REJECTED, note, "packet " + packetId);
            return Optional.of(vault.cases().summary(c, p.caseId()));
        });
    }

    public Optional<PacketRecord> get(UUID packetId) {
        return vault.read("read the packet", c -> get(c, packetId));
    }

    /** Packets still waiting for HQ (sealing, queued, sent), oldest first. */
    public List<PacketRecord> open() {
        return vault.read("list the packets", c -> list(c,
                "SELECT " + COLUMNS + " FROM packets WHERE state IN ('SEALING', 'QUEUED', 'SENT') ORDER BY sealed_at, packet_id",
                null));
    }

    /** Every packet a case travelled in, oldest first. */
    public List<PacketRecord> ofCase(String caseId) {
        return vault.read("list the case's packets", c -> list(c,
                "SELECT " + COLUMNS + " FROM packets WHERE case_id = ? ORDER BY sealed_at, packet_id", caseId));
    }

    // ---- helpers, also for CaseStore ----

    private static void requireRoom(Connection c, int maxPackets, long maxBytes, long packetBytes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM packets "
                + "WHERE state IN ('SEALING', 'QUEUED', 'SENT')");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            int packets = rs.getInt(1);
            long bytes = rs.getLong(2);
            if (packets + 1 > maxPackets || bytes + packetBytes > maxBytes) {
                throw new VaultException.NoRoom(packets, bytes);
            }
        }
    }

    /** The case's packet still waiting for HQ, or {@code null}. */
    static PacketRecord openPacketOf(Connection c, String caseId) throws SQLException {
        List<PacketRecord> open = list(c, "SELECT " + COLUMNS + " FROM packets WHERE case_id = ? "
                + "AND state IN ('SEALING', 'QUEUED', 'SENT')", caseId);
        return open.isEmpty() ? null : open.get(0);
    }

    /** Gives a packet its outcome, inside the caller's transaction. */
    static void close(Vault vault, Connection c, UUID packetId, PacketState outcome, String receipt, String rejection)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE packets SET state = ?, receipt = ?, rejection = ?, updated_at = ? WHERE packet_id = ?")) {
            ps.setString(1, outcome.name());
            ps.setString(2, receipt);
            ps.setString(3, rejection);
            ps.setLong(4, vault.clock().millis());
            ps.setString(5, packetId.toString());
            ps.executeUpdate();
        }
    }

    private void insert(Connection c, UUID packetId, String caseId, boolean urgent) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO packets (packet_id, case_id, urgent, state, "
                + "sealed_at, updated_at) VALUES (?, ?, ?, 'SEALING', ?, ?)")) {
            long now = vault.clock().millis();
            ps.setString(1, packetId.toString());
            ps.setString(2, caseId);
            ps.setShort(3, (short) (urgent ? 1 : 0));
            ps.setLong(4, now);
            ps.setLong(5, now);
            ps.executeUpdate();
        }
    }

    private void setState(Connection c, UUID packetId, PacketState state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE packets SET state = ?, updated_at = ? WHERE packet_id = ?")) {
            ps.setString(1, state.name());
            ps.setLong(2, vault.clock().millis());
            ps.setString(3, packetId.toString());
            ps.executeUpdate();
        }
    }

    private static PacketRecord require(Connection c, UUID packetId) throws SQLException {
        return get(c, packetId).orElseThrow(() -> new VaultException.NoSuchPacket(packetId));
    }

    static Optional<PacketRecord> get(Connection c, UUID packetId) throws SQLException {
        List<PacketRecord> found = list(c, "SELECT " + COLUMNS + " FROM packets WHERE packet_id = ?", packetId.toString());
        return found.stream().findFirst();
    }

    static List<PacketRecord> list(Connection c, String sql, String arg) throws SQLException {
        List<PacketRecord> packets = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long queued = rs.getLong(6);
                    Instant queuedAt = rs.wasNull() ? null : Instant.ofEpochMilli(queued);
                    packets.add(new PacketRecord(UUID.fromString(rs.getString(1)), rs.getString(2), rs.getShort(3) != 0,
                            PacketState.valueOf(rs.getString(4)), Instant.ofEpochMilli(rs.getLong(5)), queuedAt,
                            rs.getLong(7), rs.getBytes(8), rs.getString(9), rs.getString(10)));
                }
            }
        }
        return packets;
    }

    private static String name(PacketState state) {
        return state.name().toLowerCase(java.util.Locale.ROOT);
    }
}
