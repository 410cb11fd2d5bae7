package org.doorstep.hq;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.doorstep.hq.ingest.DeviceDirectory;
import org.doorstep.hq.ingest.HqIdentity;
import org.doorstep.hq.ingest.IngestService;
import org.doorstep.hq.local.KeyFolder;
import org.doorstep.hq.store.DerbyCaStore;
import org.doorstep.hq.store.HqDatabase;
import org.doorstep.sync.packet.PacketLimits;
import org.doorstep.sync.pki.PkiSuite;

/**
 * An HQ ingest worker in a process of its own, for {@link HqKilledInChildJvmTest}: HQ's real {@link IngestService}
 * with one worker on the shared subscription of a real broker and HQ's database behind the Derby network server. In
 * {@code halt-after-store} mode the worker halts its JVM ({@link Runtime#halt}: no shutdown hooks, no clean
 * disconnect, as a power cut or {@code kill -9} would) right after the transaction that stores a packet commits and
 * before HQ's receipt for it is published (the worker's {@code AfterStore} moment).
 *
 * <pre>
 * java … IngestWorkerProcess KEY_FOLDER BROKER_URI WORKER_NAME DB_HOST DB_PORT DB_NAME SPOOL halt-after-store|normal
 * </pre>
 *
 * Keys (made by the test) are read from a {@link KeyFolder}: {@code ca} (certificate only), {@code hq-encryption},
 * {@code hq-signing} and the worker's own. Prints {@code READY} once connected and {@code STORED <packet id>} just
 * before halting.
 */
public final class IngestWorkerProcess {

    /** The exit status of a worker that halted after storing. */
    public static final int HALTED = 86;

    private IngestWorkerProcess() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        KeyFolder keys = new KeyFolder(Path.of(args[0]));
        String brokerUri = args[1];
        String name = args[2];
        HqDatabase database = HqDatabase.network(args[3], Integer.parseInt(args[4]), args[5]);
        Path spool = Path.of(args[6]);
        boolean halt = args[7].equals("halt-after-store");
        Clock clock = Clock.systemUTC();
        HqIdentity identity = new HqIdentity(PkiSuite.INTL, keys.key("hq-encryption"),
                KeyFolder.jca(keys.certificate("hq-encryption")), keys.key("hq-signing"),
                KeyFolder.jca(keys.certificate("hq-signing")));
        DerbyCaStore caStore = new DerbyCaStore(database);
        IngestService service = IngestService.start(brokerUri, KeyFolder.jca(keys.certificate("ca")),
                List.of(new IngestService.Credential(name, keys.key(name), List.of(KeyFolder.jca(keys.certificate(name))))),
                database, identity, new DeviceDirectory(caStore, clock), spool, PacketLimits.DEFAULT, clock);
        IngestService.Worker worker = service.workers().get(0);
        if (halt) {
            worker.ingest().afterStore(stored -> {
                out.println("STORED " + stored.packetId());
                Runtime.getRuntime().halt(HALTED);
            });
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!worker.link().isConnected()) {
            if (System.nanoTime() > deadline) {
                out.println("NOT CONNECTED " + worker.link().lastProblem());
                System.exit(2);
            }
            Thread.sleep(20);
        }
        out.println("READY");
        Thread.sleep(Long.MAX_VALUE); // until the parent ends the process (or the hook halts it)
    }
}
