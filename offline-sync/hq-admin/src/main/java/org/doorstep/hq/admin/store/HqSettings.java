package org.doorstep.hq.admin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the HQ service process tells the console and the command line through the store ({@code hq_settings}): the
 * deployment's suite, the CA certificate's fingerprint, where laptops enrol and which broker they use, and how far
 * the broker's CRL has been brought. Written by the process that holds HQ's keys, read by everyone.
 */
public final class HqSettings {

    /** {@code intl} or {@code gm}. */
    public static final String SUITE = "pki.suite";
    /** SHA256:AA:BB:… of the device CA certificate; laptops check their enrolment bundle against it. */
    public static final String CA_FINGERPRINT = "ca.fingerprint";
    public static final String ENROLMENT_URI = "enrolment.uri";
    public static final String BROKER_URI = "broker.uri";
    /** How many revocations the CRL the broker holds lists, and when it was published. */
    public static final String CRL_REVOCATIONS = "crl.revocations";
    public static final String CRL_PUBLISHED_AT = "crl.published-at";
    /** When the HQ service's dispatcher last looked at its queue (it is alive if this is recent). */
    public static final String DISPATCHER_SEEN = "dispatcher.seen-at";

    private HqSettings() {
    }

    public static Optional<String> get(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT val FROM hq_settings WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public static Map<String, String> all(Connection c) throws SQLException {
        Map<String, String> all = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, val FROM hq_settings ORDER BY name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.put(rs.getString(1), rs.getString(2));
            }
        }
        return all;
    }

    public static void put(Connection c, String name, String value, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE hq_settings SET val = ?, updated_at = ? WHERE name = ?")) {
            ps.setString(1, value);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, name);
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO hq_settings (name, val, updated_at) VALUES (?, ?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.executeUpdate();
        }
    }
}
