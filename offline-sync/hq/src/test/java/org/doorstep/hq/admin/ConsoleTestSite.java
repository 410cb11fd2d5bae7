package org.doorstep.hq.admin;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.doorstep.hq.MemorySpool;
import org.doorstep.hq.TestHq;
import org.doorstep.hq.admin.cli.AdminCli;
import org.doorstep.hq.broker.BrokerPki;
import org.doorstep.hq.broker.MosquittoBroker;
import org.doorstep.hq.dispatch.CommandDispatcher;
import org.doorstep.hq.ingest.DeviceDirectory;
import org.doorstep.hq.ingest.IngestService;
import org.doorstep.hq.local.EnrolmentServer;
import org.doorstep.sync.chunk.Chunk;
import org.doorstep.sync.client.MqttTransport;
import org.doorstep.sync.client.PacketSpool.SpooledPacket;
import org.doorstep.sync.client.SyncClient;
import org.doorstep.sync.command.Command;
import org.doorstep.sync.command.CommandRejected;
import org.doorstep.sync.command.SignedCommands;
import org.doorstep.sync.heartbeat.Heartbeat;
import org.doorstep.sync.link.LinkListener;
import org.doorstep.sync.link.MqttLink;
import org.doorstep.sync.link.TlsContexts;
import org.doorstep.sync.outbox.OutboxEntry;
import org.doorstep.sync.packet.PacketLimits;
import org.doorstep.sync.pki.PkiSuite;
import org.doorstep.sync.protocol.Topics;
import org.doorstep.sync.vault.LaptopSync;
import org.doorstep.sync.vault.OnlineEnrolment;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.Fixture;
import org.doorstep.vault.Vault;
import org.doorstep.vault.crypto.CryptoSuite;

/**
 * A whole HQ site with a simulated fleet, in its own JVM, for the HQ console's UI tests (which run inside OSGi, where
 * this module — a plain class path with the embedded broker's jars and HQ's keys — is not): the production broker
 * (Mosquitto from the repository's configuration on a free loopback port), HQ's store behind a Derby network server,
 * ingest with two workers on the shared subscription, the enrolment endpoint, the administration's dispatcher with
 * HQ's keys, the first administrator, and a fleet of laptops, each the real sync engine ({@link SyncClient}) over its
 * own mutual-TLS link, sending cases (with their signed audit slices; every fifth with a material pending, for
 * review) and heartbeats naming their officer; every tenth keeps one case the broker refuses, so its backlog is real.
 * A real laptop (encrypted vault and the laptop's sync service) joins when the console issues it an enrolment code.
 *
 * <p>Driven over standard input and output, one line each way. It prints {@code STORE <jdbc url>} as soon as the
 * store is up, a {@code LAPTOP} line per laptop with what that laptop itself sent (receipts it holds, its last
 * heartbeat) once the fleet has settled and gone offline, then {@code FLEET READY}. Each command line gets one
 * {@code OK <command> …} or {@code FAIL <command> <why>} line: {@code packet}, {@code online}, {@code offline}, {@code send},
 * {@code reconnect}, {@code tamper}, {@code await-command}, {@code enrol-real}, {@code offline-real},
 * {@code online-real}, {@code await-order}, {@code await-wiped}, {@code cli}, {@code quit}. Logs go to standard error. It ends when its input ends.
 *
 * <pre>java -cp … org.doorstep.hq.admin.ConsoleTestSite WORK_DIR FLEET_SIZE   (admin password: DOORSTEP_SITE_ADMIN_PASSWORD)</pre>
 */
public final class ConsoleTestSite {

    static final String SOFTWARE = "fleet-1.0";
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private final Path dir;
    private final PrintStream out;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final Map<String, Laptop> fleet = new LinkedHashMap<>();
    private final Map<String, RealLaptop> real = new HashMap<>();
    private final char[] adminPassword;
    private TestHq hq;
    private BrokerPki pki;
    private MosquittoBroker broker;
    private IngestService ingest;
    private EnrolmentServer enrolment;

    /** One simulated laptop: the real sync engine over a memory spool. */
    private final class Laptop {
        final TestHq.Device device;
        final MemorySpool spool = new MemorySpool();
        final AuditSlices trail;
        final String officer;
        final int catalogue;
        final List<TestHq.Sealed> cases = new ArrayList<>();
        final List<Command> commands = new CopyOnWriteArrayList<>();
        final List<String> refusals = new CopyOnWriteArrayList<>();
        UUID stalled;
        volatile byte[] lastHeartbeat;
        SyncClient client;
        MqttLink link;

        Laptop(TestHq.Device device, String officer, int catalogue) {
            this.device = device;
            this.officer = officer;
            this.catalogue = catalogue;
            this.trail = new AuditSlices(device.id(), device.key().getPrivate());
        }

        String id() {
            return device.id();
        }

        int expectedDelivered() {
            return cases.size() - (stalled == null ? 0 : 1);
        }

        boolean online() {
            return client != null;
        }

        void goOnline() throws Exception {
            if (client != null) {
                return;
            }
            refusals.clear();
            MqttLink l = new MqttLink(MqttLink.Options.tls(broker.serverUri(), id(), TlsContexts.client(
                    device.key().getPrivate(), List.of(device.certificate()), pki.caCertificate))
                    .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(2)).withKeepAlive(Duration.ofSeconds(10))
                    .withPublishTimeout(Duration.ofSeconds(20)));
            l.addListener(new LinkListener() {
                @Override
                public void connectFailed(String cause, Duration retryIn) {
                    refusals.add(cause);
                }
            });
            MqttTransport mqtt = new MqttTransport(l);
            SyncClient.Transport transport = (topic, payload) -> {
                if (stalled != null && topic.endsWith(Topics.CHUNK) && chunkOf(payload).equals(stalled)) {
                    throw new IOException("the broker refused the chunk (reason 149)");
                }
                mqtt.publish(topic, payload);
                if (topic.endsWith(Topics.HEARTBEAT)) {
                    lastHeartbeat = payload;
                }
            };
            SyncClient c = new SyncClient(id(), PkiSuite.INTL, hq.identity.signingCertificate().getPublicKey(), spool,
                    transport, new SyncClient.Options(100, 1L << 30, Chunk.MAX_PAYLOAD_BYTES, Duration.ofSeconds(5),
                            Duration.ofSeconds(1), SOFTWARE, dir), () -> catalogue, Clock.systemUTC());
            c.officerSource(() -> Optional.of(officer));
            c.addCommandHandler(bytes -> {
                try {
                    commands.add(SignedCommands.verify(bytes, hq.identity.signingCertificate().getPublicKey(), id(),
                            device -> 0, Clock.systemUTC()));
                } catch (CommandRejected e) {
                    log(id() + " refused a command: " + e.getMessage());
                }
            });
            mqtt.attach(c);
            c.start();
            l.start();
            client = c;
            link = l;
        }

        void goOffline() {
            if (client != null) {
                client.close();
                link.close();
                client = null;
                link = null;
            }
        }

        /** Seals a new case with the next entries of this laptop's trail. */
        TestHq.Sealed seal(boolean pending) throws Exception {
            String caseId = UUID.randomUUID().toString();
            Instant created = Instant.now().minusSeconds(3600);
            Map<String, byte[]> entries = new LinkedHashMap<>(TestHq.randomContents(1, 200));
            entries.put("audit/trail.json", trail.slice(caseId, List.of(
                    new AuditSlices.Step(created, officer, "CASE_CREATED", "case created"),
                    new AuditSlices.Step(created.plusSeconds(600), officer, "SEAL", "sealed into a packet"))));
            if (pending) {
                entries.put("items/form/checklist", ("{\"format\":\"doorstep-checklist/1\",\"catalogueVersion\":1,"
                        + "\"visitDate\":\"2026-11-01\",\"items\":[{\"material\":\"household-register\","
                        + "\"status\":\"pending\",\"deadline\":\"2026-12-20\"}]}").getBytes(StandardCharsets.UTF_8));
            }
            TestHq.Sealed s = hq.seal(device, caseId, entries);
            cases.add(s);
            return s;
        }

        void enqueue(TestHq.Sealed s) throws Exception {
            SpooledPacket p = new SpooledPacket(new OutboxEntry(s.packetId(), s.caseId(), false, Instant.now(), s.bytes(),
                    false), s.file());
            if (client == null) {
                spool.add(p);
            } else {
                spool.add(p);
                client.enqueue(p);
            }
        }

        Heartbeat heartbeat() {
            try {
                return Heartbeat.fromJson(lastHeartbeat, id());
            } catch (Heartbeat.BadHeartbeatException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A real laptop: the encrypted vault and the laptop's sync service, enrolled online with a console's code. */
    private static final class RealLaptop {
        final Vault vault;
        final Path data;
        volatile LaptopSync sync;

        RealLaptop(Vault vault, Path data) {
            this.vault = vault;
            this.data = data;
        }

        Vault vault() {
            return vault;
        }

        Path data() {
            return data;
        }

        void goOnline() throws IOException {
            if (sync == null) {
                sync = LaptopSync.start(vault, new SyncClient.Options(500, 4L << 30, Chunk.MAX_PAYLOAD_BYTES,
                        Duration.ofSeconds(5), Duration.ofSeconds(1), "laptop-test", data), Clock.systemUTC());
            }
        }

        void goOffline() {
            LaptopSync s = sync;
            sync = null;
            if (s != null) {
                s.close();
            }
        }
    }

    private ConsoleTestSite(Path dir, PrintStream out, char[] adminPassword) {
        this.dir = dir;
        this.out = out;
        this.adminPassword = adminPassword;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        int size = Integer.parseInt(args[1]);
        String password = System.getenv("DOORSTEP_SITE_ADMIN_PASSWORD");
        if (password == null || password.length() < 12) {
            throw new IllegalArgumentException("DOORSTEP_SITE_ADMIN_PASSWORD must hold the first administrator's password");
        }
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        System.setOut(System.err); // everything but the protocol goes to the log
        ConsoleTestSite site = new ConsoleTestSite(Files.createDirectories(dir), out, password.toCharArray());
        Runtime.getRuntime().addShutdownHook(new Thread(site::close, "console-test-site-stop"));
        try {
            site.start();
            site.fleet(size);
            site.serve();
        } catch (Exception | Error e) {
            out.println("FAIL start " + oneLine(String.valueOf(e)));
            e.printStackTrace();
        } finally {
            site.close();
        }
        System.exit(0);
    }

    private void start() throws Exception {
        long t0 = System.nanoTime();
        hq = new TestHq(dir.resolve("hq"), true, PkiSuite.INTL);
        open.add(hq);
        pki = new BrokerPki(hq.ca);
        broker = new MosquittoBroker(pki, dir.resolve("mosquitto"));
        open.add(broker);
        broker.start();
        List<IngestService.Credential> credentials = new ArrayList<>();
        for (String name : List.of("hq-ingest-1", "hq-ingest-2")) {
            BrokerPki.Identity id = pki.enrol(name);
            credentials.add(new IngestService.Credential(name, id.key().getPrivate(), List.of(id.certificate())));
        }
        ingest = IngestService.start(broker.serverUri(), pki.caCertificate, credentials, hq.database, hq.identity,
                new DeviceDirectory(hq.caStore, hq.clock), dir.resolve("spool"), PacketLimits.DEFAULT, hq.clock);
        open.add(ingest);
        enrolment = EnrolmentServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), hq.ca,
                new JcaX509CertificateHolder(hq.identity.encryptionCertificate()),
                new JcaX509CertificateHolder(hq.identity.signingCertificate()), URI.create(broker.serverUri()));
        open.add(enrolment);
        CommandDispatcher dispatcher = new CommandDispatcher(hq.database, hq.identity, hq.ca, this::publishDown,
                broker::updateCrl, folder -> "no media at this site", Clock.systemUTC(),
                new CommandDispatcher.Settings(Duration.ofMillis(200), Duration.ofSeconds(2)));
        open.add(dispatcher);
        dispatcher.publishSettings(caFingerprint(), enrolment.uri().toString(), broker.serverUri());
        dispatcher.start();
        try (HqAdmin admin = HqAdmin.open(ConnectionSource.url(hq.database.url()), options(), Clock.systemUTC())) {
            admin.createFirstAdmin("admin", "HQ administrator", adminPassword.clone());
        }
        out.println("STORE " + hq.database.url());
        log(String.format("site up in %d ms: %s, store %s", (System.nanoTime() - t0) / 1_000_000, broker.serverUri(),
                hq.database.url()));
    }

    /** Cheap password hashing for the first administrator (the hash keeps its parameters; sign-in pays them). */
    private static AdminOptions options() {
        return AdminOptions.defaults().withPasswordCost(1024, 1).withZone(ZoneOffset.UTC);
    }

    private void publishDown(String topic, byte[] payload) throws Exception {
        Exception last = null;
        for (IngestService.Worker w : ingest.workers()) {
            try {
                w.link().publish(topic, payload);
                return;
            } catch (Exception e) {
                last = e;
            }
        }
        throw last == null ? new IOException("no ingest worker") : last;
    }

    private String caFingerprint() throws Exception {
        return "SHA256:" + HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(hq.ca.certificate().getEncoded()));
    }

    private void fleet(int size) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 1; i <= size; i++) {
            Laptop l = new Laptop(hq.enrol(String.format("fleet-%02d", i)), "officer-" + (i % 7), i % 4 + 1);
            int cases = i % 3 + 1;
            for (int c = 0; c < cases; c++) {
                l.enqueue(l.seal(i % 5 == 0 && c == 0));
            }
            if (i % 10 == 0) {
                l.stalled = l.cases.get(l.cases.size() - 1).packetId();
            }
            fleet.put(l.id(), l);
        }
        for (Laptop l : fleet.values()) {
            l.goOnline();
        }
        await("every laptop's deliverable cases are stored and receipted", () -> fleet.values().stream()
                .allMatch(l -> l.spool.delivered.size() == l.expectedDelivered()));
        await("the stalled laptops report their backlog", () -> fleet.values().stream().filter(l -> l.stalled != null)
                .allMatch(l -> l.lastHeartbeat != null && l.heartbeat().backlogCases() == 1));
        // the laptops go offline; HQ keeps what their last heartbeats said
        for (Laptop l : fleet.values()) {
            l.goOffline();
        }
        await("HQ holds every laptop's last heartbeat", () -> fleet.values().stream()
                .allMatch(l -> storedHeartbeat(l.id()) == l.heartbeat().sequence()));
        for (Laptop l : fleet.values()) {
            out.println(describe(l));
        }
        out.println("FLEET READY " + fleet.size());
        log(String.format("fleet of %d settled in %d ms", size, (System.nanoTime() - t0) / 1_000_000));
    }

    /** What the laptop itself knows: the receipts it holds and its last heartbeat as sent. */
    private String describe(Laptop l) {
        Heartbeat h = l.heartbeat();
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < l.cases.size(); i++) {
            TestHq.Sealed s = l.cases.get(i);
            if (l.spool.delivered.containsKey(s.packetId()) && new String(s.contents().getOrDefault("items/form/checklist",
                    new byte[0]), StandardCharsets.UTF_8).contains("pending")) {
                pending.add(s.packetId().toString());
            }
        }
        return "LAPTOP " + l.id() + " officer=" + l.officer + " delivered=" + l.spool.delivered.size() + " backlogCases="
                + h.backlogCases() + " backlogBytes=" + h.backlogBytes() + " oldestUnsentMs="
                + h.oldestUnsent().map(d -> Long.toString(d.toMillis())).orElse("-") + " software=" + h.softwareVersion()
                + " catalogue=" + h.catalogueVersion() + " sentAt=" + h.sentAt() + " auditEntries="
                + l.trail.lastSeq() + " pendingReview=" + (pending.isEmpty() ? "-" : String.join(",", pending));
    }

    private long storedHeartbeat(String device) {
        try (Connection c = DriverManager.getConnection(hq.database.url());
                PreparedStatement ps = c.prepareStatement("SELECT sequence FROM heartbeats WHERE device_id = ?")) {
            ps.setString(1, device);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- commands ----------------------------------------------------------------------------------------------

    private void serve() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.strip().split("\\s+");
            if (words.length == 0 || words[0].isEmpty()) {
                continue;
            }
            if (words[0].equals("quit")) {
                out.println("OK quit");
                return;
            }
            try {
                out.println("OK " + words[0] + " " + run(words));
            } catch (Exception | AssertionError e) {
                log("command " + line + " failed: " + e);
                e.printStackTrace();
                out.println("FAIL " + words[0] + " " + oneLine(String.valueOf(e)));
            }
        }
    }

    private String run(String[] w) throws Exception {
        return switch (w[0]) {
            case "packet" -> packet(laptop(w[1]));
            case "online" -> {
                Laptop l = laptop(w[1]);
                l.goOnline();
                await(l.id() + " is connected", l.client::isConnected);
                yield l.id() + " connected";
            }
            case "offline" -> {
                laptop(w[1]).goOffline();
                yield w[1] + " offline";
            }
            case "send" -> send(laptop(w[1]));
            case "reconnect" -> reconnect(laptop(w[1]));
            case "tamper" -> tamper(laptop(w[1]));
            case "await-command" -> awaitCommand(laptop(w[1]), w[2], w[3]);
            case "enrol-real" -> enrolReal(w[1], w[2], w[3]);
            case "await-order" -> {
                RealLaptop r = realLaptop(w[1]);
                await("work order " + w[2] + " is on " + w[1], () -> r.vault().hqInbox().workOrder(w[2]).isPresent());
                yield w[1] + " " + w[2];
            }
            case "offline-real" -> {
                realLaptop(w[1]).goOffline();
                yield w[1] + " offline";
            }
            case "online-real" -> {
                realLaptop(w[1]).goOnline();
                yield w[1] + " online";
            }
            case "await-wiped" -> {
                RealLaptop r = realLaptop(w[1]);
                await(w[1] + " wiped its vault", () -> r.vault().status() == Vault.Status.WIPED);
                yield w[1] + " wiped " + Files.exists(r.data().resolve(org.doorstep.sync.vault.WipeConfirmation.FILE));
            }
            case "cli" -> cli(Arrays.copyOfRange(w, 1, w.length));
            case "kill-worker" -> {
                // as a crash leaves it: the link drops without a goodbye and the signs of life stop
                ingest.kill(w[1]);
                yield w[1] + " killed";
            }
            default -> throw new IllegalArgumentException("unknown command " + w[0]);
        };
    }

    private Laptop laptop(String id) {
        Laptop l = fleet.get(id);
        if (l == null) {
            throw new IllegalArgumentException("no simulated laptop " + id);
        }
        return l;
    }

    private RealLaptop realLaptop(String id) {
        RealLaptop r = real.get(id);
        if (r == null) {
            throw new IllegalArgumentException("no real laptop " + id);
        }
        return r;
    }

    /** A new case from an offline laptop: it comes online, delivers it, reports, and goes offline again. */
    private String packet(Laptop l) throws Exception {
        TestHq.Sealed s = l.seal(false);
        l.enqueue(s);
        l.goOnline();
        await(l.id() + " delivered " + s.caseId(), () -> l.spool.delivered.containsKey(s.packetId()));
        long before = l.heartbeat().sequence();
        await(l.id() + " sent a heartbeat after its receipt", () -> l.heartbeat().sequence() > before);
        l.goOffline();
        await("HQ holds " + l.id() + "'s last heartbeat", () -> storedHeartbeat(l.id()) == l.heartbeat().sequence());
        return describe(l).substring("LAPTOP ".length()) + " caseId=" + s.caseId();
    }

    /** A new case from a laptop that is online: delivered, or rejected with HQ's reason. */
    private String send(Laptop l) throws Exception {
        TestHq.Sealed s = l.seal(false);
        l.enqueue(s);
        await(l.id() + "'s packet is settled", () -> l.spool.delivered.containsKey(s.packetId())
                || l.spool.rejected.containsKey(s.packetId()));
        if (l.spool.rejected.containsKey(s.packetId())) {
            return l.id() + " rejected " + s.packetId() + " " + l.spool.rejected.get(s.packetId()).reason();
        }
        return l.id() + " delivered " + s.packetId();
    }

    /** The laptop drops its connection and tries again: connected, or refused by the broker (and why). */
    private String reconnect(Laptop l) throws Exception {
        l.goOffline();
        l.goOnline();
        await(l.id() + " connects or is refused", () -> l.client.isConnected() || !l.refusals.isEmpty());
        if (l.client.isConnected()) {
            return l.id() + " connected";
        }
        String cause = l.refusals.get(0);
        l.goOffline();
        return l.id() + " refused " + oneLine(cause);
    }

    /** A packet damaged on the laptop's disk before it is sent: HQ rejects it. The laptop stays online. */
    private String tamper(Laptop l) throws Exception {
        TestHq.Sealed s = l.seal(false);
        try (RandomAccessFile raf = new RandomAccessFile(s.file().toFile(), "rw")) {
            raf.seek(raf.length() / 2);
            int b = raf.read();
            raf.seek(raf.length() / 2);
            raf.write(b ^ 0x40);
        }
        l.goOnline();
        l.enqueue(s);
        await(l.id() + "'s damaged packet is rejected", () -> l.spool.rejected.containsKey(s.packetId()));
        return l.id() + " " + s.packetId() + " " + l.spool.rejected.get(s.packetId()).reason();
    }

    /**
     * Waits until the laptop got a verified command of a type whose body names {@code about} (coming online for it, and
     * going offline again if it was); prints its body.
     */
    private String awaitCommand(Laptop l, String type, String about) throws Exception {
        boolean wasOnline = l.online();
        l.goOnline();
        await(l.id() + " got a " + type + " command about " + about, () -> l.commands.stream()
                .anyMatch(c -> c.type().name().equals(type) && c.bodyJson().contains(about)));
        if (!wasOnline) {
            l.goOffline();
        }
        Command c = l.commands.stream().filter(x -> x.type().name().equals(type) && x.bodyJson().contains(about))
                .findFirst().orElseThrow();
        return l.id() + " " + type + " " + Base64.getEncoder().encodeToString(c.bodyJson().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A real laptop named {@code device} enrols online with the code and CA fingerprint an administrator was shown,
     * starts its sync service, and sends a sealed case, which HQ stores and the laptop shreds.
     */
    private String enrolReal(String device, String code, String fingerprint) throws Exception {
        Path data = dir.resolve("laptop-" + device);
        Vault vault = Vault.setUp(data, device, CryptoSuite.INTL, Fixture.WANG, Fixture.PASSPHRASE.toCharArray(),
                Fixture.PASSPHRASE.toCharArray(), Fixture.POLICY, Clock.systemUTC(), TestHq.RANDOM);
        OnlineEnrolment.enrol(vault, enrolment.uri(), code, fingerprint, Clock.systemUTC());
        RealLaptop r = new RealLaptop(vault, data);
        real.put(device, r);
        open.add(() -> {
            r.goOffline();
            vault.close();
        });
        r.goOnline();
        String caseId = vault.cases().create("王秀兰 · 护照", false, Fixture.typicalCase("console-" + device)).id();
        vault.cases().moveTo(caseId, CaseState.COMPLETE, null);
        r.sync.seal(caseId);
        await("the real laptop's case is stored at HQ and shredded", () -> vault.cases().get(caseId).state()
                == CaseState.SHREDDED);
        return device + " " + caseId + " officer=" + Fixture.WANG.id();
    }

    /** The admin command line over the same store, as the administrator; its standard output in Base64. */
    private String cli(String[] args) {
        List<String> all = new ArrayList<>(List.of("--db", hq.database.url(), "--zone", "UTC"));
        all.addAll(List.of(args));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int exit = AdminCli.run(all.toArray(String[]::new), Map.of("DOORSTEP_HQ_USER", "admin", "DOORSTEP_HQ_PASSWORD",
                new String(adminPassword)), new ByteArrayInputStream(new byte[0]), false,
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
                Clock.systemUTC(), options());
        if (e.size() > 0) {
            log("cli: " + e.toString(StandardCharsets.UTF_8));
        }
        return exit + " " + Base64.getEncoder().encodeToString(o.toByteArray());
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            boolean holds;
            try {
                holds = condition.getAsBoolean();
            } catch (RuntimeException e) {
                holds = false;
            }
            if (holds) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    private static UUID chunkOf(byte[] payload) {
        try {
            return Chunk.decode(payload).packetId();
        } catch (Exception e) {
            return new UUID(0, 0);
        }
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    private static void log(String line) {
        System.err.println("[site] " + line);
    }

    private synchronized void close() {
        for (Laptop l : fleet.values()) {
            try {
                l.goOffline();
            } catch (RuntimeException e) {
                // keep closing the rest
            }
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        open.clear();
    }
}
