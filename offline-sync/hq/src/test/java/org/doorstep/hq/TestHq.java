package org.doorstep.hq;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.doorstep.hq.ingest.DeviceDirectory;
import org.doorstep.hq.ingest.HqIdentity;
import org.doorstep.hq.ingest.IngestWorker;
import org.doorstep.hq.store.DatabaseServer;
import org.doorstep.hq.store.DerbyCaStore;
import org.doorstep.hq.store.HqDatabase;
import org.doorstep.hq.store.HqStore;
import org.doorstep.sync.packet.PacketEntry;
import org.doorstep.sync.packet.PacketLimits;
import org.doorstep.sync.packet.PacketManifest;
import org.doorstep.sync.packet.PacketSealer;
import org.doorstep.sync.packet.PacketSuite;
import org.doorstep.sync.pki.CaOptions;
import org.doorstep.sync.pki.DeviceCa;
import org.doorstep.sync.pki.EnrolmentCode;
import org.doorstep.sync.pki.EnrolmentRequest;
import org.doorstep.sync.pki.PkiSuite;

/**
 * A throw-away HQ for tests: its Derby database in a folder, a device CA whose records live in it, HQ's
 * encryption and signing keys, and enrolled devices that seal real packets. Keys are made fresh every time.
 */
public final class TestHq implements AutoCloseable {

    public static final SecureRandom RANDOM = new SecureRandom();
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    public final Path dir;
    public final HqDatabase database;
    public final DerbyCaStore caStore;
    public final DeviceCa ca;
    public final HqIdentity identity;
    public final Clock clock = Clock.systemUTC();
    private final List<HqStore> stores = new ArrayList<>();

    /** A laptop enrolled at this HQ. */
    public record Device(String id, KeyPair key, X509Certificate certificate) {
    }

    /** A packet sealed by a device, on disk. */
    public record Sealed(UUID packetId, String caseId, Path file, long bytes, byte[] digest,
            Map<String, byte[]> contents) {
    }

    private final DatabaseServer server;

    public final PkiSuite suite;

    public TestHq(Path dir) throws Exception {
        this(dir, false, PkiSuite.INTL);
    }

    /**
     * @param network serve the database with a Derby network server, as HQ's workers and console share it
     * @param suite   the deployment's algorithms: every key here is of that suite
     */
    public TestHq(Path dir, boolean network, PkiSuite suite) throws Exception {
        this.dir = dir;
        this.suite = suite;
        this.server = network ? DatabaseServer.start(dir.resolve("derby-home"), 0) : null;
        this.database = network ? server.database("hqdb") : HqDatabase.embedded(dir.resolve("hqdb"));
        database.create();
        this.caStore = new DerbyCaStore(database);
        this.ca = DeviceCa.createRoot(suite, "Doorstep Device CA (test)",
                CaOptions.defaults(URI.create("http://hq.invalid/crl")), caStore, clock, RANDOM);
        KeyPair encryption = suite.generateKeyPair(RANDOM);
        KeyPair signing = suite.generateKeyPair(RANDOM);
        this.identity = new HqIdentity(suite, encryption.getPrivate(),
                jca(ca.issueHqCertificate(encryption.getPublic(), "hq-encryption", DeviceCa.HqKeyUse.ENCRYPTION)), signing.getPrivate(),
                jca(ca.issueHqCertificate(signing.getPublic(), "hq-signing", DeviceCa.HqKeyUse.SIGNING)));
    }

    /**
     * The Derby network server HQ's database is behind, when made with {@code network}; workers in other processes
     * connect to it.
     */
    public DatabaseServer server() {
        if (server == null) {
            throw new IllegalStateException("this test HQ's database is embedded, not behind a network server");
        }
        return server;
    }

    public static X509Certificate jca(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().setProvider(BC).getCertificate(holder);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Device enrol(String deviceId) throws Exception {
        DeviceCa.IssuedCode code = ca.issueCode(deviceId);
        KeyPair key = suite.generateKeyPair(RANDOM);
        EnrolmentCode typed = EnrolmentCode.parse(code.code().formatted());
        X509CertificateHolder cert = ca.enrol(EnrolmentRequest.create(suite, deviceId, key, typed).der());
        return new Device(deviceId, key, jca(cert));
    }

    /** Seals a case with the given entries (name → bytes) into a packet file. */
    public Sealed seal(Device device, String caseId, Map<String, byte[]> contents) throws Exception {
        return seal(device, UUID.randomUUID(), caseId, contents, identity.encryptionCertificate());
    }

    public Sealed seal(Device device, UUID packetId, String caseId, Map<String, byte[]> contents,
            X509Certificate to) throws Exception {
        List<PacketEntry> entries = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : contents.entrySet()) {
            entries.add(new PacketEntry(e.getKey(), "application/octet-stream", e.getValue().length,
                    MessageDigest.getInstance(suite == PkiSuite.GM ? "SM3" : "SHA-256", BC).digest(e.getValue())));
        }
        PacketManifest manifest = new PacketManifest(packetId, device.id(), caseId, Instant.now(),
                PacketSuite.byId(suite.id()), entries);
        Path file = dir.resolve("packets").resolve(packetId + ".dspk");
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            new PacketSealer(device.key().getPrivate(), device.certificate(), to, RANDOM).seal(manifest,
                    entry -> new ByteArrayInputStream(contents.get(entry.name())), out);
        }
        byte[] bytes = Files.readAllBytes(file);
        return new Sealed(packetId, caseId, file, bytes.length, MessageDigest.getInstance("SHA-256").digest(bytes),
                new LinkedHashMap<>(contents));
    }

    public static Map<String, byte[]> randomContents(int entries, int bytesEach) {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (int i = 0; i < entries; i++) {
            byte[] b = new byte[bytesEach];
            RANDOM.nextBytes(b);
            contents.put("item-" + i, b);
        }
        return contents;
    }

    public HqStore store(String worker) throws Exception {
        HqStore store = new HqStore(database, worker, clock);
        synchronized (stores) {
            stores.add(store);
        }
        return store;
    }

    public IngestWorker worker(String name, IngestWorker.Replies replies) throws Exception {
        return new IngestWorker(name, store(name), identity, new DeviceDirectory(caStore, clock), replies,
                dir.resolve("spool-" + name), PacketLimits.DEFAULT, clock);
    }

    @Override
    public void close() {
        synchronized (stores) {
            stores.forEach(HqStore::close);
        }
        caStore.close();
        database.shutdownEmbedded();
        if (server != null) {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException("the Derby network server did not stop", e);
            }
        }
    }

    /**
     * Every sealed case is stored once here with exactly its contents, receipted once on the laptop and gone from
     * it; nothing is half assembled and nothing was rejected.
     */
    public void assertDeliveredExactlyOnce(MemorySpool spool, List<Sealed> sealed) throws Exception {
        try (HqStore store = store("check")) {
            org.junit.jupiter.api.Assertions.assertEquals(sealed.size(), store.count("packets"), "packets stored at HQ");
            for (Sealed s : sealed) {
                HqStore.PacketStatus status = store.status(s.packetId());
                org.junit.jupiter.api.Assertions.assertTrue(status instanceof HqStore.Stored,
                        s.caseId() + " stored: " + status);
                for (Map.Entry<String, byte[]> e : s.contents().entrySet()) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(e.getValue(),
                            store.entry(s.packetId(), e.getKey()).orElseThrow(), "entry " + e.getKey() + " of " + s.caseId());
                }
                org.junit.jupiter.api.Assertions.assertEquals(1, spool.delivered.get(s.packetId()).size(),
                        "receipts acted on for " + s.caseId());
                org.junit.jupiter.api.Assertions.assertFalse(Files.exists(s.file()),
                        "the laptop's copy is gone after the receipt");
            }
            org.junit.jupiter.api.Assertions.assertEquals(0, store.count("inbound"), "no half-assembled packet left");
            org.junit.jupiter.api.Assertions.assertEquals(0, store.count("inbound_chunks"));
        }
        org.junit.jupiter.api.Assertions.assertTrue(spool.rejected.isEmpty(), "nothing rejected: " + spool.rejected);
    }

    /** Waits (polling) until the condition holds; fails naming what never happened after 90 s. */
    public static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        await(what, condition, () -> "");
    }

    /**
     * As {@link #await(String, java.util.function.BooleanSupplier)}, and a timeout also says what {@code state}
     * describes (the laptop's counters, HQ's view of the packet), so a failure on a loaded CI machine shows where
     * the exchange stopped.
     */
    public static void await(String what, java.util.function.BooleanSupplier condition,
            java.util.function.Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                String described;
                try {
                    described = state.get();
                } catch (RuntimeException e) {
                    described = "(state unavailable: " + e + ")";
                }
                dumpThreads(what);
                throw new AssertionError("timed out waiting until " + what
                        + (described.isEmpty() ? "" : "; " + described));
            }
            Thread.sleep(20);
        }
    }

    /** Every thread's stack on standard error, so a timeout on a loaded CI machine shows who was waiting for what. */
    private static void dumpThreads(String what) {
        StringBuilder b = new StringBuilder("---- threads when waiting until ").append(what).append(" timed out ----\n");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            b.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
            for (StackTraceElement e : stack) {
                b.append("    at ").append(e).append('\n');
            }
        });
        System.err.print(b);
    }
}
