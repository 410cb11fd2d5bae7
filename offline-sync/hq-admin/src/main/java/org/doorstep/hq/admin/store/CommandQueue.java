package org.doorstep.hq.admin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.doorstep.sync.command.CommandType;

/**
 * HQ's outgoing commands ({@code outbound_commands}): the console and the command line queue them (they hold no HQ
 * key); the dispatcher in the HQ service process signs each with the device's next command number and publishes it;
 * the laptop's report ({@code up/result}) or wipe confirmation closes it.
 *
 * <pre>
 *   queued → sent → acknowledged         the laptop carried it out
 *                 → failed               the laptop refused it (its reason is kept)
 *   queued → failed                      it expired before it could be sent
 * </pre>
 *
 * A command's number is given once, when it is first signed, and kept on its row: a publish that failed is tried
 * again with the same number, and a device's later commands wait for it, so the laptop sees its numbers in order (it
 * refuses a number at or below the last it accepted).
 */
public final class CommandQueue {

    /** Where a command stands. */
    public enum State {
        QUEUED, SENT, ACKNOWLEDGED, FAILED
    }

    /** A command as the dispatcher and the console see it. */
    public record Entry(long commandId, String deviceId, CommandType type, String body, String reference, State state,
            Optional<Long> sequence, String requestedBy, Instant requestedAt, Instant expiresAt,
            Optional<Instant> sentAt, Optional<Instant> answeredAt, String outcomeDetail, int attempts) {
        public Entry {
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(sequence, "sequence");
            Objects.requireNonNull(sentAt, "sentAt");
            Objects.requireNonNull(answeredAt, "answeredAt");
        }
    }

    private static final String COLUMNS = "command_id, device_id, type, body, reference, state, sequence, requested_by,"
            + " requested_at, expires_at, sent_at, answered_at, outcome_detail, attempts";

    private CommandQueue() {
    }

    /** Queues a command (in the caller's transaction); returns its id. */
    public static long enqueue(Connection c, String deviceId, CommandType type, String body, String reference,
            String requestedBy, Instant now, Instant expiresAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbound_commands (device_id, type, body, reference,"
                + " state, requested_by, requested_at, expires_at, attempts, updated_at) VALUES (?, ?, ?, ?, 'QUEUED', ?,"
                + " ?, ?, 0, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, deviceId);
            ps.setString(2, type.name());
            ps.setString(3, body);
            ps.setString(4, reference);
            ps.setString(5, requestedBy);
            ps.setTimestamp(6, Timestamp.from(now));
            ps.setTimestamp(7, Timestamp.from(expiresAt));
            ps.setTimestamp(8, Timestamp.from(now));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    public static Optional<Entry> get(Connection c, long commandId) throws SQLException {
        List<Entry> found = list(c, "WHERE command_id = ?", List.of(commandId), 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Commands of one device (or every device when null), newest first. */
    public static List<Entry> ofDevice(Connection c, String deviceId, int max) throws SQLException {
        return deviceId == null ? list(c, "ORDER BY command_id DESC", List.of(), max)
                : list(c, "WHERE device_id = ? ORDER BY command_id DESC", List.of(deviceId), max);
    }

    /**
     * Queued commands the dispatcher can act on now, each device's in the order they were queued: those of laptops
     * heard since {@code onlineSince} (to send) and those expired by {@code now} (to fail). Commands of laptops that
     * stay away are left out in the query, so however many there are they never fill the {@code max} and hold back
     * those of laptops that are online.
     */
    public static List<Entry> queued(Connection c, Instant onlineSince, Instant now, int max) throws SQLException {
        return list(c, "WHERE state = 'QUEUED' AND (expires_at <= ? OR device_id IN (SELECT h.device_id FROM heartbeats h"
                + " WHERE h.received_at >= ?)) ORDER BY device_id, command_id",
                List.of(Timestamp.from(now), Timestamp.from(onlineSince)), max);
    }

    /**
     * Sent commands the laptop has not answered, published last before {@code before}, that are worth publishing again
     * (their laptop has been heard since: the answer was lost, not the laptop) or failing (expired by {@code now}).
     * The others are left out in the query, for the same reason as in {@link #queued}.
     */
    public static List<Entry> unanswered(Connection c, Instant before, Instant now, int max) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT o.command_id FROM outbound_commands o"
                + " WHERE o.state = 'SENT' AND o.updated_at < ? AND (o.expires_at <= ? OR EXISTS (SELECT 1 FROM heartbeats h"
                + " WHERE h.device_id = o.device_id AND h.received_at > o.updated_at)) ORDER BY o.device_id, o.command_id")) {
            ps.setTimestamp(1, Timestamp.from(before));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setMaxRows(Math.max(1, max));
            List<Entry> all = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    get(c, rs.getLong(1)).ifPresent(all::add);
                }
            }
            return all;
        }
    }

    /** A sent command published again (same number): counted, its time noted. */
    public static void republished(Connection c, long commandId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbound_commands SET attempts = attempts + 1,"
                + " updated_at = ? WHERE command_id = ? AND state = 'SENT'")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setLong(2, commandId);
            ps.executeUpdate();
        }
    }

    /** A sent command that expired without the laptop's answer. */
    public static void unansweredUntilExpiry(Connection c, long commandId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbound_commands SET state = 'FAILED', answered_at = ?,"
                + " outcome_detail = ?, updated_at = ? WHERE command_id = ? AND state = 'SENT'")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, "no answer from the laptop before the command expired");
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setLong(4, commandId);
            ps.executeUpdate();
        }
    }

    /** The command's number: the one it already has, else the device's next (kept on the row). */
    public static long number(Connection c, long commandId) throws SQLException {
        Entry e = get(c, commandId).orElseThrow(() -> new SQLException("command " + commandId + " is gone"));
        if (e.sequence().isPresent()) {
            return e.sequence().get();
        }
        long next = nextSequence(c, e.deviceId());
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbound_commands SET sequence = ? WHERE command_id = ?")) {
            ps.setLong(1, next);
            ps.setLong(2, commandId);
            ps.executeUpdate();
        }
        return next;
    }

    /** The next command number of a device (shared with every other sender of commands, in command_sequences). */
    public static long nextSequence(Connection c, String deviceId) throws SQLException {
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
        try (PreparedStatement ps = c.prepareStatement("SELECT last_sequence FROM command_sequences WHERE device_id = ?")) {
            ps.setString(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public static void sent(Connection c, long commandId, Instant at) throws SQLException {
        update(c, "UPDATE outbound_commands SET state = 'SENT', sent_at = ?, attempts = attempts + 1, updated_at = ?"
                + " WHERE command_id = ? AND state = 'QUEUED'", at, commandId);
    }

    /** A publish that did not go through: counted, tried again later with the same number. */
    public static void attemptFailed(Connection c, long commandId, String why, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbound_commands SET attempts = attempts + 1,"
                + " outcome_detail = ?, updated_at = ? WHERE command_id = ? AND state = 'QUEUED'")) {
            ps.setString(1, clip(why));
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setLong(3, commandId);
            ps.executeUpdate();
        }
    }

    /** A command that will never go out (expired while queued). */
    public static void failed(Connection c, long commandId, String why, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbound_commands SET state = 'FAILED', answered_at = ?,"
                + " outcome_detail = ?, updated_at = ? WHERE command_id = ? AND state = 'QUEUED'")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, clip(why));
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setLong(4, commandId);
            ps.executeUpdate();
        }
    }

    /**
     * The laptop's word on its command {@code sequence}: acknowledged (carried out) or failed (refused, with its
     * reason). A report for a command already answered, or that HQ did not send through this queue, changes nothing.
     *
     * @return the command it closed, if any
     */
    public static Optional<Long> answered(Connection c, String deviceId, long sequence, boolean carriedOut, String detail,
            Instant at) throws SQLException {
        Long id = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT command_id FROM outbound_commands WHERE device_id = ?"
                + " AND sequence = ? AND state IN ('SENT', 'QUEUED')")) {
            ps.setString(1, deviceId);
            ps.setLong(2, sequence);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    id = rs.getLong(1);
                }
            }
        }
        if (id == null) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbound_commands SET state = ?, answered_at = ?,"
                + " outcome_detail = ?, updated_at = ? WHERE command_id = ?")) {
            ps.setString(1, carriedOut ? State.ACKNOWLEDGED.name() : State.FAILED.name());
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, clip(detail));
            ps.setTimestamp(4, Timestamp.from(at));
            ps.setLong(5, id);
            ps.executeUpdate();
        }
        return Optional.of(id);
    }

    private static void update(Connection c, String sql, Instant at, long commandId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setLong(3, commandId);
            ps.executeUpdate();
        }
    }

    private static List<Entry> list(Connection c, String where, List<Object> args, int max) throws SQLException {
        List<Entry> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM outbound_commands " + where)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            ps.setMaxRows(Math.max(1, max));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(7);
                    Optional<Long> sequence = rs.wasNull() ? Optional.empty() : Optional.of(seq);
                    all.add(new Entry(rs.getLong(1), rs.getString(2), CommandType.valueOf(rs.getString(3)),
                            rs.getString(4), rs.getString(5), State.valueOf(rs.getString(6)), sequence, rs.getString(8),
                            rs.getTimestamp(9).toInstant(), rs.getTimestamp(10).toInstant(), instant(rs, 11),
                            instant(rs, 12), rs.getString(13), rs.getInt(14)));
                }
            }
        }
        return all;
    }

    static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
    }

    private static String clip(String s) {
        return s == null ? null : s.length() > 500 ? s.substring(0, 500) : s;
    }
}
