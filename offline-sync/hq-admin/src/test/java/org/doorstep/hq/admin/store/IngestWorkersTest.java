package org.doorstep.hq.admin.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.doorstep.hq.admin.IngestWorkerView;
import org.doorstep.hq.admin.IngestWorkerView.State;
import org.doorstep.hq.admin.internal.Devices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest workers' signs of life as the administration reads them: running, silent (taken for dead) and stopped
 * workers told apart; the board's fingerprint changes when a worker falls silent or stops, never at a mere renewal
 * (the monitor would otherwise re-read the board every two seconds); and the condition claims are taken over by
 * matches silent and stopped workers only, never one that gives no signs of life at all. A silence is staged by
 * setting a sign of life back, not waited for.
 */
class IngestWorkersTest {

    @TempDir
    Path dir;
    private String url;
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        url = "jdbc:derby:" + dir.resolve("hq").toAbsolutePath();
        c = DriverManager.getConnection(url + ";create=true");
        HqSchema.ensure(c);
        c.commit();
    }

    @AfterEach
    void close() throws SQLException {
        c.rollback();
        c.close();
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (SQLException expected) {
            // 08006
        }
    }

    @Test
    void runningSilentAndStoppedWorkersAreToldApart() throws Exception {
        IngestWorkers.alive(c, "hq-ingest-1");
        IngestWorkers.alive(c, "hq-ingest-2");
        IngestWorkers.alive(c, "hq-ingest-3");
        IngestWorkers.alive(c, "hq-ingest-3"); // a renewal, not a second row
        c.commit();
        assertEquals(Map.of("hq-ingest-1", State.ALIVE, "hq-ingest-2", State.ALIVE, "hq-ingest-3", State.ALIVE),
                states(IngestWorkers.read(c, Instant.now())));

        setBack("hq-ingest-2", IngestWorkers.SILENT_AFTER.plusSeconds(1));
        IngestWorkers.stopped(c, "hq-ingest-3");
        c.commit();
        Instant now = Instant.now();
        List<IngestWorkerView> read = IngestWorkers.read(c, now);
        assertEquals(Map.of("hq-ingest-1", State.ALIVE, "hq-ingest-2", State.SILENT, "hq-ingest-3", State.STOPPED),
                states(read));
        IngestWorkerView silent = read.get(1);
        Instant last = silent.lastSign().orElseThrow();
        assertTrue(!last.isAfter(now.minus(IngestWorkers.SILENT_AFTER)), "its last sign of life, on the reader's clock: "
                + last + " against " + now);
        assertEquals(Optional.empty(), read.get(2).lastSign(), "a stopped worker has no sign of life to show");

        IngestWorkers.alive(c, "hq-ingest-2");
        c.commit();
        assertEquals(State.ALIVE, IngestWorkers.read(c, Instant.now()).get(1).state(), "a silent worker that is heard again");
    }

    @Test
    void theBoardsFingerprintChangesWhenAWorkerFallsSilentOrStopsNotAtEveryRenewal() throws Exception {
        IngestWorkers.alive(c, "hq-ingest-1");
        IngestWorkers.alive(c, "hq-ingest-2");
        c.commit();
        String before = Devices.fingerprint(c);
        setBack("hq-ingest-1", Duration.ofSeconds(1));
        IngestWorkers.alive(c, "hq-ingest-2");
        c.commit();
        assertEquals(before, Devices.fingerprint(c), "signs of life renewed: nothing the board shows changed");

        setBack("hq-ingest-1", IngestWorkers.SILENT_AFTER.plusSeconds(1));
        c.commit();
        String silent = Devices.fingerprint(c);
        assertNotEquals(before, silent, "a worker fell silent");

        IngestWorkers.stopped(c, "hq-ingest-1");
        c.commit();
        assertNotEquals(silent, Devices.fingerprint(c), "a worker stopped");
    }

    @Test
    void theTakeOverConditionMatchesSilentAndStoppedWorkersOnly() throws Exception {
        IngestWorkers.alive(c, "running");
        IngestWorkers.alive(c, "silent");
        IngestWorkers.alive(c, "stopped");
        IngestWorkers.stopped(c, "stopped");
        setBack("silent", IngestWorkers.SILENT_AFTER.plusSeconds(1));
        c.commit();
        List<String> matched = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT n FROM (VALUES 'running', 'silent', 'stopped', 'unknown')"
                + " AS t(n) WHERE " + IngestWorkers.silentSql("t.n", IngestWorkers.SILENT_AFTER) + " ORDER BY n");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                matched.add(rs.getString(1).strip()); // the VALUES column is CHAR: padded
            }
        }
        assertEquals(List.of("silent", "stopped"), matched);
    }

    /** Sets {@code worker}'s last sign of life back by {@code ago}, as if it had stopped renewing it then. */
    private void setBack(String worker, Duration ago) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ingest_workers SET alive_at = {fn TIMESTAMPADD("
                + "SQL_TSI_SECOND, " + -ago.toSeconds() + ", CURRENT_TIMESTAMP)} WHERE name = ?")) {
            ps.setString(1, worker);
            assertEquals(1, ps.executeUpdate());
        }
    }

    private static Map<String, State> states(List<IngestWorkerView> workers) {
        Map<String, State> states = new TreeMap<>();
        workers.forEach(w -> states.put(w.name(), w.state()));
        return states;
    }
}
