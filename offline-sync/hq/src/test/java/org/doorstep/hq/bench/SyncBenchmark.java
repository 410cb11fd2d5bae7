package org.doorstep.hq.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.doorstep.hq.CuttableProxy;
import org.doorstep.hq.MemorySpool;
import org.doorstep.hq.TestHq;
import org.doorstep.hq.broker.BrokerPki;
import org.doorstep.hq.broker.MosquittoBroker;
import org.doorstep.hq.broker.TestBroker;
import org.doorstep.hq.ingest.DeviceDirectory;
import org.doorstep.hq.ingest.IngestService;
import org.doorstep.sync.chunk.Chunk;
import org.doorstep.sync.client.MqttTransport;
import org.doorstep.sync.client.PacketSpool.SpooledPacket;
import org.doorstep.sync.client.SyncClient;
import org.doorstep.sync.link.MqttLink;
import org.doorstep.sync.link.TlsContexts;
import org.doorstep.sync.outbox.OutboxEntry;
import org.doorstep.sync.packet.PacketLimits;
import org.doorstep.sync.pki.PkiSuite;

/**
 * Sync throughput, measured against a baseline in the same run and through the same broker (Mosquitto, mutual
 * TLS, started here on a free loopback port):
 * <ol>
 * <li>raw MQTT: the same number of bytes as the cases' packets, published at QoS 1 in 256 KiB messages by one
 * client and received by one subscriber — what the broker and TLS alone allow;</li>
 * <li>end to end: sealed cases from one laptop's outbox to HQ's store (Derby network server), each receipted —
 * goodput in sealed-case bytes per second;</li>
 * <li>ingest with 1 and 2 workers, four laptops sending at once: cases stored per second;</li>
 * <li>a link cut half-way through a 5 MB packet: the bytes sent twice.</li>
 * </ol>
 * Prints its figures; asserts nothing (times are not test results). Run after {@code ./mvnw -o install
 * -DskipTests}: {@code ./mvnw -q -o -pl offline-sync/hq exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.doorstep.hq.bench.SyncBenchmark}.
 */
public final class SyncBenchmark {

    private static final int CASES = Integer.getInteger("cases", 24);
    private static final int CASE_BYTES = 1_600_000; // a typical case: form, photo, ten fingerprints
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("doorstep-sync-bench");
        System.out.printf(Locale.ROOT, "Doorstep sync benchmark: %d cases of %.1f MB, Mosquitto over mutual TLS, %d cores%n",
                CASES, CASE_BYTES / 1e6, Runtime.getRuntime().availableProcessors());
        try (TestHq hq = new TestHq(dir.resolve("hq"), true, PkiSuite.INTL)) {
            BrokerPki pki = new BrokerPki(hq.ca);
            try (TestBroker broker = new MosquittoBroker(pki, dir.resolve("mosquitto"))) {
                broker.start();
                TestHq.Device laptop = hq.enrol("bench-laptop-0");
                List<TestHq.Sealed> packets = seal(hq, laptop, CASES);
                long bytes = packets.stream().mapToLong(TestHq.Sealed::bytes).sum();

                double raw = raw(pki, broker, bytes);
                System.out.printf(Locale.ROOT, "raw MQTT QoS 1, 256 KiB messages:      %7.1f MB/s  (%.1f MB)%n", raw,
                        bytes / 1e6);

                double goodput = endToEnd(hq, pki, broker, List.of(laptop), List.of(packets), 1, broker.serverUri());
                System.out.printf(Locale.ROOT, "end to end, 1 laptop, 1 worker:        %7.1f MB/s  = %.0f%% of raw%n",
                        goodput, 100 * goodput / raw);

                for (int workers : new int[] {1, 2}) {
                    List<TestHq.Device> laptops = new ArrayList<>();
                    List<List<TestHq.Sealed>> loads = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        TestHq.Device d = hq.enrol("bench-laptop-" + workers + "-" + i);
                        laptops.add(d);
                        loads.add(seal(hq, d, CASES / 4));
                    }
                    long start = System.nanoTime();
                    double mbs = endToEnd(hq, pki, broker, laptops, loads, workers, broker.serverUri());
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf(Locale.ROOT, "ingest, 4 laptops, %d worker%s:            %7.1f cases/s (%.1f MB/s)%n",
                            workers, workers == 1 ? " " : "s", CASES / seconds, mbs);
                }

                TestHq.Device cutLaptop = hq.enrol("bench-cut");
                TestHq.Sealed big = hq.seal(cutLaptop, "case-cut", TestHq.randomContents(10, 500_000));
                int port = Integer.parseInt(broker.serverUri().substring(broker.serverUri().lastIndexOf(':') + 1));
                try (CuttableProxy proxy = new CuttableProxy(port)) {
                    proxy.cutAfter(big.bytes() / 2);
                    Thread restorer = new Thread(() -> {
                        try {
                            while (proxy.isUp()) {
                                Thread.sleep(10);
                            }
                            Thread.sleep(500);
                            proxy.restore();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    restorer.start();
                    AtomicLong resent = new AtomicLong();
                    endToEnd(hq, pki, broker, List.of(cutLaptop), List.of(List.of(big)), 1,
                            "ssl://127.0.0.1:" + proxy.port(), resent);
                    restorer.join();
                    System.out.printf(Locale.ROOT, "cut half-way through a %.1f MB packet:  %d bytes sent twice (%.1f%% of the"
                            + " packet; a chunk is %d KiB)%n", big.bytes() / 1e6, resent.get(),
                            100.0 * resent.get() / big.bytes(), Chunk.MAX_PAYLOAD_BYTES / 1024);
                }
            }
        }
        System.exit(0);
    }

    private static List<TestHq.Sealed> seal(TestHq hq, TestHq.Device device, int n) throws Exception {
        List<TestHq.Sealed> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(hq.seal(device, "case-" + device.id() + "-" + i, TestHq.randomContents(12, CASE_BYTES / 12)));
        }
        return out;
    }

    /** MB/s of QoS 1 publishes of 256 KiB from one client, all received by one subscriber. */
    private static double raw(BrokerPki pki, TestBroker broker, long bytes) throws Exception {
        BrokerPki.Identity sender = pki.enrol("bench-raw-laptop");
        // the broker ACL lets hq-ingest-1 and hq-ingest-2 read the laptops' up topics
        BrokerPki.Identity receiver = pki.enrol("hq-ingest-1");
        int messages = (int) (bytes / Chunk.MAX_MESSAGE_BYTES) + 1;
        byte[] payload = new byte[Chunk.MAX_MESSAGE_BYTES - 64];
        AtomicLong received = new AtomicLong();
        try (MqttLink sub = new MqttLink(MqttLink.Options.tls(broker.serverUri(), receiver.cn(), pki.tls(receiver)));
                MqttLink pub = new MqttLink(MqttLink.Options.tls(broker.serverUri(), sender.cn(), pki.tls(sender)))) {
            sub.subscribe("$share/hq/doorstep/v1/+/up/#", (t, p) -> received.incrementAndGet());
            sub.start();
            pub.start();
            waitFor(() -> sub.isConnected() && pub.isConnected());
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                pub.publish("doorstep/v1/" + sender.cn() + "/up/chunk", payload);
            }
            waitFor(() -> received.get() >= messages);
            double seconds = (System.nanoTime() - start) / 1e9;
            return (double) messages * payload.length / 1e6 / seconds;
        }
    }

    private static double endToEnd(TestHq hq, BrokerPki pki, TestBroker broker, List<TestHq.Device> laptops,
            List<List<TestHq.Sealed>> loads, int workers, String laptopUri) throws Exception {
        return endToEnd(hq, pki, broker, laptops, loads, workers, laptopUri, new AtomicLong());
    }

    private static double endToEnd(TestHq hq, BrokerPki pki, TestBroker broker, List<TestHq.Device> laptops,
            List<List<TestHq.Sealed>> loads, int workers, String laptopUri, AtomicLong resent) throws Exception {
        List<IngestService.Credential> credentials = new ArrayList<>();
        for (int i = 1; i <= workers; i++) {
            BrokerPki.Identity id = pki.enrol("hq-ingest-" + i);
            credentials.add(new IngestService.Credential(id.cn(), id.key().getPrivate(), List.of(id.certificate())));
        }
        List<AutoCloseable> open = new ArrayList<>();
        try (IngestService ingest = IngestService.start(broker.serverUri(), pki.caCertificate, credentials,
                hq.database, hq.identity, new DeviceDirectory(hq.caStore, hq.clock), hq.dir.resolve("spool"),
                PacketLimits.DEFAULT, hq.clock)) {
            waitFor(() -> ingest.workers().stream().allMatch(w -> w.link().isConnected()));
            List<MemorySpool> spools = new ArrayList<>();
            List<SyncClient> clients = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < laptops.size(); i++) {
                TestHq.Device device = laptops.get(i);
                MemorySpool spool = new MemorySpool();
                for (TestHq.Sealed s : loads.get(i)) {
                    spool.add(new SpooledPacket(new OutboxEntry(s.packetId(), s.caseId(), false, Instant.now(), s.bytes(),
                            false), s.file()));
                    bytes += s.bytes();
                }
                MqttLink link = new MqttLink(MqttLink.Options.tls(laptopUri, device.id(), TlsContexts.client(
                        device.key().getPrivate(), List.of(device.certificate()), pki.caCertificate))
                        .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
                MqttTransport transport = new MqttTransport(link);
                SyncClient client = new SyncClient(device.id(), hq.suite, hq.identity.signingCertificate().getPublicKey(),
                        spool, transport, new SyncClient.Options(1000, 1L << 34, Chunk.MAX_PAYLOAD_BYTES,
                                Duration.ofSeconds(10), Duration.ofMinutes(5), "bench", hq.dir), () -> 1,
                        Clock.systemUTC());
                transport.attach(client);
                spools.add(spool);
                clients.add(client);
                open.add(link);
                open.add(client);
            }
            long start = System.nanoTime();
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).start();
                ((MqttLink) open.get(2 * i)).start();
            }
            for (int i = 0; i < spools.size(); i++) {
                int expected = loads.get(i).size();
                MemorySpool spool = spools.get(i);
                waitFor(() -> spool.settled(expected));
                if (!spool.rejected.isEmpty()) {
                    throw new IllegalStateException("HQ rejected packets: " + spool.rejected);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            clients.forEach(c -> resent.addAndGet(c.stats().bytesResent()));
            return bytes / 1e6 / seconds;
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the benchmark stalled");
            }
            Thread.sleep(2);
        }
    }
}
