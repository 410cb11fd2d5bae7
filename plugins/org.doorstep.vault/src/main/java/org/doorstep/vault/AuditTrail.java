package org.doorstep.vault;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.crypto.DeviceKey;

/**
 * The append-only, hash-chained, device-signed audit trail, kept in the encrypted database. Each entry's
 * hash covers the previous entry's hash and every field of the entry; the device key signs each hash and
 * the head (the last sequence number and hash, kept in its own row, updated in the same transaction). So
 * an edited entry breaks its hash, a deleted or reordered entry breaks the chain or the numbering, and
 * entries cut from the end no longer match the signed head.
 */
final class AuditTrail {

    static final int HASH_BYTES = 32;
    private static final byte[] GENESIS = new byte[HASH_BYTES];
    private static final int MAX_DETAIL = 1000;

    private AuditTrail() {
    }

    /** Appends one entry inside the caller's transaction; the caller commits. */
    static AuditEntry append(Connection c, CryptoSuite suite, DeviceKey key, Instant at, String officerId,
            AuditAction action, String caseId, String detail) throws SQLException {
        long seq = 1;
        byte[] previous = GENESIS;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                seq = rs.getLong(1) + 1;
                previous = rs.getBytes(2);
            }
        }
        String text = detail == null ? null : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
        byte[] hash = hash(suite, previous, seq, at.toEpochMilli(), officerId, action.name(), caseId, text);
        byte[] signature = key.sign(hash);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, officerId);
            ps.setString(4, action.name());
            ps.setString(5, caseId);
            ps.setString(6, text);
            ps.setBytes(7, previous);
            ps.setBytes(8, hash);
            ps.setBytes(9, signature);
            ps.executeUpdate();
        }
        byte[] headSignature = key.sign(headMessage(seq, hash));
        try (PreparedStatement ps = c.prepareStatement(seq == 1 ? "INSERT INTO audit_head (seq, hash, signature, id) VALUES (?, ?, ?, 1)"
                : "UPDATE audit_head SET seq = ?, hash = ?, signature = ? WHERE id = 1")) {
            ps.setLong(1, seq);
            ps.setBytes(2, hash);
            ps.setBytes(3, headSignature);
            ps.executeUpdate();
        }
        return new AuditEntry(seq, Instant.ofEpochMilli(at.toEpochMilli()), officerId, action, caseId, text, previous, hash,
                signature);
    }

    /** Entries from {@code fromSeq} on, at most {@code max}, in order. */
    static List<AuditEntry> read(Connection c, long fromSeq, int max) throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM audit WHERE seq >= ? ORDER BY seq")) {
            ps.setLong(1, fromSeq);
            ps.setMaxRows(max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(entry(rs));
                }
            }
        }
        return entries;
    }

    /** Every entry about one case, in order. */
    static List<AuditEntry> readCase(Connection c, String caseId) throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM audit WHERE case_id = ? ORDER BY seq")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(entry(rs));
                }
            }
        }
        return entries;
    }

    /** Walks the whole trail and reports every break, without stopping at the first. */
    static AuditReport verify(Connection c, CryptoSuite suite, byte[] publicKey) throws SQLException {
        List<String> problems = new ArrayList<>();
        long count = 0;
        long expectedSeq = 1;
        byte[] previous = GENESIS;
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM audit ORDER BY seq");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                AuditEntry e;
                try {
                    e = entry(rs);
                } catch (IllegalArgumentException bad) {
                    problems.add("entry " + rs.getLong("seq") + " has an unknown action '" + rs.getString("action") + "'");
                    expectedSeq = rs.getLong("seq") + 1;
                    previous = rs.getBytes("hash");
                    count++;
                    continue;
                }
                count++;
                if (e.seq() != expectedSeq) {
                    problems.add(e.seq() > expectedSeq
                            ? "entries " + expectedSeq + (e.seq() - 1 > expectedSeq ? "–" + (e.seq() - 1) : "") + " are missing (deleted)"
                            : "entry " + e.seq() + " is out of order");
                }
                if (!MessageDigest.isEqual(previous, e.previousHash())) {
                    problems.add("entry " + e.seq() + " does not follow the entry before it (the chain is broken: "
                            + "an entry was removed, inserted or moved)");
                }
                byte[] recomputed = hash(suite, e.previousHash(), e.seq(), e.at().toEpochMilli(), e.officerId(),
                        e.action().name(), e.caseId(), e.detail());
                if (!MessageDigest.isEqual(recomputed, e.hash())) {
                    problems.add("entry " + e.seq() + " (" + e.action() + ") was altered after it was written");
                } else if (!DeviceKey.verify(suite, publicKey, e.hash(), e.signature())) {
                    problems.add("entry " + e.seq() + " is not signed by this laptop's device key");
                }
                expectedSeq = e.seq() + 1;
                previous = e.hash();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash, signature FROM audit_head WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                if (count > 0) {
                    problems.add("the signed end marker of the trail is missing");
                }
            } else {
                long headSeq = rs.getLong(1);
                byte[] headHash = rs.getBytes(2);
                if (!DeviceKey.verify(suite, publicKey, headMessage(headSeq, headHash), rs.getBytes(3))) {
                    problems.add("the signed end marker of the trail is not signed by this laptop's device key");
                } else if (headSeq != expectedSeq - 1 || !MessageDigest.isEqual(headHash, previous)) {
                    problems.add("the trail ends at entry " + (expectedSeq - 1) + " but its signed end marker says "
                            + headSeq + (headSeq > expectedSeq - 1 ? " (entries were cut from the end)" : ""));
                }
            }
        }
        return new AuditReport(count, List.copyOf(problems));
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), Instant.ofEpochMilli(rs.getLong("at_ms")), rs.getString("officer_id"),
                AuditAction.valueOf(rs.getString("action")), rs.getString("case_id"), rs.getString("detail"),
                rs.getBytes("prev_hash"), rs.getBytes("hash"), rs.getBytes("signature"));
    }

    static byte[] hash(CryptoSuite suite, byte[] previous, long seq, long atMs, String officerId, String action,
            String caseId, String detail) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write("doorstep/v1/audit".getBytes(StandardCharsets.US_ASCII));
            out.write(previous);
            out.writeLong(seq);
            out.writeLong(atMs);
            for (String field : new String[] { officerId, action, caseId, detail }) {
                if (field == null) {
                    out.writeInt(-1);
                } else {
                    byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(utf8.length);
                    out.write(utf8);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return suite.hash(bytes.toByteArray());
    }

    private static byte[] headMessage(long seq, byte[] hash) {
        return ("doorstep/v1/audit-head/" + seq + "/" + HexFormat.of().formatHex(hash)).getBytes(StandardCharsets.US_ASCII);
    }
}
