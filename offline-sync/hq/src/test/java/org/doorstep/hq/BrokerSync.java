package org.doorstep.hq;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.doorstep.hq.broker.BrokerPki;
import org.doorstep.hq.broker.HiveBroker;
import org.doorstep.hq.broker.MosquittoBroker;
import org.doorstep.hq.broker.TestBroker;
import org.doorstep.hq.ingest.DeviceDirectory;
import org.doorstep.hq.ingest.IngestService;
import org.doorstep.hq.store.HqStore;
import org.doorstep.sync.client.MqttTransport;
import org.doorstep.sync.client.PacketSpool;
import org.doorstep.sync.client.SyncClient;
import org.doorstep.sync.link.MqttLink;
import org.doorstep.sync.link.TlsContexts;
import org.doorstep.sync.packet.PacketLimits;
import org.doorstep.sync.pki.PkiSuite;

/**
 * One broker test's world, every part real: a throw-away HQ ({@link TestHq}: Derby behind a network server, the
 * device CA, HQ's keys), a broker started on a free loopback port ({@code mosquitto}: the Debian package with the
 * repository's configuration; {@code hivemq}: the embedded broker of the local HQ), HQ's ingest service on the shared
 * subscription, and laptops' sync engines over mutual-TLS MQTT 5 links. Closes everything in reverse order, the
 * broker last, even when something before it fails: no broker outlives its test.
 */
public final class BrokerSync implements AutoCloseable {

    public final Path dir;
    public final TestHq hq;
    public final BrokerPki pki;
    public final TestBroker broker;
    private final List<AutoCloseable> open = new ArrayList<>();

    private BrokerSync(Path dir, TestHq hq, BrokerPki pki, TestBroker broker) {
        this.dir = dir;
        this.hq = hq;
        this.pki = pki;
        this.broker = broker;
    }

    /** @param kind {@code mosquitto} or {@code hivemq} */
    public static BrokerSync start(String kind, Path dir) throws Exception {
        TestHq hq = new TestHq(dir.resolve("hq"), true, PkiSuite.INTL);
        TestBroker broker = null;
        try {
            BrokerPki pki = new BrokerPki(hq.ca);
            broker = kind.equals("mosquitto") ? new MosquittoBroker(pki, dir.resolve("mosquitto"))
                    : new HiveBroker(pki, dir.resolve("hivemq"));
            BrokerSync world = new BrokerSync(dir, hq, pki, broker);
            world.open.add(broker);
            world.open.add(hq);
            broker.start();
            return world;
        } catch (Exception | Error e) {
            if (broker != null) {
                broker.close();
            }
            hq.close();
            throw e;
        }
    }

    /** Closed with the world, before what was opened earlier. */
    public <T extends AutoCloseable> T keep(T resource) {
        open.add(resource);
        return resource;
    }

    /**
     * HQ's ingest service with one worker per name ({@code hq-ingest-1}, {@code hq-ingest-2}: the names the production
     * ACL privileges), each with a certificate from HQ's CA by its internal path.
     */
    public IngestService ingest(String... names) throws Exception {
        List<IngestService.Credential> credentials = new ArrayList<>();
        for (String name : names) {
            BrokerPki.Identity id = pki.enrol(name);
            credentials.add(new IngestService.Credential(name, id.key().getPrivate(), List.of(id.certificate())));
        }
        return keep(IngestService.start(broker.serverUri(), pki.caCertificate, credentials, hq.database, hq.identity,
                new DeviceDirectory(hq.caStore, hq.clock), dir.resolve("spool"), PacketLimits.DEFAULT, hq.clock));
    }

    /** A laptop's MQTT link as the product makes it, with short back-offs for tests. */
    public MqttLink link(String deviceId, PrivateKey key, X509Certificate certificate, String serverUri) {
        return new MqttLink(MqttLink.Options.tls(serverUri, deviceId,
                TlsContexts.client(key, List.of(certificate), pki.caCertificate))
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)).withKeepAlive(Duration.ofSeconds(5))
                .withPublishTimeout(Duration.ofSeconds(10)));
    }

    /**
     * A laptop's sync engine over {@code link}, started, with its spool; {@code faults} may wrap the transport (to
     * duplicate, reorder or damage what the laptop publishes before the real broker sees it).
     */
    public SyncClient laptop(String deviceId, MqttLink link, PacketSpool spool, int chunkPayload, Duration answerTimeout,
            int maxPackets, UnaryOperator<SyncClient.Transport> faults) throws Exception {
        MqttTransport transport = new MqttTransport(link);
        SyncClient client = new SyncClient(deviceId, hq.suite, hq.identity.signingCertificate().getPublicKey(), spool,
                faults.apply(transport), new SyncClient.Options(maxPackets, 1L << 30, chunkPayload, answerTimeout,
                        Duration.ofSeconds(1), "test", dir), () -> 1, Clock.systemUTC());
        transport.attach(client);
        keep(link);
        keep(client);
        client.start();
        link.start();
        return client;
    }

    /** A laptop of {@link TestHq} (its key in memory) on a {@link MemorySpool}. */
    public SyncClient laptop(TestHq.Device device, MemorySpool spool, Duration answerTimeout,
            UnaryOperator<SyncClient.Transport> faults) throws Exception {
        return laptop(device.id(), link(device.id(), device.key().getPrivate(), device.certificate(), broker.serverUri()),
                spool, 16 * 1024, answerTimeout, 100, faults);
    }

    /** Where an exchange stands, for a timeout's message: the laptop's counters and HQ's workers. */
    public String describe(SyncClient client, IngestService ingest) {
        StringBuilder b = new StringBuilder("laptop ").append(client.isConnected() ? "connected" : "disconnected")
                .append(", ").append(client.stats()).append(", ").append(client.progress());
        if (ingest != null) {
            ingest.workers().forEach(w -> b.append("; ").append(w.name()).append(' ').append(w.link().state())
                    .append(' ').append(w.ingest().stats()));
        }
        try (HqStore store = hq.store("describe")) {
            b.append("; HQ stored ").append(store.count("packets")).append(" packets, rejected ")
                    .append(store.rejects().size());
        } catch (Exception e) {
            b.append("; HQ's store unreadable: ").append(e);
        }
        return b.toString();
    }

    @Override
    public void close() throws Exception {
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
}
