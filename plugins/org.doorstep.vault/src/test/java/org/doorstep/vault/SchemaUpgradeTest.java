package org.doorstep.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.doorstep.vault.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vaults made by the first release (schema 1) are upgraded in place at unlock; a database of a newer schema is
 * refused untouched. A schema-1 database is made by taking a new vault back to exactly the first release's tables
 * (checked against its list), below the API.
 */
class SchemaUpgradeTest {

    private static final Set<String> SCHEMA_1_TABLES = Set.of("META", "DEVICE_KEY", "CASES", "CASE_KEYS", "CASE_ITEMS",
            "AUDIT", "AUDIT_HEAD");

    @TempDir
    Path dir;

    @Test
    void aSchemaOneVaultIsUpgradedAtUnlockKeepingItsCasesAndItsTrail() throws Exception {
        Fixture f = new Fixture(dir.resolve("old"));
        String id;
        List<NewItem> items = Fixture.typicalCase("升级 MARKER");
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            id = vault.cases().create("升级测试", false, items).id();
        }
        try (DbProbe probe = DbProbe.open(f)) {
            downgradeToSchemaOne(probe.db.connection());
            assertEquals(SCHEMA_1_TABLES, tables(probe.db.connection()).keySet(), "the first release's tables, no more");
        }
        try (Vault vault = f.reopenUnlocked()) {
            assertEquals(CaseState.DRAFT, vault.cases().get(id).state());
            for (NewItem item : items) {
                assertArrayEquals(item.content(), vault.cases().read(id, item.slot()));
            }
            assertEquals(0, vault.syncSettings().lastCommandSequence(), "the new tables are there and empty");
            assertEquals(List.of(), vault.packets().open());
            AuditEntry upgrade = vault.auditEntries(1, 1000).stream()
                    .filter(e -> e.action() == AuditAction.SCHEMA_UPGRADED).findFirst().orElseThrow();
            assertEquals("schema 1 → " + Database.SCHEMA_VERSION, upgrade.detail());
            assertTrue(vault.verifyAudit().intact(), () -> vault.verifyAudit().problems().toString());
        }
        try (Vault vault = f.reopenUnlocked()) {
            assertEquals(1, vault.auditEntries(1, 1000).stream().filter(e -> e.action() == AuditAction.SCHEMA_UPGRADED)
                    .count(), "upgraded once");
        }
        Fixture fresh = new Fixture(dir.resolve("new"));
        fresh.setUp(CryptoSuite.INTL).close();
        try (DbProbe upgraded = DbProbe.open(f); DbProbe created = DbProbe.open(fresh)) {
            assertEquals(tables(created.db.connection()), tables(upgraded.db.connection()),
                    "an upgraded vault has exactly the tables and columns of a new one");
            assertEquals(1, upgraded.count("SELECT COUNT(*) FROM meta WHERE name = 'schema.version' AND val = ?",
                    String.valueOf(Database.SCHEMA_VERSION)));
        }
    }

    @Test
    void aDatabaseOfANewerSchemaIsRefusedUntouched() throws Exception {
        Fixture f = new Fixture(dir);
        String id;
        try (Vault vault = f.setUp(CryptoSuite.GM)) {
            id = vault.cases().create("未来", false, Fixture.typicalCase("x")).id();
        }
        try (DbProbe probe = DbProbe.open(f)) {
            probe.update("UPDATE meta SET val = '9' WHERE name = 'schema.version'");
        }
        try (Vault vault = f.reopen()) {
            VaultException.Storage e = assertThrows(VaultException.Storage.class,
                    () -> vault.unlock(Fixture.WANG.id(), Fixture.PASSPHRASE.toCharArray()));
            assertTrue(e.getMessage().contains("written by a newer Doorstep (schema 9)"), e.getMessage());
            assertEquals(Vault.Status.LOCKED, vault.status());
        }
        try (DbProbe probe = DbProbe.openAsFound(f)) {
            assertEquals(1, probe.count("SELECT COUNT(*) FROM meta WHERE name = ? AND val = '9'", "schema.version"));
            assertEquals(1, probe.count("SELECT COUNT(*) FROM cases WHERE id = ?", id));
        }
    }

    /** What the second release created: no group sessions yet. */
    static void downgradeToSchemaTwo(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE group_sessions");
            s.executeUpdate("UPDATE meta SET val = '2' WHERE name = 'schema.version'");
        }
        c.commit();
    }

    /** What the first release created: the sync tables and the audit index did not exist. */
    static void downgradeToSchemaOne(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String table : List.of("group_sessions", "sync_settings", "packets", "work_orders", "case_status",
                    "hq_catalogues")) {
                s.execute("DROP TABLE " + table);
            }
            s.execute("DROP INDEX audit_case");
            s.executeUpdate("UPDATE meta SET val = '1' WHERE name = 'schema.version'");
        }
        c.commit();
    }

    /** Every user table with its columns (name, type, size, nullability) and its indexes. */
    static Map<String, Set<String>> tables(Connection c) throws SQLException {
        Map<String, Set<String>> tables = new TreeMap<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getColumns(null, "APP", "%", "%")) {
            while (rs.next()) {
                tables.computeIfAbsent(rs.getString("TABLE_NAME"), t -> new TreeSet<>()).add(rs.getString("COLUMN_NAME")
                        + " " + rs.getString("TYPE_NAME") + "(" + rs.getInt("COLUMN_SIZE") + ") "
                        + rs.getString("IS_NULLABLE"));
            }
        }
        for (String table : List.copyOf(tables.keySet())) {
            try (ResultSet rs = meta.getIndexInfo(null, "APP", table, false, false)) {
                while (rs.next()) {
                    if (rs.getString("COLUMN_NAME") != null && rs.getString("INDEX_NAME") != null
                            && !rs.getString("INDEX_NAME").startsWith("SQL")) {
                        tables.get(table).add("index " + rs.getString("INDEX_NAME") + " on " + rs.getString("COLUMN_NAME"));
                    }
                }
            }
        }
        c.commit();
        return tables;
    }
}
