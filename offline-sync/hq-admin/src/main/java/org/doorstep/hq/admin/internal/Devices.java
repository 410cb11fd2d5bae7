package org.doorstep.hq.admin.internal;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.doorstep.hq.admin.DeviceBoard;
import org.doorstep.hq.admin.DeviceState;
import org.doorstep.hq.admin.DeviceView;
import org.doorstep.hq.admin.store.IngestWorkers;

/**
 * Reads the device board from the store: the device CA's certificates, codes and revocations, the newest heartbeats,
 * what HQ stored and rejected, the commands still open and the administrators' decisions. Which certificates are
 * laptops is decided by the certificate itself (client authentication, and not one of HQ's own {@code hq-*}
 * clients); parsed certificates are cached by serial, as certificates never change.
 */
public final class Devices {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    /** Whether a certificate (by serial) is a laptop's. */
    private final Map<String, Boolean> laptops = new ConcurrentHashMap<>();

    /** HQ's own clients (ingest workers, the dispatcher, consoles) are enrolled like laptops but are not laptops. */
    public static boolean isHqName(String name) {
        return name.regionMatches(true, 0, "hq-", 0, 3) || name.equalsIgnoreCase("hq");
    }

    private static final class Row {
        final String id;
        Instant expiry;
        String newestSerial;
        boolean enrolled;
        boolean codeOpen;
        Instant revokedAt;
        Instant heartbeat;
        String officer;
        int backlogCases;
        long backlogBytes;
        Duration oldest;
        String software;
        Integer catalogue;
        Long freeDisk;
        long delivered;
        long rejected;
        Instant lastStored;
        int pending;
        Instant wipeRequested;
        Instant wiped;
        final Set<String> officers = new LinkedHashSet<>();

        Row(String id) {
            this.id = id;
        }
    }

    public DeviceBoard board(Connection c, Instant now) throws SQLException {
        Map<String, Row> rows = new TreeMap<>();
        Map<String, Instant> revoked = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT serial, revoked_at FROM ca_revocations");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                revoked.put(rs.getString(1), rs.getTimestamp(2).toInstant());
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT serial, subject, not_after, der FROM ca_certificates ORDER BY issued_seq");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String serial = rs.getString(1);
                String subject = rs.getString(2);
                if (isHqName(subject)) {
                    continue;
                }
                Boolean laptop = laptops.get(serial);
                if (laptop == null) {
                    laptop = isLaptopCertificate(rs.getBytes(4));
                    laptops.put(serial, laptop);
                }
                if (!laptop) {
                    continue;
                }
                Row r = rows.computeIfAbsent(subject, Row::new);
                r.enrolled = true;
                r.newestSerial = serial;
                r.expiry = rs.getTimestamp(3).toInstant();
            }
        }
        for (Row r : rows.values()) {
            r.revokedAt = revoked.get(r.newestSerial);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT device_id FROM ca_codes WHERE used_at IS NULL AND expires_at > ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!isHqName(rs.getString(1))) {
                        rows.computeIfAbsent(rs.getString(1), Row::new).codeOpen = true;
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT device_id, received_at, backlog_cases, backlog_bytes,"
                + " oldest_unsent_seconds, software_version, catalogue_version, free_disk_bytes, officer_id, sent_at"
                + " FROM heartbeats"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Row r = rows.get(rs.getString(1));
                if (r == null) {
                    continue;
                }
                r.heartbeat = rs.getTimestamp(2).toInstant();
                r.backlogCases = rs.getInt(3);
                r.backlogBytes = rs.getLong(4);
                long oldest = rs.getLong(5);
                r.oldest = rs.wasNull() ? null : Duration.ofSeconds(oldest);
                r.software = rs.getString(6);
                r.catalogue = rs.getInt(7);
                r.freeDisk = rs.getLong(8);
                r.officer = rs.getString(9);
                if (r.officer != null) {
                    r.officers.add(r.officer);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT device_id, COUNT(*), MAX(stored_at) FROM packets GROUP BY device_id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Row r = rows.get(rs.getString(1));
                if (r != null) {
                    r.delivered = rs.getLong(2);
                    r.lastStored = rs.getTimestamp(3).toInstant();
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT device_id, COUNT(DISTINCT packet_id) FROM rejects"
                + " WHERE packet_id IS NOT NULL GROUP BY device_id"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Row r = rows.get(rs.getString(1));
                if (r != null) {
                    r.rejected = rs.getLong(2);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT device_id, COUNT(*) FROM outbound_commands"
                + " WHERE state IN ('QUEUED', 'SENT') GROUP BY device_id"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Row r = rows.get(rs.getString(1));
                if (r != null) {
                    r.pending = rs.getInt(2);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT device_id, officer_id FROM case_facts"
                + " WHERE officer_id IS NOT NULL"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Row r = rows.get(rs.getString(1));
                if (r != null) {
                    r.officers.add(rs.getString(2));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT device_id, revoked_at, wipe_requested_at, wiped_at"
                + " FROM device_states"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Row r = rows.get(rs.getString(1));
                if (r != null) {
                    if (r.revokedAt == null && rs.getTimestamp(2) != null && r.enrolled) {
                        r.revokedAt = rs.getTimestamp(2).toInstant();
                    }
                    r.wipeRequested = instant(rs.getTimestamp(3));
                    r.wiped = instant(rs.getTimestamp(4));
                }
            }
        }
        List<DeviceView> devices = new ArrayList<>();
        for (Row r : rows.values()) {
            devices.add(view(r));
        }
        return new DeviceBoard(now, devices, IngestWorkers.read(c, now));
    }

    private static DeviceView view(Row r) {
        DeviceState state = r.wiped != null ? DeviceState.WIPED
                : r.wipeRequested != null ? DeviceState.WIPE_PENDING
                : !r.enrolled ? DeviceState.ENROLLING
                : r.revokedAt != null ? DeviceState.REVOKED : DeviceState.ACTIVE;
        // the officer signed in at the last heartbeat first, then the others in the order found
        List<String> officers = new ArrayList<>();
        if (r.officer != null) {
            officers.add(r.officer);
        }
        r.officers.stream().filter(o -> !o.equals(r.officer)).sorted().forEach(officers::add);
        return new DeviceView(r.id, state, officers, Optional.ofNullable(r.heartbeat), r.backlogCases, r.backlogBytes,
                Optional.ofNullable(r.oldest), Optional.ofNullable(r.software), Optional.ofNullable(r.catalogue),
                Optional.ofNullable(r.freeDisk), r.delivered, r.rejected, Optional.ofNullable(r.lastStored), r.pending,
                Optional.ofNullable(r.expiry), Optional.ofNullable(r.revokedAt), Optional.ofNullable(r.wipeRequested),
                Optional.ofNullable(r.wiped));
    }

    /** A cheap fingerprint of everything the board shows, for the monitor: it reads the board only when this changes. */
    public static String fingerprint(Connection c) throws SQLException {
        StringBuilder b = new StringBuilder();
        for (String sql : List.of("SELECT COUNT(*), MAX(received_at), SUM(sequence) FROM heartbeats",
                "SELECT COUNT(*), MAX(stored_at) FROM packets", "SELECT COUNT(*), MAX(id) FROM rejects",
                "SELECT COUNT(*), MAX(updated_at) FROM outbound_commands", "SELECT COUNT(*), MAX(updated_at) FROM device_states",
                "SELECT COUNT(*), MAX(issued_seq) FROM ca_certificates", "SELECT COUNT(*) FROM ca_revocations",
                "SELECT COUNT(*), MAX(issued_at), COUNT(used_at) FROM ca_codes", IngestWorkers.fingerprintSql())) {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    b.append(rs.getString(i)).append('|');
                }
            }
        }
        return b.toString();
    }

    private static boolean isLaptopCertificate(byte[] der) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509", BC)
                    .generateCertificate(new ByteArrayInputStream(der));
            List<String> eku = cert.getExtendedKeyUsage();
            return eku != null && eku.contains(CLIENT_AUTH) && cert.getBasicConstraints() < 0;
        } catch (CertificateParsingException e) {
            return false;
        } catch (CertificateException e) {
            return false;
        }
    }

    /** The certificates of a device, newest last (to verify what it signed). */
    public static List<X509Certificate> certificates(Connection c, String deviceId) throws SQLException {
        List<X509Certificate> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT der FROM ca_certificates WHERE subject = ? ORDER BY issued_seq")) {
            ps.setString(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        all.add((X509Certificate) CertificateFactory.getInstance("X.509", BC)
                                .generateCertificate(new ByteArrayInputStream(rs.getBytes(1))));
                    } catch (CertificateException e) {
                        // an unreadable certificate verifies nothing; the others still may
                    }
                }
            }
        }
        return all;
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
