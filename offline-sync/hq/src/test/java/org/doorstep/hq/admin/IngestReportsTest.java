package org.doorstep.hq.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.doorstep.hq.TestHq;
import org.doorstep.hq.ingest.IngestWorker;
import org.doorstep.hq.store.HqStore;
import org.doorstep.sync.protocol.RejectReason;
import org.doorstep.sync.protocol.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What ingest does with the laptops' new reports when they are bad: a command result, a wipe confirmation and an
 * audit batch that are malformed, forged, about another device or from a device HQ never enrolled are each recorded
 * as a rejection with the reason, and change nothing else: no command closed, no device wiped, no audit entry kept.
 * A good audit batch is kept once, however often it comes; one that contradicts an entry HQ holds is kept aside and
 * reported by verification.
 */
class IngestReportsTest {

    @TempDir
    Path dir;

    @Test
    void badReportsAreRejectedWithTheirReasonAndChangeNothing() throws Exception {
        try (TestHq hq = new TestHq(dir.resolve("hq"))) {
            TestHq.Device device = hq.enrol("dev-reports");
            IngestWorker worker = hq.worker("w", (topic, payload) -> { });
            String id = device.id();
            Map<String, Long> before = counts(hq);
            List<String[]> bad = new ArrayList<>();
            bad.add(new String[] {Topics.COMMAND_RESULT, "not json", "MALFORMED"});
            bad.add(new String[] {Topics.COMMAND_RESULT, "{\"format\":\"doorstep-command-result/1\",\"device\":\"dev-other\","
                    + "\"sequence\":1,\"type\":\"WIPE\",\"outcome\":\"carried-out\",\"detail\":\"\",\"at\":\"2026-11-21T10:00:00Z\"}",
                    "MALFORMED"});
            bad.add(new String[] {Topics.WIPED, "{\"format\":\"doorstep-wipe-confirmation/1\",\"payload\":\"e30=\","
                    + "\"signature\":\"AAAA\"}", "BAD_SIGNATURE"});
            bad.add(new String[] {Topics.WIPED, "[]", "BAD_SIGNATURE"});
            bad.add(new String[] {Topics.AUDIT, "{\"format\":\"doorstep-audit-batch/1\",\"deviceId\":\"" + id
                    + "\",\"suite\":\"intl\",\"entries\":[]}", "MALFORMED"});
            bad.add(new String[] {Topics.AUDIT, "{\"format\":\"doorstep-audit-batch/1\",\"deviceId\":\"dev-other\","
                    + "\"suite\":\"intl\",\"entries\":[" + entry(1, "0".repeat(64)) + "]}", "MALFORMED"});
            bad.add(new String[] {Topics.AUDIT, "{\"format\":\"doorstep-audit-batch/1\",\"deviceId\":\"" + id
                    + "\",\"suite\":\"intl\",\"entries\":[" + entry(2, "0".repeat(64)) + "," + entry(1, "0".repeat(64))
                    + "]}", "MALFORMED"});
            bad.add(new String[] {Topics.AUDIT, "{\"format\":\"doorstep-audit-batch/1\",\"deviceId\":\"" + id
                    + "\",\"suite\":\"intl\",\"entries\":[" + entry(1, "zz") + "]}", "MALFORMED"});
            bad.add(new String[] {Topics.AUDIT, "{\"format\":\"doorstep-audit-batch/1\",\"deviceId\":\"" + id
                    + "\",\"suite\":\"intl\",\"entries\":[" + entry(1, "0".repeat(64)) + "],\"more\":true}", "MALFORMED"});
            bad.add(new String[] {Topics.AUDIT, "x".repeat(300_000), "MALFORMED"});
            for (String[] b : bad) {
                worker.handle(Topics.of(id, b[0]), b[1].getBytes(StandardCharsets.UTF_8));
            }
            worker.handle(Topics.of("dev-never-enrolled", Topics.AUDIT), "{}".getBytes(StandardCharsets.UTF_8));
            try (HqStore store = hq.store("check")) {
                List<HqStore.Rejected> rejects = store.rejects();
                assertEquals(bad.size() + 1, rejects.size(), rejects.toString());
                for (int i = 0; i < bad.size(); i++) {
                    assertEquals(RejectReason.valueOf(bad.get(i)[2]), rejects.get(i).reason(), bad.get(i)[1]);
                    assertTrue(rejects.get(i).detail().startsWith(bad.get(i)[0].equals(Topics.WIPED) ? "wipe confirmation:"
                            : bad.get(i)[0].equals(Topics.AUDIT) ? "unreadable audit batch:" : "unreadable command result:"),
                            rejects.get(i).detail());
                }
                assertEquals(RejectReason.UNKNOWN_DEVICE, rejects.get(bad.size()).reason());
            }
            Map<String, Long> after = counts(hq);
            after.remove("REJECTS");
            before.remove("REJECTS");
            assertEquals(before, after, "nothing but the rejections was kept");
        }
    }

    @Test
    void aGoodBatchIsKeptOnceAndAContradictingEntryIsReported() throws Exception {
        try (TestHq hq = new TestHq(dir.resolve("hq"))) {
            TestHq.Device device = hq.enrol("dev-trail");
            IngestWorker worker = hq.worker("w", (topic, payload) -> { });
            AuditSlices trail = new AuditSlices(device.id(), device.key().getPrivate());
            byte[] slice = trail.slice("case-1", List.of(new AuditSlices.Step(Instant.parse("2026-11-21T08:00:00Z"),
                    "J1", "CASE_CREATED", null), new AuditSlices.Step(Instant.parse("2026-11-21T08:10:00Z"), "J1", "SEAL",
                    "packet")));
            String batch = new String(slice, StandardCharsets.UTF_8).replace("doorstep-audit-slice/1",
                    "doorstep-audit-batch/1").replace(",\"caseId\":\"case-1\",\"suite\"", ",\"suite\"");
            worker.handle(Topics.of(device.id(), Topics.AUDIT), batch.getBytes(StandardCharsets.UTF_8));
            worker.handle(Topics.of(device.id(), Topics.AUDIT), batch.getBytes(StandardCharsets.UTF_8));
            assertEquals(2, counts(hq).get("DEVICE_AUDIT"), "kept once");
            try (HqAdmin admin = HqAdmin.open(ConnectionSource.url(hq.database.url()),
                    AdminOptions.defaults().withPasswordCost(1024, 1), hq.clock)) {
                admin.createFirstAdmin("admin", "Admin", "a long password 1".toCharArray());
                AdminSession s = admin.signIn("admin", "a long password 1".toCharArray());
                AuditCheck ok = s.verifyDeviceAudit(device.id());
                assertTrue(ok.intact() && ok.gaps().isEmpty() && ok.lastSeq() == 2, ok.toString());
                // the same number again with another content (a laptop never does this)
                String contradicting = batch.replace("\"packet\"", "\"another packet\"");
                worker.handle(Topics.of(device.id(), Topics.AUDIT), contradicting.getBytes(StandardCharsets.UTF_8));
                AuditCheck broken = s.verifyDeviceAudit(device.id());
                assertEquals(List.of("entry 2 came twice with different contents (again in audit batch)"), broken.breaks());
            }
        }
    }

    private static String entry(long seq, String previous) throws Exception {
        return "{\"seq\":" + seq + ",\"at\":\"2026-11-21T08:00:00Z\",\"officer\":\"J1\",\"action\":\"UNLOCK\","
                + "\"caseId\":null,\"detail\":null,\"previousHash\":\"" + previous + "\",\"hash\":\"" + "1".repeat(64)
                + "\",\"signature\":\"" + Base64.getEncoder().encodeToString(new byte[70]) + "\"}";
    }

    private static Map<String, Long> counts(TestHq hq) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(hq.database.url())) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, "APP", "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String t : tables) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
                    rs.next();
                    counts.put(t, rs.getLong(1));
                }
            }
        }
        return counts;
    }

}
