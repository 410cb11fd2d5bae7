package org.doorstep.hq;

import static org.doorstep.hq.TestHq.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.doorstep.hq.broker.BrokerPki;
import org.doorstep.hq.broker.MosquittoBroker;
import org.doorstep.hq.ingest.DeviceDirectory;
import org.doorstep.hq.ingest.IngestService;
import org.doorstep.hq.local.KeyFolder;
import org.doorstep.sync.client.MqttTransport;
import org.doorstep.sync.client.PacketSpool.SpooledPacket;
import org.doorstep.sync.client.SyncClient;
import org.doorstep.sync.link.MqttLink;
import org.doorstep.sync.link.TlsContexts;
import org.doorstep.sync.outbox.OutboxEntry;
import org.doorstep.sync.packet.PacketLimits;
import org.doorstep.sync.pki.PkiSuite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest workers keep no state of their own, which is what lets a province run several and lose one: two workers
 * on the shared subscription of a real Mosquitto (which splits the messages evenly between them), one of them in its
 * own JVM, killed with SIGKILL while laptops are sending; the other carries on and the laptops' resume queries fetch
 * whatever the dead one held (a packet it had claimed to assemble is taken over once its signs of life stop, see
 * {@link org.doorstep.hq.ingest.ClaimTakeoverTest}). Every packet is stored exactly once, nothing is rejected, nothing stays half
 * assembled. The throughput before and after the kill is printed (a figure, not an assertion).
 */
class StatelessWorkersTest {

    private static final int LAPTOPS = 4;
    private static final int PACKETS_EACH = 15;

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private Process child;

    @AfterEach
    void tearDown() {
        if (child != null) {
            child.destroyForcibly();
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                // keep closing
            }
        }
    }

    @Test
    void aWorkerKilledMidStreamLosesNothingAndStoresNothingTwice() throws Exception {
        TestHq hq = new TestHq(dir.resolve("hq"), true, PkiSuite.INTL);
        open.add(hq);
        BrokerPki pki = new BrokerPki(hq.ca);
        MosquittoBroker broker = new MosquittoBroker(pki, dir.resolve("mosquitto"));
        open.add(broker);
        broker.start();

        // worker 1 in a JVM of its own, with keys the test wrote for it
        BrokerPki.Identity one = pki.enrol("hq-ingest-1");
        KeyFolder keys = new KeyFolder(dir.resolve("worker-keys"));
        keys.save("hq-ingest-1", one.key().getPrivate(), new JcaX509CertificateHolder(one.certificate()));
        keys.saveCertificate("ca", new JcaX509CertificateHolder(pki.caCertificate));
        keys.save("hq-encryption", hq.identity.encryptionKey(),
                new JcaX509CertificateHolder(hq.identity.encryptionCertificate()));
        keys.save("hq-signing", hq.identity.signingKey(), new JcaX509CertificateHolder(hq.identity.signingCertificate()));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        child = new ProcessBuilder(java.toString(), "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), IngestWorkerMain.class.getName(), broker.serverUri(),
                hq.database.url(), keys.dir().toString(), dir.resolve("spool-1").toString(), "hq-ingest-1")
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("worker-1.log").toFile())).start();
        BufferedReader childOut = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String ready = CompletableFuture.supplyAsync(() -> {
            try {
                return childOut.readLine();
            } catch (java.io.IOException e) {
                return e.toString();
            }
        }).get(60, TimeUnit.SECONDS);
        assertEquals("connected", ready, "the worker JVM started");

        // worker 2 here
        BrokerPki.Identity two = pki.enrol("hq-ingest-2");
        IngestService ingest = IngestService.start(broker.serverUri(), pki.caCertificate, List.of(
                new IngestService.Credential("hq-ingest-2", two.key().getPrivate(), List.of(two.certificate()))),
                hq.database, hq.identity, new DeviceDirectory(hq.caStore, hq.clock), dir.resolve("spool-2"),
                PacketLimits.DEFAULT, hq.clock);
        open.add(ingest);
        await("worker 2 connected", () -> ingest.workers().get(0).link().isConnected());

        List<MemorySpool> spools = new ArrayList<>();
        List<TestHq.Sealed> sealed = new ArrayList<>();
        List<TestHq.Device> devices = new ArrayList<>();
        for (int d = 0; d < LAPTOPS; d++) {
            TestHq.Device device = hq.enrol("stream-" + d);
            MemorySpool spool = new MemorySpool();
            for (int p = 0; p < PACKETS_EACH; p++) {
                TestHq.Sealed s = hq.seal(device, "case-" + d + "-" + p, TestHq.randomContents(4, 12_000));
                sealed.add(s);
                spool.add(new SpooledPacket(new OutboxEntry(s.packetId(), s.caseId(), false, Instant.now(), s.bytes(),
                        false), s.file()));
            }
            devices.add(device);
            spools.add(spool);
        }
        Instant started = Instant.now();
        for (int d = 0; d < LAPTOPS; d++) {
            TestHq.Device device = devices.get(d);
            MqttLink link = new MqttLink(MqttLink.Options.tls(broker.serverUri(), device.id(),
                    TlsContexts.client(device.key().getPrivate(), List.of(device.certificate()), pki.caCertificate))
                    .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)).withPublishTimeout(Duration.ofSeconds(10)));
            open.add(link);
            MqttTransport transport = new MqttTransport(link);
            SyncClient client = new SyncClient(device.id(), PkiSuite.INTL, hq.identity.signingCertificate().getPublicKey(),
                    spools.get(d), transport, new SyncClient.Options(100, 1L << 30, 16 * 1024, Duration.ofSeconds(3),
                            Duration.ofSeconds(5), "test", dir), () -> 1, Clock.systemUTC());
            open.add(client);
            transport.attach(client);
            client.start();
            link.start();
        }
        int total = LAPTOPS * PACKETS_EACH;
        await("a third of the packets stored", () -> stored(hq, null) >= total / 3);
        long storedByOneBeforeKill = stored(hq, "hq-ingest-1");
        long storedBeforeKill = stored(hq, null);
        Instant killedAt = Instant.now();
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(storedByOneBeforeKill > 0, "the killed worker was doing its share before it died");
        long storedAtKill = stored(hq, null);
        assertTrue(storedAtKill < total, "killed mid-stream: " + storedAtKill + " of " + total + " stored when it died");
        await("every packet delivered after the kill", () -> spools.stream().allMatch(s -> s.settled(PACKETS_EACH)),
                () -> stored(hq, null) + " stored; " + ingest.workers().get(0).ingest().stats());
        Instant done = Instant.now();

        try (var store = hq.store("check")) {
            assertEquals(total, store.count("packets"), "every packet stored once");
            assertEquals(0, store.count("rejects"), "nothing rejected");
            assertEquals(0, store.count("inbound"), "nothing left half assembled");
            assertEquals(0, store.count("inbound_chunks"));
            for (TestHq.Sealed s : sealed) {
                assertTrue(store.status(s.packetId()) instanceof org.doorstep.hq.store.HqStore.Stored, s.caseId());
            }
        }
        for (MemorySpool spool : spools) {
            assertTrue(spool.rejected.isEmpty(), spool.rejected.toString());
            spool.delivered.values().forEach(receipts -> assertEquals(1, receipts.size(), "one receipt acted on"));
        }
        assertTrue(stored(hq, "hq-ingest-2") > 0);
        double before = storedBeforeKill / seconds(started, killedAt);
        double after = (total - storedBeforeKill) / seconds(killedAt, done);
        System.out.printf(Locale.ROOT, "stateless workers: %d packets; two workers %.1f packets/s (worker 1 stored %d"
                + " before SIGKILL), then one worker %.1f packets/s including the laptops' resume wait; packets the"
                + " dead worker had claimed and the survivor took over: %d%n", total, before, storedByOneBeforeKill, after,
                ingest.workers().get(0).ingest().stats().claimsTakenOver());
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0.001, Duration.between(from, to).toMillis() / 1000.0);
    }

    private static long stored(TestHq hq, String worker) {
        try (Connection c = DriverManager.getConnection(hq.database.url()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM packets" + (worker == null ? ""
                        : " WHERE worker = '" + worker + "'"))) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
