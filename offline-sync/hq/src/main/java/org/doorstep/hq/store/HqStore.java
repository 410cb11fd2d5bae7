package org.doorstep.hq.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.doorstep.hq.admin.store.CaseIndex;
import org.doorstep.hq.admin.store.IngestWorkers;
import org.doorstep.sync.chunk.Chunk;
import org.doorstep.sync.heartbeat.Heartbeat;
import org.doorstep.sync.packet.PacketEntry;
import org.doorstep.sync.packet.PacketException;
import org.doorstep.sync.packet.PacketManifest;
import org.doorstep.sync.protocol.RejectReason;

/**
 * One worker's connection to HQ's store. Chunks are kept in the shared database as they arrive (a shared
 * subscription spreads one packet's chunks over every worker), exactly one worker claims a complete packet, and
 * the packet is stored — entries, manifest, receipt id — in one transaction keyed by its packet id. Not
 * thread-safe: one per worker thread.
 */
public final class HqStore implements AutoCloseable {

    /** What HQ knows of a packet. */
    public sealed interface PacketStatus {
    }

    /** Stored, with the receipt HQ gave (and gives again for duplicates). */
    public record Stored(UUID packetId, String deviceId, String caseId, byte[] digest, long length, Instant storedAt,
            String receiptId) implements PacketStatus {
    }

    public record Rejected(UUID packetId, String deviceId, RejectReason reason, String detail, Instant at)
            implements PacketStatus {
    }

    /** Some chunks arrived; {@code assembling} when a worker has claimed it since {@code updatedAt}. */
    public record Receiving(UUID packetId, String deviceId, int count, long length, byte[] digest,
            List<Integer> missing, boolean assembling, Instant updatedAt) implements PacketStatus {
        public boolean complete() {
            return missing.isEmpty();
        }
    }

    public record Unknown(UUID packetId) implements PacketStatus {
    }

    /** What became of one chunk. */
    public enum ChunkOutcome {
        ADDED,
        /** HQ had it already: harmless */
        DUPLICATE,
        /** this chunk completed the packet and the caller now holds the claim to assemble and store it */
        COMPLETE
    }

    /** A chunk whose header contradicts the chunks of the same packet that came before. */
    public static final class HeaderMismatch extends Exception {
        private static final long serialVersionUID = 1L;

        HeaderMismatch(String message) {
            super(message);
        }
    }

    /** A second packet for a case HQ already stored under another packet id. */
    public static final class CaseAlreadyStored extends Exception {
        private static final long serialVersionUID = 1L;
        private final UUID storedAs;

        CaseAlreadyStored(UUID storedAs) {
            super("this case was already stored as packet " + storedAs);
            this.storedAs = storedAs;
        }

        public UUID storedAs() {
            return storedAs;
        }
    }

    /** Writes one entry's content into the store's transaction. */
    @FunctionalInterface
    public interface EntryWriter {
        void write(PacketEntry entry, InputStream content) throws IOException;
    }

    /** Opens the assembled packet, handing each entry to the writer; returns the verified manifest. */
    @FunctionalInterface
    public interface Opening {
        PacketManifest open(EntryWriter writer) throws PacketException, IOException;
    }

    private static final int RETRIES = 8;

    private final HqDatabase database;
    private final String worker;
    private final Clock clock;
    private Connection connection;

    public HqStore(HqDatabase database, String worker, Clock clock) throws SQLException {
        this.database = Objects.requireNonNull(database, "database");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.connection = database.connect();
    }

    public String worker() {
        return worker;
    }

    // ---- ingest ----------------------------------------------------------------------------------------------

    public PacketStatus status(UUID packetId) throws SQLException {
        return inTransaction(c -> statusIn(c, packetId));
    }

    private PacketStatus statusIn(Connection c, UUID packetId) throws SQLException {
        String id = packetId.toString();
        try (PreparedStatement ps = c.prepareStatement("SELECT device_id, case_id, packet_digest, packet_length,"
                + " stored_at, receipt_id FROM packets WHERE packet_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new Stored(packetId, rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getLong(4),
                            rs.getTimestamp(5).toInstant(), rs.getString(6));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT device_id, reason, detail, rejected_at FROM rejects"
                + " WHERE packet_id = ? ORDER BY id FETCH FIRST 1 ROWS ONLY")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new Rejected(packetId, rs.getString(1), RejectReason.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getTimestamp(4).toInstant());
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT device_id, chunk_count, state, updated_at, packet_length, packet_digest FROM inbound"
                + " WHERE packet_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    int count = rs.getInt(2);
                    return new Receiving(packetId, rs.getString(1), count, rs.getLong(5), rs.getBytes(6),
                            missingIn(c, id, count), "ASSEMBLING".equals(rs.getString(3)), rs.getTimestamp(4).toInstant());
                }
            }
        }
        return new Unknown(packetId);
    }

    private static List<Integer> missingIn(Connection c, String id, int count) throws SQLException {
        boolean[] have = new boolean[count];
        try (PreparedStatement ps = c.prepareStatement("SELECT idx FROM inbound_chunks WHERE packet_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int idx = rs.getInt(1);
                    if (idx >= 0 && idx < count) {
                        have[idx] = true;
                    }
                }
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!have[i]) {
                missing.add(i);
            }
        }
        return missing;
    }

    /**
     * Keeps one chunk (the caller has decoded it, so its own digest is right, and has checked that the packet is
     * neither stored nor rejected).
     *
     * @throws HeaderMismatch its count, length or packet digest differ from the packet's earlier chunks
     */
    public ChunkOutcome addChunk(String deviceId, Chunk chunk) throws SQLException, HeaderMismatch {
        String id = chunk.packetId().toString();
        Timestamp now = Timestamp.from(clock.instant());
        Object result = inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT device_id, chunk_count, packet_length, packet_digest"
                    + " FROM inbound WHERE packet_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        String mismatch = !rs.getString(1).equals(deviceId) ? "it comes from another device"
                                : rs.getInt(2) != chunk.count() ? "its chunk count differs"
                                : rs.getLong(3) != chunk.packetLength() ? "its packet length differs"
                                : !Arrays.equals(rs.getBytes(4), chunk.packetDigest()) ? "its packet digest differs" : null;
                        if (mismatch != null) {
                            return "chunk " + chunk.index() + " of packet " + id + " contradicts the earlier chunks: "
                                    + mismatch;
                        }
                    } else {
                        try (PreparedStatement insert = c.prepareStatement("INSERT INTO inbound (packet_id, device_id,"
                                + " chunk_count, packet_length, packet_digest, received, state, first_at, updated_at)"
                                + " VALUES (?, ?, ?, ?, ?, 0, 'RECEIVING', ?, ?)")) {
                            insert.setString(1, id);
                            insert.setString(2, deviceId);
                            insert.setInt(3, chunk.count());
                            insert.setLong(4, chunk.packetLength());
                            insert.setBytes(5, chunk.packetDigest());
                            insert.setTimestamp(6, now);
                            insert.setTimestamp(7, now);
                            insert.executeUpdate();
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO inbound_chunks (packet_id, idx, payload) VALUES (?, ?, ?)")) {
                ps.setString(1, id);
                ps.setInt(2, chunk.index());
                ps.setBytes(3, chunk.payload());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (isDuplicateKey(e)) {
                    return ChunkOutcome.DUPLICATE;
                }
                throw e;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE inbound SET received = received + 1, updated_at = ?"
                    + " WHERE packet_id = ?")) {
                ps.setTimestamp(1, now);
                ps.setString(2, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE inbound SET state = 'ASSEMBLING', updated_at = ?,"
                    + " claimed_by = ? WHERE packet_id = ? AND state = 'RECEIVING' AND received = chunk_count")) {
                ps.setTimestamp(1, now);
                ps.setString(2, worker);
                ps.setString(3, id);
                return ps.executeUpdate() == 1 ? ChunkOutcome.COMPLETE : ChunkOutcome.ADDED;
            }
        });
        if (result instanceof String mismatch) {
            throw new HeaderMismatch(mismatch);
        }
        return (ChunkOutcome) result;
    }

    /**
     * Takes over a complete packet nobody is assembling: unclaimed (its worker gave up), claimed by a worker whose
     * last sign of life ({@link #alive}) is older than {@code claimantSilent} or who {@link #stopped}, or claimed longer
     * ago than {@code olderThan} whoever holds it (a worker alive but stuck, or one that never gives signs of life: a
     * worker outside the ingest service). True when the caller now holds the claim. Signs of life are compared in the
     * database's own time, so the workers' clocks need not agree.
     */
    public boolean reclaim(UUID packetId, Duration olderThan, Duration claimantSilent) throws SQLException {
        Instant now = clock.instant();
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE inbound SET state = 'ASSEMBLING', updated_at = ?,"
                    + " claimed_by = ? WHERE packet_id = ? AND received = chunk_count AND (state = 'RECEIVING'"
                    + " OR (state = 'ASSEMBLING' AND (updated_at < ? OR "
                    + IngestWorkers.silentSql("inbound.claimed_by", claimantSilent) + ")))")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setString(2, worker);
                ps.setString(3, packetId.toString());
                ps.setTimestamp(4, Timestamp.from(now.minus(olderThan)));
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Gives up a claim after HQ itself failed (database, disk) while assembling, so that the laptop's next resume
     * query can have the packet assembled at once instead of after {@code STALE_CLAIM}.
     */
    public void release(UUID packetId) throws SQLException {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE inbound SET state = 'RECEIVING', claimed_by = NULL"
                    + " WHERE packet_id = ? AND state = 'ASSEMBLING'")) {
                ps.setString(1, packetId.toString());
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Records that this store's worker is alive, in the database's time; a running worker says so every
     * {@link IngestWorkers#ALIVE_EVERY} so that the others know its claims are being worked on.
     */
    public void alive() throws SQLException {
        inTransaction(c -> {
            IngestWorkers.alive(c, worker);
            return null;
        });
    }

    /** Records that this store's worker stopped for good: its claims can be taken over at once. */
    public void stopped() throws SQLException {
        inTransaction(c -> {
            IngestWorkers.stopped(c, worker);
            return null;
        });
    }

    /** Writes the claimed packet's chunks, in order, to {@code out}. */
    public void writeAssembled(UUID packetId, OutputStream out) throws SQLException, IOException {
        connection.rollback();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT idx, payload FROM inbound_chunks WHERE packet_id = ? ORDER BY idx")) {
            ps.setString(1, packetId.toString());
            try (ResultSet rs = ps.executeQuery()) {
                int expected = 0;
                while (rs.next()) {
                    if (rs.getInt(1) != expected++) {
                        throw new IOException("chunk " + (expected - 1) + " of packet " + packetId + " is gone");
                    }
                    try (InputStream in = rs.getBinaryStream(2)) {
                        in.transferTo(out);
                    }
                }
            }
        } finally {
            connection.commit();
        }
    }

    /**
     * Stores a packet in one transaction: its entries (streamed by {@code opening} while it verifies and
     * decrypts), its manifest and a new receipt id; the chunks go. If the opening fails, nothing is kept.
     *
     * @return the stored packet, or the one already stored under this id (a duplicate)
     * @throws CaseAlreadyStored the manifest's case is already stored under another packet id
     */
    public Stored store(UUID packetId, String deviceId, byte[] digest, long length, Opening opening)
            throws SQLException, PacketException, IOException, CaseAlreadyStored {
        String id = packetId.toString();
        Connection c = connection;
        c.rollback();
        try {
            if (statusIn(c, packetId) instanceof Stored already) {
                c.commit();
                return already;
            }
            PacketManifest manifest = opening.open((entry, content) -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO packet_entries (packet_id, name, media_type,"
                        + " length, content) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, id);
                    ps.setString(2, entry.name());
                    ps.setString(3, entry.mediaType());
                    ps.setLong(4, entry.length());
                    ps.setBinaryStream(5, content, entry.length());
                    ps.executeUpdate();
                } catch (SQLException e) {
                    throw new IOException("could not store entry " + entry.name() + ": " + e.getMessage(), e);
                }
            });
            Optional<UUID> sameCase = packetOfCase(c, deviceId, manifest.caseId());
            if (sameCase.isPresent()) {
                c.rollback();
                throw new CaseAlreadyStored(sameCase.get());
            }
            Instant now = clock.instant();
            String receiptId = "R-" + UUID.randomUUID();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO packets (packet_id, device_id, case_id,"
                    + " packet_digest, packet_length, sealed_at, stored_at, receipt_id, worker, manifest)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, deviceId);
                ps.setString(3, manifest.caseId());
                ps.setBytes(4, digest);
                ps.setLong(5, length);
                ps.setTimestamp(6, Timestamp.from(manifest.created()));
                ps.setTimestamp(7, Timestamp.from(now));
                ps.setString(8, receiptId);
                ps.setString(9, worker);
                ps.setString(10, new String(manifest.toJson(), java.nio.charset.StandardCharsets.UTF_8));
                ps.executeUpdate();
            }
            // the console's facts of the case (creation time, officer, exceptions, audit entries), in the same commit
            CaseIndex.index(c, packetId, deviceId, manifest.caseId(), now);
            deleteInbound(c, id);
            c.commit();
            return new Stored(packetId, deviceId, manifest.caseId(), digest, length, now, receiptId);
        } catch (SQLException | PacketException | IOException | RuntimeException e) {
            c.rollback();
            if (e instanceof SQLException sql && isDuplicateKey(sql) && status(packetId) instanceof Stored already) {
                return already; // another worker stored it at the same moment
            }
            throw e;
        }
    }

    private static Optional<UUID> packetOfCase(Connection c, String deviceId, String caseId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT packet_id FROM packets WHERE device_id = ? AND case_id = ?")) {
            ps.setString(1, deviceId);
            ps.setString(2, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(UUID.fromString(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /**
     * Records why a packet (or, with a null id, an unreadable message) was refused and drops its chunks.
     * Returns the rejection now on record (the first one stands).
     */
    public Rejected reject(UUID packetId, String deviceId, RejectReason reason, String detail) throws SQLException {
        String text = detail == null ? "" : detail.length() > 500 ? detail.substring(0, 500) : detail;
        Instant now = clock.instant();
        return inTransaction(c -> {
            if (packetId != null && statusIn(c, packetId) instanceof Rejected earlier) {
                deleteInbound(c, packetId.toString());
                return earlier;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rejects (packet_id, device_id, reason, detail,"
                    + " rejected_at, worker) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, packetId == null ? null : packetId.toString());
                ps.setString(2, deviceId);
                ps.setString(3, reason.name());
                ps.setString(4, text);
                ps.setTimestamp(5, Timestamp.from(now));
                ps.setString(6, worker);
                ps.executeUpdate();
            }
            if (packetId != null) {
                deleteInbound(c, packetId.toString());
            }
            return new Rejected(packetId, deviceId, reason, text, now);
        });
    }

    private static void deleteInbound(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM inbound_chunks WHERE packet_id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM inbound WHERE packet_id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    /** Keeps the newest heartbeat of a device (an older or repeated one is ignored). */
    public void heartbeat(Heartbeat h, Instant receivedAt) throws SQLException {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE heartbeats SET sequence = ?, sent_at = ?,"
                    + " received_at = ?, backlog_cases = ?, backlog_bytes = ?, oldest_unsent_seconds = ?,"
                    + " software_version = ?, catalogue_version = ?, free_disk_bytes = ?, officer_id = ?"
                    + " WHERE device_id = ? AND sequence < ?")) {
                fillHeartbeat(ps, h, receivedAt);
                ps.setString(11, h.deviceId());
                ps.setLong(12, h.sequence());
                if (ps.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO heartbeats (sequence, sent_at, received_at,"
                    + " backlog_cases, backlog_bytes, oldest_unsent_seconds, software_version, catalogue_version,"
                    + " free_disk_bytes, officer_id, device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                fillHeartbeat(ps, h, receivedAt);
                ps.setString(11, h.deviceId());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!isDuplicateKey(e)) {
                    throw e; // a duplicate key: the device has a newer heartbeat on record
                }
            }
            return null;
        });
    }

    private static void fillHeartbeat(PreparedStatement ps, Heartbeat h, Instant receivedAt) throws SQLException {
        ps.setLong(1, h.sequence());
        ps.setTimestamp(2, Timestamp.from(h.sentAt()));
        ps.setTimestamp(3, Timestamp.from(receivedAt));
        ps.setInt(4, h.backlogCases());
        ps.setLong(5, h.backlogBytes());
        if (h.oldestUnsent().isPresent()) {
            ps.setLong(6, h.oldestUnsent().get().toSeconds());
        } else {
            ps.setNull(6, java.sql.Types.BIGINT);
        }
        ps.setString(7, h.softwareVersion());
        ps.setInt(8, h.catalogueVersion());
        ps.setLong(9, h.freeDiskBytes());
        ps.setString(10, h.officer().orElse(null));
    }

    /** The next command number for a device: strictly increasing, never reused (the laptop refuses repeats). */
    public long nextCommandSequence(String deviceId) throws SQLException {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE command_sequences SET last_sequence = last_sequence + 1 WHERE device_id = ?")) {
                ps.setString(1, deviceId);
                if (ps.executeUpdate() == 0) {
                    try (PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO command_sequences (device_id, last_sequence) VALUES (?, 1)")) {
                        insert.setString(1, deviceId);
                        insert.executeUpdate();
                    }
                    return 1L;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT last_sequence FROM command_sequences WHERE device_id = ?")) {
                ps.setString(1, deviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    // ---- reading (tests, console) -----------------------------------------------------------------------------

    public long count(String table) throws SQLException {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException(table);
        }
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public List<Stored> packets() throws SQLException {
        return inTransaction(c -> {
            List<Stored> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT packet_id, device_id, case_id, packet_digest,"
                    + " packet_length, stored_at, receipt_id FROM packets ORDER BY stored_at, packet_id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new Stored(UUID.fromString(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getBytes(4),
                            rs.getLong(5), rs.getTimestamp(6).toInstant(), rs.getString(7)));
                }
            }
            return all;
        });
    }

    public List<Rejected> rejects() throws SQLException {
        return inTransaction(c -> {
            List<Rejected> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT packet_id, device_id, reason, detail, rejected_at FROM rejects"
                    + " ORDER BY id"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    all.add(new Rejected(id == null ? null : UUID.fromString(id), rs.getString(2),
                            RejectReason.valueOf(rs.getString(3)), rs.getString(4), rs.getTimestamp(5).toInstant()));
                }
            }
            return all;
        });
    }

    /** One stored entry's content (tests and the console). */
    public Optional<byte[]> entry(UUID packetId, String name) throws SQLException {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT content FROM packet_entries WHERE packet_id = ? AND name = ?")) {
                ps.setString(1, packetId.toString());
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    // ---- plumbing -------------------------------------------------------------------------------------------

    /** Work on HQ's tables in one transaction of this connection (the administration's store classes). */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction, again after a deadlock or lock time-out. */
    public <T> T transaction(SqlWork<T> work) throws SQLException {
        return inTransaction(work::run);
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs one transaction, again after a deadlock or lock time-out (workers touch the same packet rows). */
    <T> T inTransaction(Work<T> work) throws SQLException {
        for (int attempt = 1;; attempt++) {
            ensureConnection();
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException e) {
                rollbackQuietly();
                if (attempt >= RETRIES || !isTransient(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(5L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void ensureConnection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = database.connect();
        }
    }

    private void rollbackQuietly() {
        try {
            if (connection != null && !connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the connection is dropped either way
        }
        connection = null;
    }

    static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40XL1".equals(state) || "40XL2".equals(state);
    }

    @Override
    public void close() {
        if (connection != null) {
            rollbackQuietly();
            closeQuietly();
        }
    }
}
