package org.doorstep.hq;

import static org.doorstep.hq.TestHq.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.doorstep.hq.broker.BrokerPki;
import org.doorstep.hq.broker.HiveBroker;
import org.doorstep.hq.broker.MosquittoBroker;
import org.doorstep.hq.broker.TestBroker;
import org.doorstep.hq.ingest.DeviceDirectory;
import org.doorstep.hq.ingest.IngestService;
import org.doorstep.hq.store.HqStore;
import org.doorstep.sync.client.MqttTransport;
import org.doorstep.sync.client.PacketSpool.SpooledPacket;
import org.doorstep.sync.client.SyncClient;
import org.doorstep.sync.link.MqttLink;
import org.doorstep.sync.link.TlsContexts;
import org.doorstep.sync.outbox.OutboxEntry;
import org.doorstep.sync.packet.PacketLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path with real parts, against both brokers (Mosquitto from the Debian package with the repository's
 * configuration, and the embedded HiveMQ of the local HQ), each started on a free loopback port: the laptop's
 * engine over a mutual-TLS MQTT 5 link, HQ's ingest service with two workers on the shared subscription, HQ's
 * store behind a Derby network server. Faults: broker restart mid-transfer, a link cut mid-packet. HQ killed
 * between store and receipt is {@link HqKilledInChildJvmTest} (a worker process halted for real).
 * Duplicates, reordering, damage, replays and receipts that are not HQ's are in {@link SyncFaultsOverBrokerTest}; a
 * real vault laptop's service and a revoked laptop in {@link VaultLaptopOverBrokerTest}.
 */
class SyncOverBrokerTest {

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private TestHq hq;
    private BrokerPki pki;
    private TestBroker broker;
    private MemorySpool spool;
    private final List<TestHq.Sealed> sealed = new ArrayList<>();

    /** Closes everything, the broker last, even when something before it fails: no broker outlives its test. */
    @AfterEach
    void tearDown() throws Exception {
        Exception first = null;
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception | LinkageError e) {
                Exception wrapped = e instanceof Exception ex ? ex : new IllegalStateException(e);
                if (first == null) {
                    first = wrapped;
                } else {
                    first.addSuppressed(wrapped);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void startHq(String kind) throws Exception {
        hq = new TestHq(dir.resolve("hq"), true, org.doorstep.sync.pki.PkiSuite.INTL);
        open.add(hq);
        pki = new BrokerPki(hq.ca);
        broker = kind.equals("mosquitto") ? new MosquittoBroker(pki, dir.resolve("mosquitto"))
                : new HiveBroker(pki, dir.resolve("hivemq"));
        open.add(broker);
        broker.start();
        spool = new MemorySpool();
    }

    private IngestService startIngest(String... names) throws Exception {
        List<IngestService.Credential> credentials = new ArrayList<>();
        for (String name : names) {
            BrokerPki.Identity id = pki.enrol(name);
            credentials.add(new IngestService.Credential(name, id.key().getPrivate(), List.of(id.certificate())));
        }
        IngestService ingest = IngestService.start(broker.serverUri(), pki.caCertificate, credentials, hq.database,
                hq.identity, new DeviceDirectory(hq.caStore, hq.clock), dir.resolve("spool"), PacketLimits.DEFAULT,
                hq.clock);
        open.add(ingest);
        return ingest;
    }

    private SyncClient startLaptop(TestHq.Device device, String serverUri, int chunkPayload, Duration answerTimeout)
            throws Exception {
        MqttLink link = new MqttLink(MqttLink.Options.tls(serverUri, device.id(),
                TlsContexts.client(device.key().getPrivate(), List.of(device.certificate()), pki.caCertificate))
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)).withKeepAlive(Duration.ofSeconds(5))
                .withPublishTimeout(Duration.ofSeconds(10)));
        MqttTransport transport = new MqttTransport(link);
        SyncClient client = new SyncClient(device.id(), hq.suite, hq.identity.signingCertificate().getPublicKey(), spool,
                transport, new SyncClient.Options(100, 1L << 30, chunkPayload, answerTimeout, Duration.ofSeconds(1),
                        "test", dir), () -> 1, Clock.systemUTC());
        transport.attach(client);
        client.start();
        link.start();
        open.add(link);
        open.add(client);
        return client;
    }

    /** Where an exchange stands, for a timeout's message: the laptop's counters, HQ's workers and HQ's packet. */
    private String describe(SyncClient client, IngestService ingest, TestHq.Sealed packet) {
        StringBuilder b = new StringBuilder("laptop ").append(client.isConnected() ? "connected" : "disconnected")
                .append(", ").append(client.stats());
        ingest.workers().forEach(w -> b.append("; ").append(w.name()).append(' ').append(w.link().state()).append(' ')
                .append(w.ingest().stats()));
        b.append("; the broker's view: ").append(broker.describeClients(
                ingest.workers().stream().map(IngestService.Worker::name).toArray(String[]::new)));
        try (HqStore store = hq.store("describe")) {
            b.append("; HQ has ").append(packet.packetId()).append(" as ").append(store.status(packet.packetId()));
        } catch (Exception e) {
            b.append("; HQ's store unreadable: ").append(e);
        }
        return b.toString();
    }

    private TestHq.Device device() throws Exception {
        return hq.enrol("laptop-" + System.nanoTime());
    }

    private TestHq.Sealed sealCase(TestHq.Device device, String caseId, int bytes) throws Exception {
        TestHq.Sealed s = hq.seal(device, caseId, TestHq.randomContents(4, bytes / 4));
        sealed.add(s);
        spool.add(new SpooledPacket(new OutboxEntry(s.packetId(), caseId, false, Instant.now(), s.bytes(), false),
                s.file()));
        return s;
    }


    private void assertDeliveredExactlyOnce() throws Exception {
        hq.assertDeliveredExactlyOnce(spool, sealed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mosquitto", "hivemq"})
    void casesReachHqExactlyOnceAndHeartbeatsArrive(String kind) throws Exception {
        startHq(kind);
        IngestService ingest = startIngest("hq-ingest-1", "hq-ingest-2");
        TestHq.Device device = device();
        for (int i = 0; i < 6; i++) {
            sealCase(device, "case-" + i, 400_000);
        }
        SyncClient client = startLaptop(device, broker.serverUri(), 64 * 1024, Duration.ofSeconds(5));
        await("all delivered", () -> spool.settled(6), () -> describe(client, ingest, sealed.get(0)));
        assertDeliveredExactlyOnce();
        try (HqStore store = hq.store("check")) {
            await("a heartbeat stored", () -> {
                try {
                    return store.count("heartbeats") == 1;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        assertEquals(6, client.progress().deliveredCases());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mosquitto", "hivemq"})
    void aBrokerRestartMidTransferLosesNothing(String kind) throws Exception {
        startHq(kind);
        IngestService ingest = startIngest("hq-ingest-1");
        TestHq.Device device = device();
        TestHq.Sealed big = sealCase(device, "case-big", 3_000_000);
        sealCase(device, "case-small", 100_000);
        SyncClient client = startLaptop(device, broker.serverUri(), 64 * 1024, Duration.ofSeconds(3));
        await("a third of the chunks out", () -> client.stats().chunksPublished() > 15);
        broker.restart();
        await("all delivered", () -> spool.settled(2), () -> describe(client, ingest, big));
        assertDeliveredExactlyOnce();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mosquitto", "hivemq"})
    void aLinkCutMidPacketResendsLittle(String kind) throws Exception {
        startHq(kind);
        IngestService ingest = startIngest("hq-ingest-1");
        TestHq.Device device = device();
        TestHq.Sealed big = sealCase(device, "case-big", 2_000_000);
        int port = Integer.parseInt(broker.serverUri().substring(broker.serverUri().lastIndexOf(':') + 1));
        CuttableProxy proxy = new CuttableProxy(port);
        open.add(proxy);
        SyncClient client = startLaptop(device, "ssl://127.0.0.1:" + proxy.port(), 64 * 1024, Duration.ofSeconds(3));
        await("connected", client::isConnected);
        proxy.cutAfter(big.bytes() / 2);
        await("the link was cut", () -> !proxy.isUp());
        Thread.sleep(500);
        assertTrue(spool.delivered.isEmpty(), "nothing delivered while cut");
        proxy.restore();
        await("delivered", () -> spool.settled(1), () -> describe(client, ingest, big));
        assertDeliveredExactlyOnce();
        // at most the chunks in flight when the link went are sent twice
        assertTrue(client.stats().bytesResent() <= 20L * 64 * 1024, "re-sent " + client.stats().bytesResent());
    }
}
