package org.doorstep.hq.admin.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * HQ's database schema, versioned like the laptop vault's: {@code meta.schema.version} says which steps a store has
 * taken; steps are only ever appended, each runs in one transaction (Derby's DDL is transactional, so a crash leaves
 * the version before the step), and a new store runs schema 1 and then the very same steps, so new and upgraded
 * stores cannot drift apart. A store written by a newer HQ is refused untouched.
 *
 * <p>Several processes (ingest workers, the HQ service, consoles, the command line) may call {@link #ensure} at the
 * same moment: the step runs under an exclusive lock on {@code meta} and re-reads the version after taking it, so
 * each step runs once.
 *
 * <ol>
 * <li>ingest and the device CA: {@code ca_*}, {@code inbound}, {@code inbound_chunks}, {@code packets},
 * {@code packet_entries}, {@code rejects}, {@code heartbeats}, {@code command_sequences} (stores made before
 * versioning have exactly these and no {@code meta}: they are version 1)</li>
 * <li>administration: {@code hq_settings}, {@code admin_users}, {@code admin_audit} (+ head), {@code device_states},
 * {@code outbound_commands}, {@code hq_requests}, {@code case_facts}, {@code case_reviews}, {@code device_audit} (+ conflicts), the officer
 * in {@code heartbeats}, and indexes the console's queries need; the facts of cases stored before are derived from
 * their stored entries in the same step</li>
 * <li>ingest workers' liveness: {@code ingest_workers} (each running worker's last sign of life, in the database's
 * own time) and the worker holding a complete packet's claim ({@code inbound.claimed_by}), so that a packet claimed
 * by a worker that died is taken over within seconds</li>
 * </ol>
 */
public final class HqSchema {

    /** The schema this version writes. */
    public static final int VERSION = 3;

    /** Schema 1, as HQ created it before versioning; never changed. */
    static final List<String> SCHEMA_1 = List.of("""
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

    /** Schema 1 → 2: administration. */
    static final List<String> UPGRADE_TO_2 = List.of("""
            CREATE TABLE hq_settings (
              name VARCHAR(64) PRIMARY KEY, val VARCHAR(4000) NOT NULL, updated_at TIMESTAMP NOT NULL)""", """
            CREATE TABLE admin_users (
              user_id VARCHAR(32) PRIMARY KEY, display_name VARCHAR(100) NOT NULL, role VARCHAR(16) NOT NULL,
              password_hash VARCHAR(400) NOT NULL, failed_attempts INT NOT NULL, locked_until TIMESTAMP,
              disabled SMALLINT NOT NULL, created_at TIMESTAMP NOT NULL, created_by VARCHAR(32) NOT NULL,
              updated_at TIMESTAMP NOT NULL)""", """
            CREATE TABLE admin_audit (
              seq BIGINT PRIMARY KEY, at_ms BIGINT NOT NULL, user_id VARCHAR(32) NOT NULL, action VARCHAR(32) NOT NULL,
              target VARCHAR(200), detail VARCHAR(1000), outcome VARCHAR(16) NOT NULL,
              prev_hash VARCHAR(32) FOR BIT DATA NOT NULL, hash VARCHAR(32) FOR BIT DATA NOT NULL)""", """
            CREATE TABLE admin_audit_head (
              id SMALLINT PRIMARY KEY, seq BIGINT NOT NULL, hash VARCHAR(32) FOR BIT DATA NOT NULL)""",
            "INSERT INTO admin_audit_head (id, seq, hash) VALUES (1, 0, X'"
                    + "0000000000000000000000000000000000000000000000000000000000000000')", """
            CREATE TABLE device_states (
              device_id VARCHAR(64) PRIMARY KEY, revoked_at TIMESTAMP, revoked_by VARCHAR(32), revoke_reason VARCHAR(500),
              wipe_requested_at TIMESTAMP, wipe_requested_by VARCHAR(32), wipe_reason VARCHAR(500), wipe_command BIGINT,
              wiped_at TIMESTAMP, wipe_confirmed_at TIMESTAMP, wipe_confirmation BLOB(16K), updated_at TIMESTAMP NOT NULL)""", """
            CREATE TABLE outbound_commands (
              command_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, device_id VARCHAR(64) NOT NULL,
              type VARCHAR(24) NOT NULL, body CLOB(256K) NOT NULL, reference VARCHAR(128), state VARCHAR(16) NOT NULL,
              sequence BIGINT, requested_by VARCHAR(32) NOT NULL, requested_at TIMESTAMP NOT NULL,
              expires_at TIMESTAMP NOT NULL, sent_at TIMESTAMP, answered_at TIMESTAMP, outcome_detail VARCHAR(500),
              attempts INT NOT NULL, updated_at TIMESTAMP NOT NULL)""",
            "CREATE INDEX outbound_commands_device ON outbound_commands(device_id, state)",
            "CREATE INDEX outbound_commands_state ON outbound_commands(state)",
            "CREATE INDEX outbound_commands_sequence ON outbound_commands(device_id, sequence)", """
            CREATE TABLE case_facts (
              packet_id CHAR(36) PRIMARY KEY, device_id VARCHAR(64) NOT NULL, case_id VARCHAR(128) NOT NULL,
              created_at TIMESTAMP, officer_id VARCHAR(32), exception_count INT NOT NULL, exceptions CLOB(64K),
              problem VARCHAR(500))""",
            "CREATE INDEX case_facts_device ON case_facts(device_id)", """
            CREATE TABLE case_reviews (
              review_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, packet_id CHAR(36) NOT NULL,
              decision VARCHAR(16) NOT NULL, reason VARCHAR(500), decided_by VARCHAR(32) NOT NULL,
              decided_at TIMESTAMP NOT NULL, command_id BIGINT)""",
            "CREATE INDEX case_reviews_packet ON case_reviews(packet_id)", """
            CREATE TABLE device_audit (
              device_id VARCHAR(64) NOT NULL, seq BIGINT NOT NULL, at_ms BIGINT NOT NULL, officer_id VARCHAR(32),
              action VARCHAR(32) NOT NULL, case_id VARCHAR(128), detail VARCHAR(1000),
              prev_hash VARCHAR(64) FOR BIT DATA NOT NULL, hash VARCHAR(64) FOR BIT DATA NOT NULL,
              signature VARCHAR(256) FOR BIT DATA NOT NULL, suite VARCHAR(8) NOT NULL, source VARCHAR(48) NOT NULL,
              received_at TIMESTAMP NOT NULL, PRIMARY KEY (device_id, seq))""",
            "CREATE INDEX device_audit_case ON device_audit(case_id)", """
            CREATE TABLE device_audit_conflicts (
              id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, device_id VARCHAR(64) NOT NULL, seq BIGINT NOT NULL,
              hash VARCHAR(64) FOR BIT DATA NOT NULL, source VARCHAR(48) NOT NULL, received_at TIMESTAMP NOT NULL)""",
            """
            CREATE TABLE hq_requests (
              request_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, kind VARCHAR(24) NOT NULL,
              argument VARCHAR(1000) NOT NULL, state VARCHAR(16) NOT NULL, requested_by VARCHAR(32) NOT NULL,
              requested_at TIMESTAMP NOT NULL, done_at TIMESTAMP, result CLOB(1M))""",
            "CREATE INDEX hq_requests_state ON hq_requests(state)",
            "ALTER TABLE heartbeats ADD COLUMN officer_id VARCHAR(32)",
            "CREATE INDEX packets_stored_at ON packets(stored_at)",
            "CREATE INDEX rejects_device ON rejects(device_id)");

    /** Schema 2 → 3: a dead ingest worker's claim on a packet is known for what it is. */
    static final List<String> UPGRADE_TO_3 = List.of("""
            CREATE TABLE ingest_workers (name VARCHAR(64) PRIMARY KEY, alive_at TIMESTAMP NOT NULL)""",
            "ALTER TABLE inbound ADD COLUMN claimed_by VARCHAR(64)");

    /** One step: its DDL, then (optionally) work on the data, in the same transaction. */
    private record Step(List<String> ddl, DataWork data) {
    }

    @FunctionalInterface
    private interface DataWork {
        void run(Connection c) throws SQLException;
    }

    /** Step {@code i} takes the schema from version {@code i + 1} to {@code i + 2}. Append, never edit. */
    private static final List<Step> UPGRADES = List.of(new Step(UPGRADE_TO_2, CaseIndex::backfill),
            new Step(UPGRADE_TO_3, null));

    private HqSchema() {
    }

    /**
     * Brings HQ's store in {@code c} to {@link #VERSION}: creates it when empty, upgrades it step by step otherwise.
     * Leaves the connection's auto-commit off.
     *
     * @return the version found before (0 for an empty database)
     * @throws SQLException among others when the store was written by a newer HQ (SQLState {@code XDS01})
     */
    public static int ensure(Connection c) throws SQLException {
        Objects.requireNonNull(c, "c");
        c.setAutoCommit(false);
        int found = createMeta(c);
        for (int step = 0; step < UPGRADES.size(); step++) {
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE meta IN EXCLUSIVE MODE");
                int version = readVersion(c);
                if (version > VERSION) {
                    throw new SQLException("HQ's store was written by a newer Doorstep HQ (schema " + version
                            + "); this version reads schema " + VERSION + " and older: install the newer version",
                            "XDS01");
                }
                if (version == step + 1) {
                    Step next = UPGRADES.get(step);
                    for (String ddl : next.ddl()) {
                        s.execute(ddl);
                    }
                    if (next.data() != null) {
                        next.data().run(c);
                    }
                    s.executeUpdate("UPDATE meta SET val = '" + (version + 1) + "' WHERE name = 'schema.version'");
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        int now = readVersion(c);
        c.commit();
        if (now != VERSION) {
            throw new SQLException("HQ's store is at schema " + now + " after upgrading, not " + VERSION, "XDS01");
        }
        return found;
    }

    /** The version of the store in {@code c}; 0 when it has no tables yet, 1 when it predates versioning. */
    public static int version(Connection c) throws SQLException {
        if (!hasTable(c, "META")) {
            return hasTable(c, "PACKETS") ? 1 : 0;
        }
        return readVersion(c);
    }

    /** Makes {@code meta} (and schema 1 on an empty database); returns the version found. */
    private static int createMeta(Connection c) throws SQLException {
        for (int attempt = 1;; attempt++) {
            if (hasTable(c, "META")) {
                int v = readVersion(c);
                c.commit();
                return v;
            }
            boolean existing = hasTable(c, "PACKETS");
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE meta (name VARCHAR(64) NOT NULL PRIMARY KEY, val VARCHAR(4000) NOT NULL)");
                if (!existing) {
                    for (String ddl : SCHEMA_1) {
                        s.execute(ddl);
                    }
                }
                s.execute("INSERT INTO meta VALUES ('schema.version', '1')");
                c.commit();
                return existing ? 1 : 0;
            } catch (SQLException e) {
                c.rollback();
                // another process created the same tables at the same moment: read what it made
                if (attempt >= 3 || !"X0Y32".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    private static int readVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT val FROM meta WHERE name = 'schema.version'")) {
            String value = rs.next() ? rs.getString(1) : null;
            try {
                return Integer.parseInt(String.valueOf(value).strip());
            } catch (NumberFormatException e) {
                throw new SQLException("HQ's store has no readable schema version ('" + value + "'): it is damaged",
                        "XDS02");
            }
        }
    }

    static boolean hasTable(Connection c, String name) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, name, new String[] {"TABLE"})) {
            return rs.next();
        }
    }
}
