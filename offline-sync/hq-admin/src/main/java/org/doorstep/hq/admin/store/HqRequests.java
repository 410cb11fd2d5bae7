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
import java.util.Optional;

/**
 * Work the console and the command line ask of the HQ service process because it needs HQ's keys
 * ({@code hq_requests}): today, importing a removable medium (its packets must be decrypted). The requester waits,
 * bounded, for the row to become {@code DONE} or {@code FAILED} and shows the result the service wrote.
 */
public final class HqRequests {

    /** What may be asked. */
    public enum Kind {
        /** Import the {@code doorstep-export-*} folders under a path the HQ service can read. */
        MEDIA_IMPORT
    }

    public enum State {
        WAITING, DONE, FAILED
    }

    public record Request(long id, Kind kind, String argument, State state, String requestedBy, Instant requestedAt,
            Optional<Instant> doneAt, String result) {
    }

    private HqRequests() {
    }

    public static long add(Connection c, Kind kind, String argument, String requestedBy, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO hq_requests (kind, argument, state, requested_by,"
                + " requested_at) VALUES (?, ?, 'WAITING', ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, kind.name());
            ps.setString(2, argument);
            ps.setString(3, requestedBy);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    public static Optional<Request> get(Connection c, long id) throws SQLException {
        List<Request> found = list(c, "WHERE request_id = " + id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public static List<Request> waiting(Connection c) throws SQLException {
        return list(c, "WHERE state = 'WAITING' ORDER BY request_id");
    }

    /** Takes a waiting request for the caller; false when another process took it first. */
    public static boolean claim(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE hq_requests SET state = 'RUNNING' WHERE request_id = ? AND state = 'WAITING'")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    public static void finish(Connection c, long id, boolean done, String result, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE hq_requests SET state = ?, done_at = ?, result = ? WHERE request_id = ?")) {
            ps.setString(1, done ? State.DONE.name() : State.FAILED.name());
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, result);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    private static List<Request> list(Connection c, String where) throws SQLException {
        List<Request> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT request_id, kind, argument, state, requested_by, requested_at,"
                + " done_at, result FROM hq_requests " + where); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String state = rs.getString(4);
                all.add(new Request(rs.getLong(1), Kind.valueOf(rs.getString(2)), rs.getString(3),
                        "RUNNING".equals(state) ? State.WAITING : State.valueOf(state), rs.getString(5),
                        rs.getTimestamp(6).toInstant(), CommandQueue.instant(rs, 7), rs.getString(8)));
            }
        }
        return all;
    }
}
