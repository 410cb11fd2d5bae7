package org.doorstep.hq.admin.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.doorstep.hq.admin.CaseFlag;
import org.doorstep.hq.admin.CaseQuery;
import org.doorstep.hq.admin.CaseView;
import org.doorstep.hq.admin.CommandView;
import org.doorstep.hq.admin.DailyCount;
import org.doorstep.hq.admin.HqCaseState;
import org.doorstep.hq.admin.RejectView;
import org.doorstep.hq.admin.store.CaseIndex;
import org.doorstep.hq.admin.store.CommandQueue;

/** Reads stored cases, rejections and the daily report from the store. */
public final class Cases {

    private Cases() {
    }

    private static final String CASE_COLUMNS = "p.packet_id, p.device_id, p.case_id, p.sealed_at, p.stored_at,"
            + " p.packet_length, p.receipt_id, f.created_at, f.officer_id, f.exceptions, f.problem";

    public static List<CaseView> list(Connection c, CaseQuery q, ZoneId zone) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        q.deviceId().ifPresent(d -> {
            where.append(" AND p.device_id = ?");
            args.add(d);
        });
        q.from().ifPresent(d -> {
            where.append(" AND p.stored_at >= ?");
            args.add(Timestamp.from(d.atStartOfDay(zone).toInstant()));
        });
        q.to().ifPresent(d -> {
            where.append(" AND p.stored_at < ?");
            args.add(Timestamp.from(d.plusDays(1).atStartOfDay(zone).toInstant()));
        });
        List<CaseView> all = new ArrayList<>();
        Map<String, String[]> reviews = latestReviews(c);
        Map<String, String> statuses = latestStatuses(c);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CASE_COLUMNS + " FROM packets p LEFT JOIN case_facts f"
                + " ON f.packet_id = p.packet_id" + where + " ORDER BY p.stored_at DESC, p.packet_id")) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && all.size() < q.limit()) {
                    CaseView v = view(rs, reviews, statuses);
                    if (q.state().isEmpty() || q.state().get() == v.state()) {
                        all.add(v);
                    }
                }
            }
        }
        return all;
    }

    public static Optional<CaseView> byPacket(Connection c, UUID packetId) throws SQLException {
        return one(c, "p.packet_id = ?", packetId.toString());
    }

    /** A case by its case id (or a unique prefix of at least 8 characters, as laptops show them). */
    public static List<CaseView> byCaseId(Connection c, String caseId) throws SQLException {
        List<CaseView> found = new ArrayList<>();
        Map<String, String[]> reviews = latestReviews(c);
        Map<String, String> statuses = latestStatuses(c);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CASE_COLUMNS + " FROM packets p LEFT JOIN case_facts f"
                + " ON f.packet_id = p.packet_id WHERE p.case_id LIKE ? ORDER BY p.stored_at")) {
            ps.setString(1, caseId.replace("%", "").replace("_", "\\_") + "%");
            ps.setMaxRows(20);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(view(rs, reviews, statuses));
                }
            }
        }
        return found;
    }

    private static Optional<CaseView> one(Connection c, String where, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CASE_COLUMNS + " FROM packets p LEFT JOIN case_facts f"
                + " ON f.packet_id = p.packet_id WHERE " + where)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(view(rs, latestReviews(c), latestStatuses(c))) : Optional.empty();
            }
        }
    }

    private static CaseView view(ResultSet rs, Map<String, String[]> reviews, Map<String, String> statuses)
            throws SQLException {
        String packet = rs.getString(1);
        List<CaseFlag> flags = new ArrayList<>();
        CaseIndex.read(rs.getString(10)).forEach(e -> flags.add(new CaseFlag(e.kind(), e.subject(), e.detail())));
        String problem = rs.getString(11);
        if (problem != null) {
            flags.add(new CaseFlag("unreadable", "", problem));
        }
        String[] review = reviews.get(packet);
        HqCaseState state = review != null ? HqCaseState.valueOf(review[0])
                : flags.isEmpty() ? HqCaseState.RECEIVED : HqCaseState.NEEDS_REVIEW;
        Timestamp created = rs.getTimestamp(8);
        return new CaseView(UUID.fromString(packet), rs.getString(3), rs.getString(2), Optional.ofNullable(rs.getString(9)),
                Optional.ofNullable(created).map(Timestamp::toInstant), rs.getTimestamp(4).toInstant(),
                rs.getTimestamp(5).toInstant(), rs.getLong(6), rs.getString(7), state, flags,
                review == null ? Optional.empty() : Optional.of(review[0].toLowerCase(java.util.Locale.ROOT) + " by "
                        + review[2] + (review[1] == null ? "" : ": " + review[1])),
                Optional.ofNullable(statuses.get(packet)));
    }

    /** Packet id → {decision, reason, by} of its newest review. */
    private static Map<String, String[]> latestReviews(Connection c) throws SQLException {
        Map<String, String[]> map = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT packet_id, decision, reason, decided_by FROM case_reviews ORDER BY review_id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                map.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
            }
        }
        return map;
    }

    /** Packet id → the status of its newest status update (read from the queued body). */
    private static Map<String, String> latestStatuses(Connection c) throws SQLException {
        Map<String, String> map = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT reference, body, state FROM outbound_commands"
                + " WHERE type = 'STATUS_UPDATE' ORDER BY command_id"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String body = rs.getString(2);
                int i = body.indexOf("\"status\":\"");
                String status = i < 0 ? "?" : body.substring(i + 10, body.indexOf('"', i + 10));
                map.put(rs.getString(1), status + " (" + rs.getString(3).toLowerCase(java.util.Locale.ROOT) + ")");
            }
        }
        return map;
    }

    public static List<RejectView> rejects(Connection c, Optional<String> device, int limit) throws SQLException {
        Map<String, CommandView> resends = new HashMap<>();
        for (CommandQueue.Entry e : CommandQueue.ofDevice(c, device.orElse(null), 100_000)) {
            if (e.type() == org.doorstep.sync.command.CommandType.RESEND && e.reference() != null) {
                resends.putIfAbsent(e.reference(), Views.command(e)); // newest first
            }
        }
        List<RejectView> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, packet_id, device_id, reason, detail, rejected_at, worker"
                + " FROM rejects" + (device.isPresent() ? " WHERE device_id = ?" : "") + " ORDER BY id DESC")) {
            if (device.isPresent()) {
                ps.setString(1, device.get());
            }
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String packet = rs.getString(2);
                    all.add(new RejectView(rs.getLong(1), Optional.ofNullable(packet).map(UUID::fromString),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(),
                            rs.getString(7), Optional.ofNullable(packet == null ? null : resends.get(packet))));
                }
            }
        }
        return all;
    }

    /** Cases stored per device per day in {@code zone}, with the times from capture and sealing to HQ's receipt. */
    public static List<DailyCount> report(Connection c, Optional<String> device, Optional<LocalDate> from,
            Optional<LocalDate> to, ZoneId zone) throws SQLException {
        CaseQuery q = new CaseQuery(device, from, to, Optional.empty(), CaseQuery.MAX_LIMIT);
        Map<LocalDate, Map<String, List<CaseView>>> byDay = new TreeMap<>();
        for (CaseView v : list(c, q, zone)) {
            byDay.computeIfAbsent(LocalDate.ofInstant(v.storedAt(), zone), d -> new TreeMap<>())
                    .computeIfAbsent(v.deviceId(), d -> new ArrayList<>()).add(v);
        }
        List<DailyCount> lines = new ArrayList<>();
        byDay.forEach((day, devices) -> devices.forEach((id, cases) -> {
            List<Duration> capture = cases.stream().flatMap(v -> v.captureToReceipt().stream()).sorted().toList();
            List<Duration> seal = cases.stream().map(CaseView::sealToReceipt).sorted().toList();
            lines.add(new DailyCount(day, id, cases.size(), median(capture), capture.stream().max(Comparator.naturalOrder()),
                    median(seal).orElse(Duration.ZERO), seal.get(seal.size() - 1)));
        }));
        return lines;
    }

    static Optional<Duration> median(List<Duration> sorted) {
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        int n = sorted.size();
        return Optional.of(n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2));
    }

}
