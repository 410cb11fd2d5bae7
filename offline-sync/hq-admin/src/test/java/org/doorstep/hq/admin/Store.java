package org.doorstep.hq.admin;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.doorstep.hq.admin.store.HqSettings;

/**
 * HQ's store for the administration's own tests: a real Derby database in a folder (embedded; HQ's network server is
 * exercised by the HQ module's tests), the administration service over it with cheap password hashing, a clock the
 * test moves.
 */
final class Store implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-20T08:00:00Z");
    static final char[] ADMIN_PASSWORD = "correct horse battery".toCharArray();

    final Path folder;
    final String url;
    final TestClock clock = new TestClock(START);
    final HqAdmin admin;

    Store(Path folder) throws Exception {
        this.folder = folder;
        this.url = "jdbc:derby:" + folder.toAbsolutePath() + ";create=true";
        this.admin = HqAdmin.open(ConnectionSource.url(url), options(), clock);
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            HqSettings.put(c, HqSettings.SUITE, "intl", START);
            HqSettings.put(c, HqSettings.CA_FINGERPRINT, "SHA256:00:11", START);
            c.commit();
        }
    }

    static AdminOptions options() {
        return AdminOptions.defaults().withPasswordCost(1024, 1).withWaitForHq(Duration.ofMillis(300))
                .withZone(java.time.ZoneOffset.UTC);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    AdminSession firstAdmin() throws AdminException {
        admin.createFirstAdmin("admin", "First Admin", ADMIN_PASSWORD.clone());
        return admin.signIn("admin", ADMIN_PASSWORD.clone());
    }

    /** Every table's row count, to show that a refusal changed nothing (the administrators' trail apart). */
    Map<String, Long> counts(boolean withAudit) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = connect()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, "APP", "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String t : tables) {
                if (!withAudit && t.startsWith("ADMIN_AUDIT")) {
                    continue;
                }
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
                    rs.next();
                    counts.put(t, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    int update(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    @Override
    public void close() {
        admin.close();
        try {
            DriverManager.getConnection("jdbc:derby:" + folder.toAbsolutePath() + ";shutdown=true").close();
        } catch (SQLException expected) {
            // 08006: shut down
        }
    }
}
