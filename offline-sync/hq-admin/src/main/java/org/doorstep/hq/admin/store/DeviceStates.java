package org.doorstep.hq.admin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What administrators decided about a device ({@code device_states}): revoked (when, by whom, why), a wipe asked
 * for (and by which command), the wipe confirmed. A device without a row is simply active. Revoking also writes
 * the device CA's revocation rows ({@code ca_revocations}, as {@code DeviceCa.revokeDevice} does), which ingest reads
 * at every message: the device's next packet is refused at once, before the broker has the new CRL.
 */
public final class DeviceStates {

    private DeviceStates() {
    }

    static void ensureRow(Connection c, String deviceId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO device_states (device_id, updated_at) VALUES (?, ?)")) {
            ps.setString(1, deviceId);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /**
     * Revokes every certificate of the device not revoked yet (reason: an RFC 5280 reason name, as the CA keeps it)
     * and records who did it. Returns how many certificates were revoked now.
     */
    public static int revoke(Connection c, String deviceId, String crlReason, String reason, String by, Instant now)
            throws SQLException {
        List<String> serials = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT serial FROM ca_certificates c WHERE subject = ? AND NOT"
                + " EXISTS (SELECT 1 FROM ca_revocations r WHERE r.serial = c.serial)")) {
            ps.setString(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    serials.add(rs.getString(1));
                }
            }
        }
        for (String serial : serials) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO ca_revocations (serial, revoked_at, reason) VALUES (?, ?, ?)")) {
                ps.setString(1, serial);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setString(3, crlReason);
                ps.executeUpdate();
            }
        }
        ensureRow(c, deviceId, now);
        try (PreparedStatement ps = c.prepareStatement("UPDATE device_states SET revoked_at = ?, revoked_by = ?,"
                + " revoke_reason = ?, updated_at = ? WHERE device_id = ? AND revoked_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, by);
            ps.setString(3, reason);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setString(5, deviceId);
            ps.executeUpdate();
        }
        return serials.size();
    }

    /** Records that a wipe was asked for, with the command that carries it. */
    public static void wipeRequested(Connection c, String deviceId, long commandId, String reason, String by, Instant now)
            throws SQLException {
        ensureRow(c, deviceId, now);
        try (PreparedStatement ps = c.prepareStatement("UPDATE device_states SET wipe_requested_at = ?,"
                + " wipe_requested_by = ?, wipe_reason = ?, wipe_command = ?, updated_at = ? WHERE device_id = ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, by);
            ps.setString(3, reason);
            ps.setLong(4, commandId);
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setString(6, deviceId);
            ps.executeUpdate();
        }
    }

    /** How many revocations the device CA holds: the dispatcher compares it with what the broker's CRL lists. */
    public static long revocationCount(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM ca_revocations");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
