package org.doorstep.hq.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * HQ's Derby database: where it is (embedded folder for one process, or a Derby network server that several
 * ingest workers and the console share) and its schema. Every {@link HqStore} opens its own connection from
 * here, so workers never share a transaction.
 */
public final class HqDatabase {

    private static final List<String> SCHEMA = List.of("""
            CREATE TABLE ca_codes (
              code_id VARCHAR(64) PRIMARY KEY, device_id VARCHAR(64) NOT NULL, proof_key VARCHAR(128) FOR BIT DATA NOT NULL,
              issued_at TIMESTAMP NOT NULL, expires_at TIMESTAMP NOT NULL, used_at TIMESTAMP)""", """
            CREATE TABLE ca_certificates (
              serial VARCHAR(64) PRIMARY KEY, subject VARCHAR(128) NOT NULL, not_after TIMESTAMP NOT NULL,
              der BLOB(64K) NOT NULL, issued_seq BIGINT GENERATED ALWAYS AS IDENTITY)""",
            "CREATE INDEX ca_certificates_subject ON ca_certificates(subject)", """
            CREATE TABLE ca_revocations (
              serial VARCHAR(64) PRIMARY KEY, revoked_at TIMESTAMP NOT NULL, reason VARCHAR(32) NOT NULL)""", """
            CREATE TABLE ca_counters (name VARCHAR(32) PRIMARY KEY, next_value BIGINT NOT NULL)""", """
            CREATE TABLE inbound (
              packet_id CHAR(36) PRIMARY KEY, device_id VARCHAR(64) NOT NULL, chunk_count INT NOT NULL,
              packet_length BIGINT NOT NULL, packet_digest CHAR(32) FOR BIT DATA NOT NULL, received INT NOT NULL,
              state VARCHAR(16) NOT NULL, first_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)""", """
            CREATE TABLE inbound_chunks (
              packet_id CHAR(36) NOT NULL, idx INT NOT NULL, payload BLOB(256K) NOT NULL,
              PRIMARY KEY (packet_id, idx))""", """
            CREATE TABLE packets (
              packet_id CHAR(36) PRIMARY KEY, device_id VARCHAR(64) NOT NULL, case_id VARCHAR(128) NOT NULL,
              packet_digest CHAR(32) FOR BIT DATA NOT NULL, packet_length BIGINT NOT NULL, sealed_at TIMESTAMP NOT NULL,
              stored_at TIMESTAMP NOT NULL, receipt_id VARCHAR(64) NOT NULL, worker VARCHAR(64) NOT NULL,
              manifest CLOB(1M) NOT NULL, CONSTRAINT packets_one_per_case UNIQUE (device_id, case_id))""", """
            CREATE TABLE packet_entries (
              packet_id CHAR(36) NOT NULL, name VARCHAR(256) NOT NULL, media_type VARCHAR(128) NOT NULL,
              length BIGINT NOT NULL, content BLOB(2G) NOT NULL, PRIMARY KEY (packet_id, name))""", """
            CREATE TABLE rejects (
              id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, packet_id CHAR(36), device_id VARCHAR(64) NOT NULL,
              reason VARCHAR(32) NOT NULL, detail VARCHAR(500) NOT NULL, rejected_at TIMESTAMP NOT NULL, worker VARCHAR(64) NOT NULL)""",
            "CREATE INDEX rejects_packet ON rejects(packet_id)", """
            CREATE TABLE heartbeats (
              device_id VARCHAR(64) PRIMARY KEY, sequence BIGINT NOT NULL, sent_at TIMESTAMP NOT NULL,
              received_at TIMESTAMP NOT NULL, backlog_cases INT NOT NULL, backlog_bytes BIGINT NOT NULL,
              oldest_unsent_seconds BIGINT, software_version VARCHAR(64) NOT NULL, catalogue_version INT NOT NULL,
              free_disk_bytes BIGINT NOT NULL)""", """
            CREATE TABLE command_sequences (device_id VARCHAR(64) PRIMARY KEY, last_sequence BIGINT NOT NULL)""");

    private final String url;

    private HqDatabase(String url) {
        this.url = Objects.requireNonNull(url, "url");
    }

    /** An embedded database in a folder: for one HQ process (the local HQ's network server is started on it). */
    public static HqDatabase embedded(Path folder) {
        return new HqDatabase("jdbc:derby:" + folder.toAbsolutePath());
    }

    /**
     * A database served by a Derby network server, shared by the workers and the console.
     *
     * @param name the database's name or its absolute path on the server's host
     */
    public static HqDatabase network(String host, int port, String name) {
        return new HqDatabase("jdbc:derby://" + host + ":" + port + "/" + name);
    }

    public String url() {
        return url;
    }

    /** Creates the database and its schema if they do not exist yet. Safe to call from several processes. */
    public void create() throws SQLException {
        try (Connection c = DriverManager.getConnection(url + ";create=true")) {
            if (hasTable(c, "PACKETS")) {
                return;
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String ddl : SCHEMA) {
                    s.execute(ddl);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (!hasTable(c, "PACKETS")) {
                    throw e;
                }
                // another worker created it at the same moment
            }
        }
    }

    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        return c;
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, name, new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    /** Shuts an embedded database down cleanly (nothing to do for a network one: the server owns it). */
    public void shutdownEmbedded() {
        if (!url.startsWith("jdbc:derby:") || url.startsWith("jdbc:derby://")) {
            return;
        }
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (SQLException expected) {
            // Derby reports a clean shutdown as SQLState 08006
        }
    }
}
