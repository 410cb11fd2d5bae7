package org.doorstep.vault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.apache.derby.jdbc.EmbeddedDriver;
import org.doorstep.derby.DerbyLog;
import org.doorstep.vault.crypto.CryptoSuite;

/**
 * The embedded Derby database under the data folder, encrypted by Derby itself (AES-256, CBC, every page,
 * index and log record). Its boot password is derived from the vault master key and never typed or
 * stored, so the database only boots while an officer has unlocked the vault.
 *
 * <p>Connections come from an {@link EmbeddedDriver} instance rather than {@code DriverManager}, which does
 * not see drivers across OSGi bundles.
 */
final class Database implements AutoCloseable {

    /**
     * The schema this version writes: 1 = cases, keys and audit trail; 2 = the laptop's sync service; 3 = group
     * sessions at companies.
     */
    static final int SCHEMA_VERSION = 3;

    /** Derby's error log goes to a sink we control, not to a derby.log file in the working folder. */
    static {
        if (System.getProperty("derby.stream.error.field") == null && System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.field", DerbyLog.class.getName() + ".SINK");
        }
    }

    /** Schema 1, as the first release created it; never changed, so upgrades start from what is on disk. */
    private static final List<String> SCHEMA_1 = List.of("""
            CREATE TABLE meta (
              name VARCHAR(64) NOT NULL PRIMARY KEY,
              val VARCHAR(4000) NOT NULL)""", """
            CREATE TABLE device_key (
              id SMALLINT NOT NULL PRIMARY KEY,
              public_key VARCHAR(1024) FOR BIT DATA NOT NULL,
              private_sealed VARCHAR(1024) FOR BIT DATA NOT NULL)""", """
            CREATE TABLE cases (
              id CHAR(36) NOT NULL PRIMARY KEY,
              state VARCHAR(16) NOT NULL,
              urgent SMALLINT NOT NULL,
              officer_id VARCHAR(32) NOT NULL,
              created_at BIGINT NOT NULL,
              updated_at BIGINT NOT NULL,
              revision INT NOT NULL,
              label_sealed VARCHAR(4096) FOR BIT DATA,
              note VARCHAR(1000))""", """
            CREATE TABLE case_keys (
              case_id CHAR(36) NOT NULL PRIMARY KEY,
              wrapped VARCHAR(256) FOR BIT DATA NOT NULL)""", """
            CREATE TABLE case_items (
              case_id CHAR(36) NOT NULL,
              slot VARCHAR(64) NOT NULL,
              kind VARCHAR(16) NOT NULL,
              media_type VARCHAR(64) NOT NULL,
              plain_size INT NOT NULL,
              stored_at BIGINT NOT NULL,
              content BLOB(80M) NOT NULL,
              PRIMARY KEY (case_id, slot))""", """
            CREATE TABLE audit (
              seq BIGINT NOT NULL PRIMARY KEY,
              at_ms BIGINT NOT NULL,
              officer_id VARCHAR(32),
              action VARCHAR(32) NOT NULL,
              case_id CHAR(36),
              detail VARCHAR(1000),
              prev_hash VARCHAR(64) FOR BIT DATA NOT NULL,
              hash VARCHAR(64) FOR BIT DATA NOT NULL,
              signature VARCHAR(256) FOR BIT DATA NOT NULL)""", """
            CREATE TABLE audit_head (
              id SMALLINT NOT NULL PRIMARY KEY,
              seq BIGINT NOT NULL,
              hash VARCHAR(64) FOR BIT DATA NOT NULL,
              signature VARCHAR(256) FOR BIT DATA NOT NULL)""");

    /**
     * Schema 1 → 2, the sync service: settings (certificates, broker, command sequence, revocation), the packets
     * cases travel in, and what HQ sends down (work orders, status updates, catalogues). Values that HQ or the
     * officer could care about are sealed by the vault ({@code val}, {@code content}, {@code note_sealed}).
     */
    private static final List<String> UPGRADE_TO_2 = List.of("""
            CREATE TABLE sync_settings (
              name VARCHAR(64) NOT NULL PRIMARY KEY,
              val BLOB(1M) NOT NULL,
              updated_at BIGINT NOT NULL)""", """
            CREATE TABLE packets (
              packet_id CHAR(36) NOT NULL PRIMARY KEY,
              case_id CHAR(36) NOT NULL,
              urgent SMALLINT NOT NULL,
              state VARCHAR(16) NOT NULL,
              sealed_at BIGINT NOT NULL,
              queued_at BIGINT,
              bytes BIGINT,
              digest VARCHAR(64) FOR BIT DATA,
              receipt VARCHAR(1000),
              rejection VARCHAR(1000),
              updated_at BIGINT NOT NULL)""",
            "CREATE INDEX packets_case ON packets (case_id)",
            "CREATE INDEX audit_case ON audit (case_id)", """
            CREATE TABLE work_orders (
              order_id VARCHAR(64) NOT NULL PRIMARY KEY,
              sequence BIGINT NOT NULL,
              received_at BIGINT NOT NULL,
              case_id CHAR(36),
              content BLOB(1M) NOT NULL)""", """
            CREATE TABLE case_status (
              case_id CHAR(36) NOT NULL,
              sequence BIGINT NOT NULL,
              status VARCHAR(16) NOT NULL,
              at_ms BIGINT NOT NULL,
              received_at BIGINT NOT NULL,
              note_sealed VARCHAR(4096) FOR BIT DATA,
              PRIMARY KEY (case_id, sequence))""", """
            CREATE TABLE hq_catalogues (
              version INT NOT NULL PRIMARY KEY,
              sequence BIGINT NOT NULL,
              received_at BIGINT NOT NULL,
              content BLOB(8M) NOT NULL)""");

    /**
     * Schema 2 → 3, group sessions at a company (see {@link GroupSessionStore}): one row per session, its whole
     * state (company, company-wide fields, roster with names and identity numbers, board) sealed by the vault.
     */
    private static final List<String> UPGRADE_TO_3 = List.of("""
            CREATE TABLE group_sessions (
              session_id CHAR(36) NOT NULL PRIMARY KEY,
              created_at BIGINT NOT NULL,
              updated_at BIGINT NOT NULL,
              revision INT NOT NULL,
              content BLOB(16M) NOT NULL)""");

    /** Step {@code i} takes the schema from version {@code i + 1} to {@code i + 2}. Append, never edit. */
    private static final List<List<String>> UPGRADES = List.of(UPGRADE_TO_2, UPGRADE_TO_3);

    private final Path folder;
    private final Connection connection;
    /** The schema version found on disk before this boot upgraded it; equal to {@link #SCHEMA_VERSION} if none. */
    private int foundVersion = SCHEMA_VERSION;

    private Database(Path folder, Connection connection) {
        this.folder = folder;
        this.connection = connection;
    }

    /**
     * Boots (or with {@code create}, creates) the database in {@code folder}. With a {@code bootPassword}
     * the database is encrypted with AES-256; {@code null} gives an unencrypted database, which only the
     * benchmark uses as its baseline.
     */
    static Database open(Path folder, String bootPassword, boolean create) throws SQLException {
        return open(folder, bootPassword, create, true);
    }

    /** Boots an existing database as it is, without upgrading its schema: for tests that look below the API. */
    static Database openAsFound(Path folder, String bootPassword) throws SQLException {
        return open(folder, bootPassword, false, false);
    }

    private static Database open(Path folder, String bootPassword, boolean create, boolean upgrade) throws SQLException {
        Properties props = new Properties();
        if (create) {
            props.setProperty("create", "true");
            if (bootPassword != null) {
                props.setProperty("dataEncryption", "true");
                props.setProperty("encryptionKeyLength", "256");
                props.setProperty("encryptionAlgorithm", "AES/CBC/NoPadding");
            }
        }
        if (bootPassword != null) {
            props.setProperty("bootPassword", bootPassword);
        }
        Connection c = new EmbeddedDriver().connect(url(folder), props);
        if (c == null) {
            throw new SQLException("the Derby driver did not accept " + url(folder));
        }
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        Database db = new Database(folder, c);
        try {
            if (create) {
                db.createSchema();
            } else if (upgrade) {
                db.upgradeSchema();
            }
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** The boot password for the vault's database: 64 hex digits derived from the master key. */
    static String bootPassword(CryptoSuite suite, byte[] master) {
        byte[] secret = suite.deriveKey(master, "derby-boot-password", 32);
        try {
            return HexFormat.of().formatHex(secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    static boolean exists(Path folder) {
        return Files.isRegularFile(folder.resolve("service.properties"));
    }

    /**
     * A new database gets schema 1 and then every upgrade, the same steps an old vault takes, so new and upgraded
     * vaults cannot drift apart.
     */
    private void createSchema() throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String ddl : SCHEMA_1) {
                s.execute(ddl);
            }
            s.execute("INSERT INTO meta VALUES ('schema.version', '1')");
        }
        connection.commit();
        upgradeSchema();
        foundVersion = SCHEMA_VERSION;
    }

    /**
     * Brings an existing database up to {@link #SCHEMA_VERSION}, one step per transaction (Derby's DDL is
     * transactional): a crash or a full disk during a step leaves the version before it, and the next boot tries the
     * step again. A database written by a newer version is refused untouched rather than misread.
     */
    private void upgradeSchema() throws SQLException {
        int version = schemaVersion();
        if (version > SCHEMA_VERSION) {
            throw new VaultException.Storage("the vault's database was written by a newer Doorstep (schema " + version
                    + "); this version reads schema " + SCHEMA_VERSION + " and older: install the newer version", null);
        }
        foundVersion = version;
        for (int v = version; v < SCHEMA_VERSION; v++) {
            try (Statement s = connection.createStatement()) {
                for (String ddl : UPGRADES.get(v - 1)) {
                    s.execute(ddl);
                }
                s.executeUpdate("UPDATE meta SET val = '" + (v + 1) + "' WHERE name = 'schema.version'");
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private int schemaVersion() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT val FROM meta WHERE name = 'schema.version'")) {
            String value = rs.next() ? rs.getString(1) : null;
            connection.commit();
            try {
                return Integer.parseInt(String.valueOf(value).strip());
            } catch (NumberFormatException e) {
                throw new VaultException.Storage("the vault's database has no readable schema version ('" + value
                        + "'): it is damaged", null);
            }
        }
    }

    /** The schema version this boot found, before upgrading; {@link #SCHEMA_VERSION} for a new database. */
    int foundVersion() {
        return foundVersion;
    }

    Connection connection() {
        return connection;
    }

    Path folder() {
        return folder;
    }

    /** Forces everything to the data files and lets Derby drop log files it no longer needs. */
    void checkpoint() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CALL SYSCS_UTIL.SYSCS_CHECKPOINT_DATABASE()");
        }
        connection.commit();
    }

    /** Rewrites a table into fresh files and gives the old pages back, so deleted rows leave its files. */
    void compress(String table) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CALL SYSCS_UTIL.SYSCS_COMPRESS_TABLE('APP', '" + table.toUpperCase(Locale.ROOT) + "', 1)");
        }
        connection.commit();
    }

    /** Rolls back anything uncommitted and shuts this database down, releasing its files. */
    @Override
    public void close() {
        try {
            if (!connection.isClosed()) {
                connection.rollback();
                connection.close();
            }
        } catch (SQLException e) {
            // the database may already be gone (disk error); shutting it down below is what matters
        }
        shutdown(folder);
    }

    static void shutdown(Path folder) {
        try {
            new EmbeddedDriver().connect(url(folder) + ";shutdown=true", new Properties());
        } catch (SQLException e) {
            // 08006 is Derby's way of saying the shutdown worked; XJ004 means it was not booted
        }
    }

    private static String url(Path folder) {
        return "jdbc:derby:" + folder.toAbsolutePath();
    }
}
