package org.doorstep.vault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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

    static final int SCHEMA_VERSION = 1;

    /** Derby's error log goes to a sink we control, not to a derby.log file in the working folder. */
    static {
        if (System.getProperty("derby.stream.error.field") == null && System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.field", DerbyLog.class.getName() + ".SINK");
        }
    }

    private static final List<String> SCHEMA = List.of("""
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

    private final Path folder;
    private final Connection connection;

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
        if (create) {
            db.createSchema();
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

    private void createSchema() throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String ddl : SCHEMA) {
                s.execute(ddl);
            }
            s.execute("INSERT INTO meta VALUES ('schema.version', '" + SCHEMA_VERSION + "')");
        }
        connection.commit();
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
