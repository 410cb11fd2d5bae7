package org.doorstep.hq;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.doorstep.hq.ingest.DeviceDirectory;
import org.doorstep.hq.ingest.HqIdentity;
import org.doorstep.hq.ingest.IngestService;
import org.doorstep.hq.local.KeyFolder;
import org.doorstep.hq.store.DerbyCaStore;
import org.doorstep.hq.store.HqDatabase;
import org.doorstep.sync.packet.PacketLimits;
import org.doorstep.sync.pki.PkiSuite;

/**
 * One HQ ingest worker in a JVM of its own, as a production host runs it, for tests that kill it: {@code broker-uri
 * db-url keys-folder spool-folder worker-name}. The keys folder holds the worker's client key and certificate, the
 * device CA certificate and HQ's encryption and signing keys, written by the test. Prints {@code connected} once its
 * link is up, then works until it is killed.
 */
public final class IngestWorkerMain {

    private IngestWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        String broker = args[0];
        Matcher url = Pattern.compile("jdbc:derby://([^:/]+):(\\d+)/(.+)").matcher(args[1]);
        if (!url.matches()) {
            throw new IllegalArgumentException("not a Derby network URL: " + args[1]);
        }
        KeyFolder keys = new KeyFolder(Path.of(args[2]));
        String name = args[4];
        Clock clock = Clock.systemUTC();
        HqDatabase database = HqDatabase.network(url.group(1), Integer.parseInt(url.group(2)), url.group(3));
        DerbyCaStore ca = new DerbyCaStore(database);
        var caCert = KeyFolder.jca(keys.certificate("ca"));
        HqIdentity identity = new HqIdentity(PkiSuite.INTL, keys.key("hq-encryption"),
                KeyFolder.jca(keys.certificate("hq-encryption")), keys.key("hq-signing"),
                KeyFolder.jca(keys.certificate("hq-signing")));
        IngestService service = IngestService.start(broker, caCert, List.of(new IngestService.Credential(name,
                keys.key(name), List.of(KeyFolder.jca(keys.certificate(name))))), database, identity,
                new DeviceDirectory(ca, clock), Path.of(args[3]), PacketLimits.DEFAULT, clock);
        while (!service.workers().get(0).link().isConnected()) {
            Thread.sleep(20);
        }
        System.out.println("connected");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
