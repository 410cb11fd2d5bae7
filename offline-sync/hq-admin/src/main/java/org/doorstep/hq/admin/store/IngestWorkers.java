package org.doorstep.hq.admin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.doorstep.hq.admin.IngestWorkerView;

/**
 * The ingest workers' signs of life ({@code ingest_workers}): a running worker records one every
 * {@link #ALIVE_EVERY}; one silent for {@link #SILENT_AFTER} is taken for dead, so the packets it claimed are taken
 * over and the console says so; one that shut down cleanly is recorded as stopped. Every time here is the database's
 * own ({@code CURRENT_TIMESTAMP}, written and compared in the same place), so the hosts' clocks need not agree.
 */
public final class IngestWorkers {

    /** How often a running worker records that it is alive. */
    public static final Duration ALIVE_EVERY = Duration.ofSeconds(2);

    /** A worker silent this long (five missed signs of life) is taken for dead. */
    public static final Duration SILENT_AFTER = ALIVE_EVERY.multipliedBy(5);

    /** What a worker that shut down cleanly leaves as its last sign of life. */
    private static final Timestamp STOPPED = Timestamp.from(Instant.EPOCH);

    /** SQL true for a worker that stopped: its sign of life is {@link #STOPPED}, whatever the time zone made of it. */
    private static final String HAS_STOPPED = "alive_at < TIMESTAMP('1970-01-02 00:00:00')";

    private IngestWorkers() {
    }

    /** Records that {@code worker} is alive now. */
    public static void alive(Connection c, String worker) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE ingest_workers SET alive_at = CURRENT_TIMESTAMP WHERE name = ?")) {
            ps.setString(1, worker);
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ingest_workers (name, alive_at) VALUES (?, CURRENT_TIMESTAMP)")) {
            ps.setString(1, worker);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            // another process under the same name said it first: alive either way
        }
    }

    /** Records that {@code worker} stopped for good: its claims can be taken over at once. */
    public static void stopped(Connection c, String worker) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ingest_workers SET alive_at = ? WHERE name = ?")) {
            ps.setTimestamp(1, STOPPED);
            ps.setString(2, worker);
            ps.executeUpdate();
        }
    }

    /**
     * An SQL condition, true when the worker named by {@code nameColumn} has a sign of life on record and it is older
     * than {@code silent} (or it stopped). A worker with none on record (one outside the ingest service) is not
     * matched: nothing is known of it.
     */
    public static String silentSql(String nameColumn, Duration silent) {
        return "EXISTS (SELECT 1 FROM ingest_workers w WHERE w.name = " + nameColumn + " AND w.alive_at < "
                + secondsAgo(silent) + ")";
    }

    /** Every worker on record, by name, as of the database's now; {@code now} is the reader's clock. */
    public static List<IngestWorkerView> read(Connection c, Instant now) throws SQLException {
        List<IngestWorkerView> workers = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, alive_at, CURRENT_TIMESTAMP, CASE WHEN "
                + HAS_STOPPED + " THEN 1 ELSE 0 END FROM ingest_workers ORDER BY name"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp at = rs.getTimestamp(2);
                if (rs.getInt(4) == 1) {
                    workers.add(new IngestWorkerView(rs.getString(1), IngestWorkerView.State.STOPPED, Optional.empty()));
                    continue;
                }
                // the silence measured in the database's time, then placed on the reader's clock
                Duration silent = Duration.between(at.toInstant(), rs.getTimestamp(3).toInstant());
                Instant last = now.minus(silent.isNegative() ? Duration.ZERO : silent);
                workers.add(new IngestWorkerView(rs.getString(1), silent.compareTo(SILENT_AFTER) >= 0
                        ? IngestWorkerView.State.SILENT : IngestWorkerView.State.ALIVE, Optional.of(last)));
            }
        }
        return workers;
    }

    /** For the board's monitor: changes when a worker starts, stops or falls silent, not at every sign of life. */
    public static String fingerprintSql() {
        return "SELECT COUNT(*), SUM(CASE WHEN alive_at >= " + secondsAgo(SILENT_AFTER) + " THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN " + HAS_STOPPED + " THEN 1 ELSE 0 END) FROM ingest_workers";
    }

    private static String secondsAgo(Duration d) {
        return "{fn TIMESTAMPADD(SQL_TSI_SECOND, " + -Math.max(1, d.toSeconds()) + ", CURRENT_TIMESTAMP)}";
    }
}
