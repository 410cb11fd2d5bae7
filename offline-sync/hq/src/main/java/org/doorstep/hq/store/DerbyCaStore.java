package org.doorstep.hq.store;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.doorstep.sync.pki.CaStore;
import org.doorstep.sync.pki.RevocationReason;

/**
 * The device CA's memory in HQ's database, so that every worker and the console see the same enrolment codes,
 * certificates and revocations. Each call is its own transaction; {@link #markCodeUsed} is a conditional update,
 * which is what makes a code single-use across processes.
 */
public final class DerbyCaStore implements CaStore, AutoCloseable {

    private final HqStore store;

    public DerbyCaStore(HqDatabase database) throws SQLException {
        this.store = new HqStore(database, "ca", java.time.Clock.systemUTC());
    }

    private <T> T tx(HqStore.Work<T> work) {
        synchronized (store) {
            try {
                return store.inTransaction(work);
            } catch (SQLException e) {
                throw new IllegalStateException("HQ's database failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void putCode(CodeRecord code) {
        tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ca_codes (code_id, device_id, proof_key,"
                    + " issued_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, code.codeId());
                ps.setString(2, code.deviceId());
                ps.setBytes(3, code.proofKey());
                ps.setTimestamp(4, Timestamp.from(code.issuedAt()));
                ps.setTimestamp(5, Timestamp.from(code.expiresAt()));
                ps.setTimestamp(6, code.usedAt().map(Timestamp::from).orElse(null));
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<CodeRecord> code(String codeId) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT device_id, proof_key, issued_at, expires_at, used_at"
                    + " FROM ca_codes WHERE code_id = ?")) {
                ps.setString(1, codeId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Timestamp used = rs.getTimestamp(5);
                    return Optional.of(new CodeRecord(codeId, rs.getString(1), rs.getBytes(2),
                            rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(),
                            Optional.ofNullable(used).map(Timestamp::toInstant)));
                }
            }
        });
    }

    @Override
    public boolean markCodeUsed(String codeId, Instant at) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE ca_codes SET used_at = ? WHERE code_id = ? AND used_at IS NULL")) {
                ps.setTimestamp(1, Timestamp.from(at));
                ps.setString(2, codeId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void putCertificate(IssuedCertificate certificate) {
        tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO ca_certificates (serial, subject, not_after, der) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, certificate.serial().toString(16));
                ps.setString(2, certificate.subjectName());
                ps.setTimestamp(3, Timestamp.from(certificate.notAfter()));
                ps.setBytes(4, certificate.der());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (HqStore.isDuplicateKey(e)) {
                    throw new IllegalStateException("certificate serial " + certificate.serial().toString(16)
                            + " is already taken");
                }
                throw e;
            }
            return null;
        });
    }

    @Override
    public Optional<IssuedCertificate> certificate(BigInteger serial) {
        return tx(c -> {
            List<IssuedCertificate> found = certificates(c, "serial = ?", serial.toString(16));
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        });
    }

    @Override
    public List<IssuedCertificate> certificatesOf(String subjectName) {
        return tx(c -> certificates(c, "subject = ?", subjectName));
    }

    private static List<IssuedCertificate> certificates(Connection c, String where, String value) throws SQLException {
        List<IssuedCertificate> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT serial, subject, not_after, der FROM ca_certificates WHERE "
                + where + " ORDER BY issued_seq")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new IssuedCertificate(new BigInteger(rs.getString(1), 16), rs.getString(2),
                            rs.getTimestamp(3).toInstant(), rs.getBytes(4)));
                }
            }
        }
        return all;
    }

    @Override
    public boolean revoke(Revocation revocation) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO ca_revocations (serial, revoked_at, reason) VALUES (?, ?, ?)")) {
                ps.setString(1, revocation.serial().toString(16));
                ps.setTimestamp(2, Timestamp.from(revocation.revokedAt()));
                ps.setString(3, revocation.reason().name());
                ps.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (HqStore.isDuplicateKey(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<Revocation> revocation(BigInteger serial) {
        return tx(c -> {
            List<Revocation> found = revocations(c, " WHERE serial = ?", serial.toString(16));
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        });
    }

    @Override
    public List<Revocation> revocations() {
        return tx(c -> revocations(c, "", null));
    }

    private static List<Revocation> revocations(Connection c, String where, String value) throws SQLException {
        List<Revocation> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT serial, revoked_at, reason FROM ca_revocations" + where
                + " ORDER BY revoked_at, serial")) {
            if (value != null) {
                ps.setString(1, value);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new Revocation(new BigInteger(rs.getString(1), 16), rs.getTimestamp(2).toInstant(),
                            RevocationReason.valueOf(rs.getString(3))));
                }
            }
        }
        return all;
    }

    @Override
    public BigInteger nextCrlNumber() {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE ca_counters SET next_value = next_value + 1 WHERE name = 'crl'")) {
                if (ps.executeUpdate() == 0) {
                    try (PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO ca_counters (name, next_value) VALUES ('crl', 2)")) {
                        insert.executeUpdate();
                    }
                    return BigInteger.ONE;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT next_value FROM ca_counters WHERE name = 'crl'");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return BigInteger.valueOf(rs.getLong(1) - 1);
            }
        });
    }

    @Override
    public void close() {
        synchronized (store) {
            store.close();
        }
    }
}
