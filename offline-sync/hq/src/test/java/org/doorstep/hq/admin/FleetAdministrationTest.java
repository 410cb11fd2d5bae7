package org.doorstep.hq.admin;

import static org.doorstep.hq.TestHq.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.doorstep.hq.MemorySpool;
import org.doorstep.hq.TestHq;
import org.doorstep.hq.admin.cli.AdminCli;
import org.doorstep.hq.broker.BrokerPki;
import org.doorstep.hq.broker.HiveBroker;
import org.doorstep.hq.dispatch.CommandDispatcher;
import org.doorstep.hq.ingest.DeviceDirectory;
import org.doorstep.hq.ingest.IngestService;
import org.doorstep.sync.chunk.Chunk;
import org.doorstep.sync.client.MqttTransport;
import org.doorstep.sync.client.PacketSpool.SpooledPacket;
import org.doorstep.sync.client.SyncClient;
import org.doorstep.sync.heartbeat.Heartbeat;
import org.doorstep.sync.link.LinkListener;
import org.doorstep.sync.link.MqttLink;
import org.doorstep.sync.link.TlsContexts;
import org.doorstep.sync.outbox.OutboxEntry;
import org.doorstep.sync.packet.PacketLimits;
import org.doorstep.sync.pki.PkiSuite;
import org.doorstep.sync.pki.RevocationReason;
import org.doorstep.sync.protocol.RejectReason;
import org.doorstep.sync.protocol.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet of 50 laptops against a real HQ, every part real: the embedded broker (HiveMQ, mutual TLS, the topic ACL,
 * the CRL; one broker keeps the test short — Mosquitto carries the stateless-worker test), HQ's ingest service with
 * two workers on the shared subscription, HQ's store behind a Derby network server, the administration's dispatcher
 * with HQ's keys, and 50 in-process laptops, each the real sync engine ({@link SyncClient}) over its own MQTT link
 * with its own device certificate, sending small cases (a form, a checklist, the case's signed audit slice) and
 * heartbeats naming their officer. Five laptops have a case the broker keeps refusing, so their backlog is real.
 *
 * <p>Then the administration service's board, watched live, and the admin command line report exactly what each
 * laptop said in its last heartbeat and what HQ stored: backlog, delivered cases, officers, versions, last
 * heartbeat. The review queue holds the cases with pending materials; the audit trails verify (and a changed entry
 * is found). Finally one laptop is revoked: its next packet is rejected with the reason sent back to it, and once
 * the dispatcher has pushed the CRL the broker drops it and refuses its next connection.
 */
class FleetAdministrationTest {

    private static final int FLEET = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    /** One simulated laptop. */
    private static final class Laptop {
        final TestHq.Device device;
        final MemorySpool spool = new MemorySpool();
        final List<TestHq.Sealed> cases = new ArrayList<>();
        final String officer;
        final int catalogue;
        UUID stalled;
        volatile byte[] lastHeartbeat;
        SyncClient client;
        MqttLink link;

        Laptop(TestHq.Device device, String officer, int catalogue) {
            this.device = device;
            this.officer = officer;
            this.catalogue = catalogue;
        }

        int expectedDelivered() {
            return cases.size() - (stalled == null ? 0 : 1);
        }
    }

    @AfterEach
    void tearDown() {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    @Test
    void theBoardAndTheCommandLineReportEveryLaptopExactlyAndARevokedLaptopIsShutOut() throws Exception {
        TestHq hq = keep(new TestHq(dir.resolve("hq"), true, PkiSuite.INTL));
        BrokerPki pki = new BrokerPki(hq.ca);
        HiveBroker broker = keep(new HiveBroker(pki, dir.resolve("hivemq")));
        broker.start();
        List<IngestService.Credential> credentials = new ArrayList<>();
        for (String name : List.of("hq-ingest-1", "hq-ingest-2")) {
            BrokerPki.Identity id = pki.enrol(name);
            credentials.add(new IngestService.Credential(name, id.key().getPrivate(), List.of(id.certificate())));
        }
        IngestService ingest = keep(IngestService.start(broker.serverUri(), pki.caCertificate, credentials, hq.database,
                hq.identity, new DeviceDirectory(hq.caStore, hq.clock), dir.resolve("spool"), PacketLimits.DEFAULT,
                hq.clock));
        CommandDispatcher dispatcher = keep(new CommandDispatcher(hq.database, hq.identity, hq.ca,
                (topic, payload) -> ingest.workers().get(0).link().publish(topic, payload), broker::updateCrl,
                folder -> "no media here", Clock.systemUTC(),
                new CommandDispatcher.Settings(Duration.ofMillis(200), Duration.ofSeconds(8))));
        dispatcher.publishSettings("SHA256:TEST", "http://127.0.0.1:1/v1/enrol", broker.serverUri());
        dispatcher.start();
        AdminOptions options = AdminOptions.defaults().withPasswordCost(1024, 1).withWaitForHq(Duration.ofMillis(500))
                .withZone(ZoneOffset.UTC);
        HqAdmin admin = keep(HqAdmin.open(ConnectionSource.url(hq.database.url()), options, Clock.systemUTC()));
        admin.createFirstAdmin("admin", "HQ admin", "fleet admin password".toCharArray());
        AdminSession session = admin.signIn("admin", "fleet admin password".toCharArray());

        // the board is watched live from the start
        List<DeviceBoard> boards = new CopyOnWriteArrayList<>();
        List<AdminException> monitorErrors = new CopyOnWriteArrayList<>();
        keep(session.watchBoard(Duration.ofMillis(250), boards::add, monitorErrors::add));

        // the fleet: enrolled, cases sealed, five with a case the broker refuses
        List<Laptop> fleet = new ArrayList<>();
        List<UUID> withPending = new ArrayList<>();
        for (int i = 1; i <= FLEET; i++) {
            Laptop l = new Laptop(hq.enrol(String.format("fleet-%02d", i)), "officer-" + (i % 7), i % 4 + 1);
            AuditSlices trail = new AuditSlices(l.device.id(), l.device.key().getPrivate());
            int cases = i % 3 + 1;
            for (int c = 0; c < cases; c++) {
                String caseId = UUID.randomUUID().toString();
                Instant created = Instant.now().minusSeconds(3600 + c);
                String sealer = i == 3 && c == 0 ? "officer-extra" : l.officer;
                Map<String, byte[]> entries = new LinkedHashMap<>(TestHq.randomContents(1, 200));
                entries.put("audit/trail.json", trail.slice(caseId, List.of(
                        new AuditSlices.Step(created, l.officer, "CASE_CREATED", "case created"),
                        new AuditSlices.Step(created.plusSeconds(600), sealer, "SEAL", "sealed into a packet"))));
                if (i % 5 == 0 && c == 0) {
                    entries.put("items/form/checklist", ("{\"format\":\"doorstep-checklist/1\",\"catalogueVersion\":1,"
                            + "\"visitDate\":\"2026-11-01\",\"items\":[{\"material\":\"household-register\","
                            + "\"status\":\"pending\",\"deadline\":\"2026-12-20\"}]}").getBytes(StandardCharsets.UTF_8));
                }
                TestHq.Sealed s = hq.seal(l.device, caseId, entries);
                if (entries.containsKey("items/form/checklist")) {
                    withPending.add(s.packetId());
                }
                l.cases.add(s);
                l.spool.add(new SpooledPacket(new OutboxEntry(s.packetId(), caseId, false, Instant.now(), s.bytes(),
                        false), s.file()));
            }
            if (i % 10 == 0) {
                l.stalled = l.cases.get(l.cases.size() - 1).packetId();
            }
            fleet.add(l);
        }
        // a case with a pending material that the broker keeps refusing never reaches HQ's review
        int reviews = (int) withPending.stream().filter(p -> fleet.stream().noneMatch(l -> p.equals(l.stalled))).count();
        for (Laptop l : fleet) {
            start(l, broker.serverUri(), pki, hq);
        }
        await("every laptop's deliverable cases are stored and receipted", () -> fleet.stream()
                .allMatch(l -> l.spool.delivered.size() == l.expectedDelivered()), () -> progress(fleet));
        await("the stalled laptops report their backlog", () -> fleet.stream().filter(l -> l.stalled != null)
                .allMatch(l -> l.lastHeartbeat != null && backlog(l).backlogCases() == 1));
        // the laptops go offline; HQ keeps what their last heartbeats said
        for (Laptop l : fleet) {
            l.client.close();
            l.link.close();
        }
        await("HQ has every laptop's last heartbeat", () -> fleet.stream().allMatch(l -> storedSequence(hq, l.device.id())
                == backlog(l).sequence()));

        DeviceBoard board = session.devices();
        assertEquals(FLEET, board.devices().size(), "50 laptops, none of HQ's own clients: " + board.devices());
        for (Laptop l : fleet) {
            Heartbeat last = backlog(l);
            DeviceView d = board.device(l.device.id()).orElseThrow();
            String who = l.device.id();
            assertEquals(DeviceState.ACTIVE, d.state(), who);
            assertEquals(l.expectedDelivered(), d.delivered(), who + " delivered");
            assertEquals(l.spool.delivered.size(), d.delivered(), who + " receipts on the laptop");
            assertEquals(0, d.rejected(), who);
            assertEquals(last.backlogCases(), d.backlogCases(), who + " backlog");
            assertEquals(last.backlogBytes(), d.backlogBytes(), who + " backlog bytes");
            assertEquals(last.oldestUnsent(), d.oldestUnsent(), who + " oldest unsent");
            assertEquals(l.stalled == null ? 0 : 1, d.backlogCases(), who);
            assertEquals(Optional.of("fleet-1.0"), d.softwareVersion(), who);
            assertEquals(Optional.of(l.catalogue), d.catalogueVersion(), who);
            assertEquals(who.equals("fleet-03") ? List.of(l.officer, "officer-extra") : List.of(l.officer), d.officers(),
                    who + " officers");
            assertFalse(d.lastHeartbeat().orElseThrow().isBefore(last.sentAt()), who + " last heartbeat");
        }
        assertEquals(5, board.devices().stream().filter(d -> d.backlogCases() == 1).count());
        assertTrue(board.devices().stream().filter(d -> d.backlogCases() == 1).allMatch(d -> d.oldestUnsent().isPresent()),
                "a refused case waits unsent, and the board says how long");
        assertTrue(monitorErrors.isEmpty(), monitorErrors.toString());
        await("the watched board caught up with every heartbeat", () -> !boards.isEmpty() && boardMatches(boards, board));
        assertTrue(boards.size() >= 3, "the board was handed over as heartbeats and packets arrived: " + boards.size());

        // the command line reports the same numbers (CSV export) and the export is audited
        Path csv = dir.resolve("devices.csv");
        Run devices = cli(hq, "devices", "--csv", csv.toString());
        assertEquals(0, devices.exit(), devices.err());
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(FLEET + 1, lines.size());
        assertTrue(lines.get(0).startsWith("\uFEFFdevice,state,officers,last heartbeat,backlog cases,backlog bytes"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            DeviceView d = board.device(f[0]).orElseThrow();
            assertEquals(List.of(d.state().id(), String.join(" ", d.officers()), TIME.format(d.lastHeartbeat().get()),
                    Integer.toString(d.backlogCases()), Long.toString(d.backlogBytes()), "fleet-1.0",
                    Integer.toString(d.catalogueVersion().get()), Long.toString(d.delivered()), "0"),
                    List.of(f[1], f[2], f[3], f[4], f[5], f[7], f[8], f[9], f[10]), line);
        }
        assertTrue(session.adminAudit(1, 1000).stream().anyMatch(e -> e.action().equals("EXPORT")));
        Run table = cli(hq, "devices");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("50 laptop(s)"), table.out());
        Run report = cli(hq, "report");
        assertEquals(0, report.exit(), report.err());
        int delivered = fleet.stream().mapToInt(Laptop::expectedDelivered).sum();
        assertTrue(report.out().contains(delivered + " case(s)"), report.out());
        assertEquals(delivered, session.report(Optional.empty(), Optional.empty(), Optional.empty()).stream()
                .mapToInt(DailyCount::cases).sum());
        assertTrue(session.report(Optional.empty(), Optional.empty(), Optional.empty()).stream()
                .allMatch(r -> r.medianCaptureToReceipt().orElseThrow().compareTo(Duration.ofMinutes(59)) > 0),
                "capture (created an hour ago) to receipt");

        // review: the cases with a pending material, approved one of them
        List<CaseView> queue = session.reviewQueue();
        assertEquals(reviews, queue.size());
        assertTrue(queue.stream().allMatch(v -> v.flags().equals(List.of(new CaseFlag("material-pending",
                "household-register", "pending until 2026-12-20")))), queue.toString());
        CommandView approval = session.approve(queue.get(0).packetId(), "materials promised by the applicant");
        assertEquals(reviews - 1, session.reviewQueue().size());
        await("the dispatcher signed and sent the approval", () -> state(session, approval) == CommandView.State.SENT);

        // the audit trails HQ holds verify; a changed entry is found
        AuditCheck trail = session.verifyDeviceAudit("fleet-07");
        assertTrue(trail.intact() && trail.gaps().isEmpty(), trail.toString());
        assertEquals(2L * fleet.get(6).cases.size(), trail.lastSeq());
        try (Connection c = DriverManager.getConnection(hq.database.url()); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE device_audit SET detail = 'nothing happened' WHERE device_id = 'fleet-07' AND seq = 2");
        }
        assertEquals(List.of("entry 2 (SEAL) was altered after it was written"),
                session.verifyDeviceAudit("fleet-07").breaks());
        Run broken = cli(hq, "audit", "--device", "fleet-07", "--verify");
        assertEquals(3, broken.exit(), broken.out() + broken.err());

        // revocation: a connected laptop's next packet is rejected at once, then the broker shuts it out
        Laptop target = fleet.get(0);
        MemorySpool spool = new MemorySpool();
        List<String> refusals = new CopyOnWriteArrayList<>();
        Laptop again = new Laptop(target.device, target.officer, target.catalogue);
        startWith(again, spool, broker.serverUri(), pki, hq, refusals);
        await("the laptop is connected", again.client::isConnected);
        RevocationResult revoked = session.revoke(target.device.id(), RevocationReason.KEY_COMPROMISE, "laptop lost");
        assertEquals(1, revoked.certificates());
        TestHq.Sealed late = hq.seal(target.device, UUID.randomUUID().toString(), TestHq.randomContents(1, 100));
        again.client.enqueue(new SpooledPacket(new OutboxEntry(late.packetId(), late.caseId(), false, Instant.now(),
                late.bytes(), false), late.file()));
        await("the laptop is told its packet is rejected", () -> spool.rejected.containsKey(late.packetId()));
        assertEquals(RejectReason.REVOKED, spool.rejected.get(late.packetId()).reason());
        assertTrue(spool.delivered.isEmpty());
        await("the dispatcher pushed the CRL", () -> settings(session).containsKey("crl.revocations")
                && Long.parseLong(settings(session).get("crl.revocations")) >= 1);
        await("the broker dropped the revoked laptop and refuses it", () -> !again.link.isConnected() && !refusals.isEmpty());
        assertTrue(refusals.stream().allMatch(r -> r.contains("revoked")), "refused for its revocation: " + refusals);
        DeviceView shown = session.device(target.device.id()).orElseThrow();
        assertEquals(DeviceState.REVOKED, shown.state());
        assertEquals(1, shown.rejected());
        Run rejects = cli(hq, "rejects", "--device", target.device.id());
        assertTrue(rejects.out().contains("REVOKED"), rejects.out());
        assertEquals(0, session.rejects(Optional.of("fleet-02"), 10).size());
    }

    private static boolean boardMatches(List<DeviceBoard> boards, DeviceBoard expected) {
        DeviceBoard last = boards.get(boards.size() - 1);
        return last.devices().stream().allMatch(d -> expected.device(d.deviceId()).map(e -> e.delivered() == d.delivered()
                && e.backlogCases() == d.backlogCases() && e.lastHeartbeat().equals(d.lastHeartbeat())).orElse(false))
                && last.devices().size() == expected.devices().size();
    }

    private static CommandView.State state(AdminSession session, CommandView command) {
        try {
            return session.commands(command.deviceId(), 50).stream().filter(c -> c.id() == command.id()).findFirst()
                    .orElseThrow().state();
        } catch (AdminException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> settings(AdminSession session) {
        try {
            return session.hqSettings();
        } catch (AdminException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Heartbeat backlog(Laptop l) {
        try {
            return Heartbeat.fromJson(l.lastHeartbeat, l.device.id());
        } catch (Heartbeat.BadHeartbeatException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long storedSequence(TestHq hq, String device) {
        try (Connection c = DriverManager.getConnection(hq.database.url()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT sequence FROM heartbeats WHERE device_id = '" + device + "'")) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String progress(List<Laptop> fleet) {
        StringBuilder b = new StringBuilder();
        for (Laptop l : fleet) {
            if (l.spool.delivered.size() != l.expectedDelivered()) {
                b.append(l.device.id()).append(' ').append(l.spool.delivered.size()).append('/')
                        .append(l.expectedDelivered()).append(l.client.isConnected() ? " connected" : " offline")
                        .append(' ').append(l.client.stats()).append("; ");
            }
        }
        return b.toString();
    }

    private void start(Laptop l, String uri, BrokerPki pki, TestHq hq) throws Exception {
        startWith(l, l.spool, uri, pki, hq, new CopyOnWriteArrayList<>());
    }

    /**
     * The real sync engine over its own TLS link; the transport notes the last heartbeat it handed to the broker and,
     * for a laptop with a stalled case, refuses that case's chunks as a broker would refuse an oversized message.
     */
    private void startWith(Laptop l, MemorySpool spool, String uri, BrokerPki pki, TestHq hq, List<String> refusals)
            throws Exception {
        MqttLink link = keep(new MqttLink(MqttLink.Options.tls(uri, l.device.id(),
                TlsContexts.client(l.device.key().getPrivate(), List.of(l.device.certificate()), pki.caCertificate))
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(2)).withKeepAlive(Duration.ofSeconds(10))
                .withPublishTimeout(Duration.ofSeconds(20))));
        link.addListener(new LinkListener() {
            @Override
            public void connectFailed(String cause, Duration retryIn) {
                refusals.add(cause);
            }
        });
        MqttTransport mqtt = new MqttTransport(link);
        SyncClient.Transport transport = (topic, payload) -> {
            if (l.stalled != null && topic.endsWith(Topics.CHUNK) && chunkOf(payload).equals(l.stalled)) {
                throw new IOException("the broker refused the chunk (reason 149)");
            }
            mqtt.publish(topic, payload);
            if (topic.endsWith(Topics.HEARTBEAT)) {
                l.lastHeartbeat = payload;
            }
        };
        SyncClient client = keep(new SyncClient(l.device.id(), PkiSuite.INTL,
                hq.identity.signingCertificate().getPublicKey(), spool, transport, new SyncClient.Options(100, 1L << 30,
                        Chunk.MAX_PAYLOAD_BYTES, Duration.ofSeconds(5), Duration.ofSeconds(1), "fleet-1.0", dir),
                () -> l.catalogue, Clock.systemUTC()));
        client.officerSource(() -> Optional.of(l.officer));
        mqtt.attach(client);
        client.start();
        link.start();
        l.client = client;
        l.link = link;
    }

    private static UUID chunkOf(byte[] payload) {
        try {
            return Chunk.decode(payload).packetId();
        } catch (Exception e) {
            return new UUID(0, 0);
        }
    }

    record Run(int exit, String out, String err) {
    }

    private static Run cli(TestHq hq, String... args) {
        List<String> all = new ArrayList<>(List.of("--db", hq.database.url(), "--zone", "UTC"));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>(Map.of("DOORSTEP_HQ_USER", "admin", "DOORSTEP_HQ_PASSWORD",
                "fleet admin password"));
        int exit = AdminCli.run(all.toArray(String[]::new), env, new ByteArrayInputStream(new byte[0]), false,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC(), AdminOptions.defaults().withPasswordCost(1024, 1));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
