package org.doorstep.hq;

import static org.doorstep.hq.TestHq.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.doorstep.hq.broker.BrokerPki;
import org.doorstep.hq.local.KeyFolder;
import org.doorstep.hq.store.HqStore;
import org.doorstep.sync.client.PacketSpool.SpooledPacket;
import org.doorstep.sync.client.SyncClient;
import org.doorstep.sync.outbox.OutboxEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HQ killed between store and receipt, for real: an ingest worker runs in a JVM of its own ({@link IngestWorkerProcess}:
 * HQ's ingest service on the test's broker and HQ's database behind the Derby network server) and halts that JVM right
 * after the transaction that stores a packet commits, before the receipt goes out. A fresh worker takes over; the
 * laptop, which heard nothing, asks again and gets the receipt from the stored row; HQ holds the packet exactly once.
 * On both brokers (about 10-20 s each).
 */
class HqKilledInChildJvmTest {

    @TempDir
    Path dir;
    private BrokerSync world;
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        if (world != null) {
            world.close();
        }
    }

    /** A worker process and the lines it prints. */
    private record Worker(Process process, BlockingQueue<String> lines) {

        String awaitLine(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line;
                }
                if (line == null && !process.isAlive() && lines.isEmpty()) {
                    throw new AssertionError("the worker process ended (" + process.exitValue() + ") without printing "
                            + prefix);
                }
            }
            throw new AssertionError("the worker process never printed " + prefix);
        }
    }

    private Worker worker(KeyFolder keys, String name, String mode) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx256m", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
                IngestWorkerProcess.class.getName(), keys.dir().toString(), world.broker.serverUri(), name, "127.0.0.1",
                Integer.toString(world.hq.server().port()),
                world.hq.dir.resolve("derby-home").toAbsolutePath().resolve("hqdb").toString(),
                dir.resolve("spool-" + name).toString(), mode);
        pb.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".stderr.log").toFile()));
        Process process = pb.start();
        children.add(process);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        }, "worker-output-" + name);
        reader.setDaemon(true);
        reader.start();
        return new Worker(process, lines);
    }

    private void saveKeys(KeyFolder keys, String... workers) throws Exception {
        keys.saveCertificate("ca", world.hq.ca.certificate());
        keys.save("hq-encryption", world.hq.identity.encryptionKey(),
                new JcaX509CertificateHolder(world.hq.identity.encryptionCertificate()));
        keys.save("hq-signing", world.hq.identity.signingKey(),
                new JcaX509CertificateHolder(world.hq.identity.signingCertificate()));
        for (String name : workers) {
            BrokerPki.Identity id = world.pki.enrol(name);
            keys.save(name, id.key().getPrivate(), new JcaX509CertificateHolder(id.certificate()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mosquitto", "hivemq"})
    void aWorkerProcessHaltedBetweenStoreAndReceiptLosesNothingAndStoresOnce(String kind) throws Exception {
        world = BrokerSync.start(kind, dir);
        KeyFolder keys = new KeyFolder(dir.resolve("keys"));
        saveKeys(keys, "hq-ingest-1", "hq-ingest-2");
        Worker doomed = worker(keys, "hq-ingest-1", "halt-after-store");
        doomed.awaitLine("READY");

        TestHq.Device device = world.hq.enrol("laptop-kill-" + kind);
        MemorySpool spool = new MemorySpool();
        List<TestHq.Sealed> sealed = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            TestHq.Sealed s = world.hq.seal(device, "case-" + i, TestHq.randomContents(2, 40_000));
            sealed.add(s);
            spool.add(new SpooledPacket(new OutboxEntry(s.packetId(), s.caseId(), false, Instant.now(), s.bytes(), false),
                    s.file()));
        }
        SyncClient client = world.laptop(device, spool, Duration.ofSeconds(2), t -> t);

        UUID stored = UUID.fromString(doomed.awaitLine("STORED ").substring("STORED ".length()));
        assertTrue(doomed.process().waitFor(30, TimeUnit.SECONDS), "the worker's JVM is gone");
        assertEquals(IngestWorkerProcess.HALTED, doomed.process().exitValue(), "halted by the hook, not by anything else");
        try (HqStore store = world.hq.store("check")) {
            assertInstanceOf(HqStore.Stored.class, store.status(stored), "the store committed before the halt");
            assertEquals(1, store.count("packets"));
        }
        assertFalse(spool.delivered.containsKey(stored), "no receipt went out for it");

        Worker fresh = worker(keys, "hq-ingest-2", "normal");
        fresh.awaitLine("READY");
        await("both delivered", () -> spool.settled(2), () -> world.describe(client, null));
        world.hq.assertDeliveredExactlyOnce(spool, sealed);
        assertEquals(1, spool.delivered.get(stored).size(), "receipted once, from the stored row");
        assertTrue(client.stats().resumeQueries() >= 1, "the laptop asked again");
        assertTrue(fresh.process().isAlive(), "the fresh worker carried on");
    }
}
