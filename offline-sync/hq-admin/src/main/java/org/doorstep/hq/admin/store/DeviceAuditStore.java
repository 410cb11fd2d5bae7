package org.doorstep.hq.admin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Keeps the entries of the laptops' audit trails HQ receives, in {@code device_audit} keyed by device and sequence
 * number, whichever way they came (a packet's slice, an audit batch). An entry that comes again with the same hash is
 * harmless; one that comes with another hash for the same number is kept aside in {@code device_audit_conflicts},
 * which verification reports: a laptop never writes two entries with one number.
 */
final class DeviceAuditStore {

    private DeviceAuditStore() {
    }

    /** @return how many entries were new */
    static int keep(Connection c, String deviceId, String suite, List<AuditRecord> records, String source, Instant now)
            throws SQLException {
        int added = 0;
        for (AuditRecord r : records) {
            AuditRecord existing = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT at_ms, officer_id, action, case_id, detail, prev_hash,"
                    + " hash, signature FROM device_audit WHERE device_id = ? AND seq = ?")) {
                ps.setString(1, deviceId);
                ps.setLong(2, r.seq());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        existing = new AuditRecord(r.seq(), rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getBytes(6), rs.getBytes(7), rs.getBytes(8));
                    }
                }
            }
            if (existing != null) {
                // the same entry again is harmless; the same number with anything different is kept aside
                if (!same(existing, r)) {
                    conflict(c, deviceId, r, source, now);
                }
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO device_audit (device_id, seq, at_ms, officer_id,"
                    + " action, case_id, detail, prev_hash, hash, signature, suite, source, received_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, deviceId);
                ps.setLong(2, r.seq());
                ps.setLong(3, r.atMs());
                ps.setString(4, r.officerId());
                ps.setString(5, r.action());
                ps.setString(6, r.caseId());
                ps.setString(7, r.detail());
                ps.setBytes(8, r.previousHash());
                ps.setBytes(9, r.hash());
                ps.setBytes(10, r.signature());
                ps.setString(11, suite);
                ps.setString(12, source.length() > 48 ? source.substring(0, 48) : source);
                ps.setTimestamp(13, Timestamp.from(now));
                ps.executeUpdate();
                added++;
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) {
                    throw e;
                }
                // another worker stored the same entry a moment ago (it comes in a slice and in a batch)
            }
        }
        return added;
    }

    private static boolean same(AuditRecord a, AuditRecord b) {
        return a.atMs() == b.atMs() && java.util.Objects.equals(a.officerId(), b.officerId())
                && a.action().equals(b.action()) && java.util.Objects.equals(a.caseId(), b.caseId())
                && java.util.Objects.equals(a.detail(), b.detail()) && java.util.Arrays.equals(a.previousHash(), b.previousHash())
                && java.util.Arrays.equals(a.hash(), b.hash()) && java.util.Arrays.equals(a.signature(), b.signature());
    }

    private static void conflict(Connection c, String deviceId, AuditRecord r, String source, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO device_audit_conflicts (device_id, seq, hash, source,"
                + " received_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, deviceId);
            ps.setLong(2, r.seq());
            ps.setBytes(3, r.hash());
            ps.setString(4, source.length() > 48 ? source.substring(0, 48) : source);
            ps.setTimestamp(5, Timestamp.from(now));
            ps.executeUpdate();
        }
    }
}
