package org.doorstep.hq.admin.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The administrators' own audit trail ({@code admin_audit}): every sign-in (and failed one), every refused and every
 * carried-out administrative action, appended in the transaction of the action itself, so an action and its entry
 * are committed together or not at all. Hash-chained like the laptop's trail:
 * {@code hash = SHA-256("doorstep/v1/hq-admin-audit" | previous hash | seq | time | user | action | target | detail |
 * outcome)} (strings length-prefixed), with the head (last number and hash) in {@code admin_audit_head}, updated in
 * the same transaction. Appends from several processes are serialised by the head row's lock.
 *
 * <p>{@link #verify} reports every break: an entry edited (its hash), deleted or inserted (numbering, chain), cut from
 * the end (the head). Limit, stated plainly: the console holds no key, so someone who can write HQ's database could
 * rewrite the whole chain consistently; the chain shows edits made by anyone less thorough, and a copy of the head
 * kept elsewhere (the report, a printout) pins everything before it.
 */
public final class AdminAuditLog {

    /** One entry. {@code outcome}: {@code done}, {@code refused} or {@code failed}. */
    public record Entry(long seq, Instant at, String userId, String action, String target, String detail,
            String outcome, byte[] previousHash, byte[] hash) {
        public Entry {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** What verification found: how many entries, the head, and every break in words. */
    public record Report(long entries, long headSeq, String headHash, List<String> problems) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    static final byte[] GENESIS = new byte[32];
    private static final int MAX_DETAIL = 1000;
    private static final int MAX_TARGET = 200;

    private AdminAuditLog() {
    }

    /** Appends one entry inside the caller's transaction; the caller commits. */
    public static Entry append(Connection c, Instant at, String userId, String action, String target, String detail,
            String outcome) throws SQLException {
        // the update takes the head row's lock first, so concurrent appenders queue here
        try (PreparedStatement ps = c.prepareStatement("UPDATE admin_audit_head SET seq = seq WHERE id = 1")) {
            ps.executeUpdate();
        }
        long seq;
        byte[] previous;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM admin_audit_head WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            seq = rs.getLong(1) + 1;
            previous = rs.getBytes(2);
        }
        String user = clip(userId, 32);
        String t = target == null ? null : clip(target, MAX_TARGET);
        String d = detail == null ? null : clip(detail, MAX_DETAIL);
        long atMs = at.toEpochMilli();
        byte[] hash = hash(previous, seq, atMs, user, action, t, d, outcome);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO admin_audit (seq, at_ms, user_id, action, target,"
                + " detail, outcome, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setLong(2, atMs);
            ps.setString(3, user);
            ps.setString(4, action);
            ps.setString(5, t);
            ps.setString(6, d);
            ps.setString(7, outcome);
            ps.setBytes(8, previous);
            ps.setBytes(9, hash);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE admin_audit_head SET seq = ?, hash = ? WHERE id = 1")) {
            ps.setLong(1, seq);
            ps.setBytes(2, hash);
            ps.executeUpdate();
        }
        return new Entry(seq, Instant.ofEpochMilli(atMs), user, action, t, d, outcome, previous, hash);
    }

    /** Entries from {@code fromSeq} on, at most {@code max}, oldest first. */
    public static List<Entry> read(Connection c, long fromSeq, int max) throws SQLException {
        List<Entry> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, at_ms, user_id, action, target, detail, outcome,"
                + " prev_hash, hash FROM admin_audit WHERE seq >= ? ORDER BY seq")) {
            ps.setLong(1, fromSeq);
            ps.setMaxRows(Math.max(1, max));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(entry(rs));
                }
            }
        }
        return all;
    }

    /** Walks the whole trail and reports every break. */
    public static Report verify(Connection c) throws SQLException {
        List<String> problems = new ArrayList<>();
        long count = 0;
        long expected = 1;
        byte[] previous = GENESIS;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, at_ms, user_id, action, target, detail, outcome,"
                + " prev_hash, hash FROM admin_audit ORDER BY seq"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Entry e = entry(rs);
                count++;
                if (e.seq() != expected) {
                    problems.add(e.seq() > expected ? (e.seq() - 1 > expected ? "entries " + expected + "–"
                            + (e.seq() - 1) + " are" : "entry " + expected + " is") + " missing (deleted)"
                            : "entry " + e.seq() + " is out of order");
                }
                if (!MessageDigest.isEqual(previous, e.previousHash())) {
                    problems.add("entry " + e.seq() + " does not follow the entry before it (the chain is broken: an"
                            + " entry was removed, inserted or moved)");
                }
                byte[] recomputed = hash(e.previousHash(), e.seq(), e.at().toEpochMilli(), e.userId(), e.action(),
                        e.target(), e.detail(), e.outcome());
                if (!MessageDigest.isEqual(recomputed, e.hash())) {
                    problems.add("entry " + e.seq() + " (" + e.action() + ") was altered after it was written");
                }
                expected = e.seq() + 1;
                previous = e.hash();
            }
        }
        long headSeq;
        byte[] headHash;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM admin_audit_head WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                problems.add("the trail's head record is missing");
                return new Report(count, -1, "", List.copyOf(problems));
            }
            headSeq = rs.getLong(1);
            headHash = rs.getBytes(2);
        }
        if (headSeq != expected - 1 || !MessageDigest.isEqual(headHash, previous)) {
            problems.add("the trail ends at entry " + (expected - 1) + " but its head says " + headSeq
                    + (headSeq > expected - 1 ? " (entries were cut from the end)" : ""));
        }
        return new Report(count, headSeq, java.util.HexFormat.of().formatHex(headHash), List.copyOf(problems));
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getBytes(8), rs.getBytes(9));
    }

    static byte[] hash(byte[] previous, long seq, long atMs, String user, String action, String target, String detail,
            String outcome) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(
                    ChainedEntry.hashInput("doorstep/v1/hq-admin-audit", previous, seq, atMs, user, action, target, detail,
                            outcome));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
