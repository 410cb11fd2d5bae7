package org.doorstep.hq.admin.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HQ's schema versions: a new store and one made before versioning (schema 1, with a stored case) end up with the
 * same tables and columns; the old store's case gets its facts in the upgrade; a store of a newer HQ is refused
 * untouched; several processes upgrading at once run each step once.
 */
class HqSchemaTest {

    @TempDir
    Path dir;
    private final List<String> urls = new ArrayList<>();

    private Connection open(String name) throws SQLException {
        String url = "jdbc:derby:" + dir.resolve(name).toAbsolutePath();
        urls.add(url);
        return DriverManager.getConnection(url + ";create=true");
    }

    @AfterEach
    void shutDown() {
        for (String url : urls) {
            try {
                DriverManager.getConnection(url + ";shutdown=true").close();
            } catch (SQLException expected) {
                // 08006
            }
        }
    }

    @Test
    void aNewStoreAndAnUpgradedOneHaveTheSameTablesAndColumns() throws Exception {
        try (Connection fresh = open("fresh"); Connection old = open("old")) {
            assertEquals(0, HqSchema.ensure(fresh), "an empty database");
            schema1WithACase(old);
            assertEquals(1, HqSchema.version(old), "a store without meta is schema 1");
            assertEquals(1, HqSchema.ensure(old));
            assertEquals(HqSchema.VERSION, HqSchema.version(fresh));
            assertEquals(HqSchema.VERSION, HqSchema.version(old));
            assertEquals(describe(fresh), describe(old));
            assertTrue(describe(fresh).containsKey("OUTBOUND_COMMANDS"), describe(fresh).keySet().toString());
            // the case stored before administration existed has its facts
            try (Statement s = old.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT officer_id, exception_count, problem FROM case_facts")) {
                assertTrue(rs.next(), "facts derived in the upgrade");
                assertEquals("officer-9", rs.getString(1));
                assertEquals(1, rs.getInt(2), "one pending material");
                assertEquals(null, rs.getString(3));
            }
            try (Statement s = old.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM device_audit")) {
                rs.next();
                assertEquals(2, rs.getLong(1), "the slice's entries");
            }
            assertEquals(HqSchema.VERSION, HqSchema.ensure(old), "ensuring again changes nothing");
            fresh.rollback();
            old.rollback();
        }
    }

    @Test
    void aStoreOfANewerHqIsRefusedUntouched() throws Exception {
        try (Connection c = open("newer")) {
            HqSchema.ensure(c);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE meta SET val = '99' WHERE name = 'schema.version'");
            }
            c.commit();
            Map<String, List<String>> before = describe(c);
            SQLException e = assertThrows(SQLException.class, () -> HqSchema.ensure(c));
            assertTrue(e.getMessage().contains("newer Doorstep HQ (schema 99)"), e.getMessage());
            assertEquals(before, describe(c));
            assertEquals(99, HqSchema.version(c));
            c.rollback();
        }
    }

    @Test
    void processesUpgradingAtOnceRunEachStepOnce() throws Exception {
        try (Connection old = open("shared")) {
            schema1WithACase(old);
            old.rollback();
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> {
                    try (Connection c = open("shared")) {
                        int found = HqSchema.ensure(c);
                        c.rollback();
                        return found;
                    }
                }));
            }
            for (Future<Integer> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        try (Connection c = open("shared"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM case_facts")) {
            rs.next();
            assertEquals(1, rs.getLong(1), "the backfill ran once");
            assertEquals(HqSchema.VERSION, HqSchema.version(c));
            c.rollback();
        }
    }

    /** Tables and their columns (name, type, size, nullability), sorted: what must not drift. */
    private static Map<String, List<String>> describe(Connection c) throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, "APP", "%", "%")) {
            while (rs.next()) {
                tables.computeIfAbsent(rs.getString("TABLE_NAME"), t -> new ArrayList<>()).add(rs.getString("COLUMN_NAME")
                        + " " + rs.getString("TYPE_NAME") + "(" + rs.getInt("COLUMN_SIZE") + ") "
                        + rs.getString("IS_NULLABLE"));
            }
        }
        try (ResultSet rs = c.getMetaData().getIndexInfo(null, "APP", "%", false, false)) {
            while (rs.next()) {
                if (rs.getString("INDEX_NAME") != null && !rs.getString("INDEX_NAME").startsWith("SQL")) {
                    tables.computeIfAbsent("index " + rs.getString("INDEX_NAME"), t -> new ArrayList<>())
                            .add(rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME"));
                }
            }
        }
        tables.values().forEach(l -> l.sort(null));
        return tables;
    }

    /** Schema 1 exactly as HQ created it before versioning, with one stored case (checklist and audit slice). */
    private static void schema1WithACase(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String ddl : HqSchema.SCHEMA_1) {
                s.execute(ddl);
            }
        }
        String packet = "6f1c2d3e-0000-4000-8000-000000000001";
        String caseId = "0b6c1a2e-1111-4111-8111-111111111111";
        Instant at = Instant.parse("2026-11-01T09:00:00Z");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO packets (packet_id, device_id, case_id, packet_digest,"
                + " packet_length, sealed_at, stored_at, receipt_id, worker, manifest) VALUES (?, 'dev-old', ?, ?, 100, ?, ?,"
                + " 'R-1', 'w', '{}')")) {
            ps.setString(1, packet);
            ps.setString(2, caseId);
            ps.setBytes(3, new byte[32]);
            ps.setTimestamp(4, Timestamp.from(at));
            ps.setTimestamp(5, Timestamp.from(at.plusSeconds(60)));
            ps.executeUpdate();
        }
        String zero = "0".repeat(64);
        String slice = "{\"format\":\"doorstep-audit-slice/1\",\"deviceId\":\"dev-old\",\"caseId\":\"" + caseId
                + "\",\"suite\":\"intl\",\"entries\":[" + entry(1, "2026-11-01T08:00:00Z", "CASE_CREATED", caseId, zero)
                + "," + entry(2, "2026-11-01T08:50:00Z", "SEAL", caseId, "1".repeat(64)) + "]}";
        String checklist = "{\"format\":\"doorstep-checklist/1\",\"catalogueVersion\":1,\"visitDate\":\"2026-11-01\","
                + "\"items\":[{\"material\":\"photo-id\",\"status\":\"pending\",\"deadline\":\"2026-11-20\"}]}";
        insertEntry(c, packet, CaseIndex.AUDIT_SLICE, slice);
        insertEntry(c, packet, CaseIndex.CHECKLIST, checklist);
        c.commit();
    }

    private static String entry(int seq, String at, String action, String caseId, String previous) {
        return "{\"seq\":" + seq + ",\"at\":\"" + at + "\",\"officer\":\"officer-9\",\"action\":\"" + action
                + "\",\"caseId\":\"" + caseId + "\",\"detail\":null,\"previousHash\":\"" + previous + "\",\"hash\":\""
                + Integer.toString(seq).repeat(64) + "\",\"signature\":\"AAAA\"}";
    }

    private static void insertEntry(Connection c, String packet, String name, String json) throws SQLException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO packet_entries (packet_id, name, media_type, length,"
                + " content) VALUES (?, ?, 'application/json', ?, ?)")) {
            ps.setString(1, packet);
            ps.setString(2, name);
            ps.setLong(3, b.length);
            ps.setBytes(4, b);
            ps.executeUpdate();
        }
    }
}
