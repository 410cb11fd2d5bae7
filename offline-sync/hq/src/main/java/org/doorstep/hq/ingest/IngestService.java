package org.doorstep.hq.ingest;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.doorstep.hq.admin.store.IngestWorkers;
import org.doorstep.hq.store.HqDatabase;
import org.doorstep.hq.store.HqStore;
import org.doorstep.sync.link.MqttLink;
import org.doorstep.sync.link.TlsContexts;
import org.doorstep.sync.packet.PacketLimits;
import org.doorstep.sync.protocol.Topics;

/**
 * HQ's headless ingest service: several workers, each with its own MQTT link (client certificate CN
 * {@code hq-ingest-…}), its own database connection and its own spool, all on the shared subscription
 * {@link Topics#HQ_SHARED_UP}, so the broker spreads the laptops' messages over them and more workers mean more
 * throughput. Workers keep no state of their own between messages: everything is in HQ's store, so a worker can be
 * killed and another carries on. Each running worker records a sign of life every {@link IngestWorkers#ALIVE_EVERY}
 * (its own connection, its own thread), so a packet a dead worker was assembling is taken over within
 * {@link IngestWorkers#SILENT_AFTER}.
 */
public final class IngestService implements AutoCloseable {

    /** A worker's identity towards the broker. */
    public record Credential(String name, PrivateKey key, List<X509Certificate> chain) {
        public Credential {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(key, "key");
            chain = List.copyOf(chain);
        }
    }

    /** One running worker: its link and its ingest logic. */
    public record Worker(String name, MqttLink link, IngestWorker ingest) {
    }

    /** How long the broker keeps a worker's session after it drops: long enough for a blip, short after a crash. */
    public static final java.time.Duration WORKER_SESSION = java.time.Duration.ofSeconds(5);

    private final List<Worker> workers = new ArrayList<>();
    private final List<HqStore> stores = new ArrayList<>();
    /** Per worker, the connection its signs of life go through; a killed worker's is removed. */
    private final Map<String, HqStore> alive = new ConcurrentHashMap<>();
    private final ScheduledExecutorService lifeBeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hq-ingest-alive");
        t.setDaemon(true);
        return t;
    });

    private IngestService() {
        long every = IngestWorkers.ALIVE_EVERY.toMillis();
        lifeBeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        alive.forEach((name, store) -> {
            try {
                store.alive();
            } catch (SQLException | RuntimeException e) {
                // the database is unreachable: so is the worker's work; the next beat tries again
            }
        });
    }

    /**
     * Starts one worker per credential. Each connects on its own and keeps reconnecting (with its own jittered
     * back-off) until {@link #close}.
     */
    public static IngestService start(String serverUri, X509Certificate deviceCa, List<Credential> credentials,
            HqDatabase database, HqIdentity hq, DeviceDirectory devices, Path spool, PacketLimits limits, Clock clock)
            throws Exception {
        IngestService service = new IngestService();
        try {
            for (Credential c : credentials) {
                // a short session: the shared subscription keeps sending a dead worker its share while its
                // session lives, and the laptops ask again for whatever a worker lost
                service.add(MqttLink.Options.tls(serverUri, c.name(), TlsContexts.client(c.key(), c.chain(), deviceCa))
                        .withSessionExpiry(WORKER_SESSION),
                        c.name(), database, hq, devices, spool, limits, clock);
            }
            return service;
        } catch (Exception | Error e) {
            service.close();
            throw e;
        }
    }

    /** The same over plain TCP, for benchmarks against a test broker only. */
    public static IngestService startPlainForBenchmarks(String serverUri, List<String> names, HqDatabase database,
            HqIdentity hq, DeviceDirectory devices, Path spool, PacketLimits limits, Clock clock) throws Exception {
        IngestService service = new IngestService();
        for (String name : names) {
            service.add(MqttLink.Options.plainTcpForBenchmarks(serverUri, name), name, database, hq, devices, spool,
                    limits, clock);
        }
        return service;
    }

    private void add(MqttLink.Options options, String name, HqDatabase database, HqIdentity hq, DeviceDirectory devices,
            Path spool, PacketLimits limits, Clock clock) throws Exception {
        MqttLink link = new MqttLink(options);
        HqStore store = new HqStore(database, name, clock);
        stores.add(store);
        HqStore life = new HqStore(database, name, clock);
        stores.add(life);
        life.alive(); // before its first message: a claim it makes is never taken for a dead worker's
        alive.put(name, life);
        IngestWorker ingest = new IngestWorker(name, store, hq, devices, link::publish, spool.resolve(name), limits, clock);
        link.subscribe(Topics.HQ_SHARED_UP, ingest::handle);
        workers.add(new Worker(name, link, ingest));
        link.start();
    }

    public List<Worker> workers() {
        return List.copyOf(workers);
    }

    /** Stops one worker abruptly, as a crash would: no goodbye, its signs of life just stop (tests). */
    public void kill(String name) {
        alive.remove(name);
        for (Worker w : workers) {
            if (w.name().equals(name)) {
                w.link().close();
            }
        }
    }

    /** Shuts the workers down for good: their sessions end, so the shared subscription stops counting them. */
    @Override
    public void close() {
        lifeBeat.shutdownNow();
        for (Worker w : workers) {
            w.link().closeEndingSession();
        }
        // awaited, so no late beat brings a worker back to life after it said it stopped
        try {
            lifeBeat.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        alive.forEach((name, store) -> {
            try {
                store.stopped();
            } catch (SQLException | RuntimeException e) {
                // its signs of life stop either way: its claims are taken over after IngestWorkers.SILENT_AFTER
            }
        });
        stores.forEach(HqStore::close);
    }
}
