package org.doorstep.hq.admin.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.doorstep.hq.admin.AuditCheck;
import org.doorstep.hq.admin.store.ChainedEntry;

/**
 * Verifies a laptop's audit trail as HQ holds it ({@code device_audit}), with the laptop vault's rules: each entry's
 * {@code hash = H("doorstep/v1/audit" | previous hash | seq | time | officer | action | case | detail)} (strings
 * length-prefixed, -1 for none; H = SHA-256 in {@code intl}, SM3 in {@code gm}), signed by the device key
 * ({@code SHA256withECDSA} or {@code SM3withSM2} over the hash), and each entry's previous hash equal to the hash of
 * the entry before it. The device key is the one HQ certified (any of the device's certificates).
 *
 * <p>HQ may not hold every entry (the laptop sends its trail as it goes; entries of cases still on the laptop come
 * later): a missing number is a <em>gap</em>, reported apart from <em>breaks</em>, and the chain is checked across
 * every pair of consecutive numbers HQ holds.
 */
public final class DeviceAuditCheck {

    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    private static final byte[] GENESIS = new byte[32];
    private static final int MAX_LISTED = 50;

    private DeviceAuditCheck() {
    }

    public static AuditCheck verify(Connection c, String deviceId) throws SQLException {
        List<X509Certificate> certificates = Devices.certificates(c, deviceId);
        List<String> breaks = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        long count = 0;
        long expected = 1;
        byte[] previous = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, at_ms, officer_id, action, case_id, detail, prev_hash,"
                + " hash, signature, suite FROM device_audit WHERE device_id = ? ORDER BY seq")) {
            ps.setString(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    count++;
                    long seq = rs.getLong(1);
                    byte[] prev = rs.getBytes(7);
                    byte[] hash = rs.getBytes(8);
                    String suite = rs.getString(10);
                    if (seq > expected) {
                        add(gaps, seq - 1 > expected ? "entries " + expected + "–" + (seq - 1) + " not received"
                                : "entry " + expected + " not received");
                    } else if (seq == 1 && !MessageDigest.isEqual(prev, GENESIS)) {
                        add(breaks, "entry 1 does not start the trail (its previous hash is not zero)");
                    } else if (previous != null && !MessageDigest.isEqual(previous, prev)) {
                        add(breaks, "entry " + seq + " does not follow entry " + (seq - 1)
                                + " (the chain is broken: an entry was removed, inserted or changed)");
                    }
                    byte[] recomputed = hash(suite, prev, seq, rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6));
                    if (!MessageDigest.isEqual(recomputed, hash)) {
                        add(breaks, "entry " + seq + " (" + rs.getString(4) + ") was altered after it was written");
                    } else if (!signedByDevice(certificates, suite, hash, rs.getBytes(9))) {
                        add(breaks, "entry " + seq + " is not signed by " + deviceId + "'s device key");
                    }
                    previous = hash;
                    expected = seq + 1;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, source FROM device_audit_conflicts WHERE device_id = ?"
                + " ORDER BY seq")) {
            ps.setString(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    add(breaks, "entry " + rs.getLong(1) + " came twice with different contents (again in "
                            + rs.getString(2) + ")");
                }
            }
        }
        if (count > 0 && certificates.isEmpty()) {
            breaks.add(0, deviceId + " has no certificate on record to check its signatures with");
        }
        return new AuditCheck(deviceId, count, expected - 1, breaks, gaps);
    }

    private static void add(List<String> list, String line) {
        if (list.size() < MAX_LISTED) {
            list.add(line);
        } else if (list.size() == MAX_LISTED) {
            list.add("… and more");
        }
    }

    private static boolean signedByDevice(List<X509Certificate> certificates, String suite, byte[] hash, byte[] signature) {
        for (X509Certificate cert : certificates) {
            if (verify(cert.getPublicKey(), suite, hash, signature)) {
                return true;
            }
        }
        return false;
    }

    private static boolean verify(PublicKey key, String suite, byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance("gm".equals(suite) ? "SM3withSM2" : "SHA256withECDSA", BC);
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The laptop vault's entry hash (see its AuditTrail). */
    static byte[] hash(String suite, byte[] previous, long seq, long atMs, String officer, String action, String caseId,
            String detail) {
        byte[] in = ChainedEntry.hashInput("doorstep/v1/audit", previous, seq, atMs, officer, action, caseId, detail);
        Digest d = "gm".equals(suite) ? new SM3Digest() : new SHA256Digest();
        d.update(in, 0, in.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }
}
