package org.doorstep.hq.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.doorstep.hq.admin.AdminException;
import org.doorstep.hq.admin.AdminOptions;
import org.doorstep.hq.admin.ConnectionSource;
import org.doorstep.hq.admin.HqAdmin;
import org.doorstep.hq.broker.EmbeddedBroker;
import org.doorstep.hq.dispatch.CommandDispatcher;
import org.doorstep.hq.ingest.DeviceDirectory;
import org.doorstep.hq.ingest.HqIdentity;
import org.doorstep.hq.ingest.IngestService;
import org.doorstep.hq.ingest.IngestWorker;
import org.doorstep.hq.media.MediaImport;
import org.doorstep.hq.store.DatabaseServer;
import org.doorstep.hq.store.DerbyCaStore;
import org.doorstep.hq.store.HqDatabase;
import org.doorstep.hq.store.HqStore;
import org.doorstep.sync.command.Command;
import org.doorstep.sync.command.CommandType;
import org.doorstep.sync.command.SignedCommands;
import org.doorstep.sync.packet.PacketLimits;
import org.doorstep.sync.protocol.Topics;
import org.doorstep.sync.pki.CaOptions;
import org.doorstep.sync.pki.DeviceCa;
import org.doorstep.sync.pki.PkiSuite;
import org.doorstep.sync.pki.RevocationReason;

/**
 * A whole HQ on one machine, in one process: the embedded broker (mutual TLS, per-device topic permissions,
 * CRL), a Derby network server with HQ's store, the ingest workers on the shared subscription, the device CA and
 * its enrolment endpoint, and the administration's dispatcher (signs and sends the commands administrators queue,
 * pushes the CRL to the broker, imports media). Keys are made at the first start and kept in {@code <data>/keys}.
 * The store's address is written to {@code <data>/hq-admin.properties} for the admin command line. For newcomers,
 * demonstrations and tests; production runs Mosquitto (see {@code offline-sync/broker}) and the same ingest
 * service on HQ's own hosts.
 */
public final class LocalHq implements AutoCloseable {

    /** How to start. Ports 0 pick free ones. */
    public record Config(Path data, String bindAddress, int brokerPort, int enrolmentPort, int workers, PkiSuite suite) {
        public static Config defaults(Path data) {
            return new Config(data, "127.0.0.1", 8883, 8470, 2, PkiSuite.INTL);
        }
    }

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private final List<AutoCloseable> running = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private DeviceCa ca;
    private DerbyCaStore caStore;
    private HqDatabase database;
    private HqIdentity identity;
    private EmbeddedBroker broker;
    private IngestService ingest;
    private EnrolmentServer enrolment;
    private CommandDispatcher dispatcher;
    private Path data;
    private PrintStream log = System.out;

    private LocalHq() {
    }

    public static LocalHq start(Config config, PrintStream log) throws Exception {
        LocalHq hq = new LocalHq();
        hq.log = log;
        try {
            hq.boot(config);
            return hq;
        } catch (Exception | Error e) {
            hq.close();
            throw e;
        }
    }

    private void boot(Config config) throws Exception {
        Path data = Files.createDirectories(config.data());
        KeyFolder keys = new KeyFolder(data.resolve("keys"));
        PkiSuite suite = suiteOf(keys, config.suite());
        DatabaseServer server = DatabaseServer.start(data.resolve("derby"), 0);
        running.add(server);
        database = server.database("hq");
        database.create();
        caStore = new DerbyCaStore(database);
        running.add(caStore);
        CaOptions options = CaOptions.defaults(URI.create("http://" + config.bindAddress() + "/crl"));
        if (keys.has("ca")) {
            ca = new DeviceCa(suite, keys.keyPair("ca"), keys.certificate("ca"), options, caStore, clock, random);
        } else {
            KeyPair caKey = suite.generateKeyPair(random);
            ca = DeviceCa.createRoot(suite, "Doorstep Device CA (local HQ)", caKey, options, caStore, clock, random);
            keys.save("ca", caKey.getPrivate(), ca.certificate());
        }
        X509Certificate caCert = KeyFolder.jca(ca.certificate());
        X509CertificateHolder encryption = hqCertificate(keys, suite, "hq-encryption", true);
        X509CertificateHolder signing = hqCertificate(keys, suite, "hq-signing", false);
        identity = new HqIdentity(suite, keys.key("hq-encryption"), KeyFolder.jca(encryption), keys.key("hq-signing"),
                KeyFolder.jca(signing));
        X509CertificateHolder brokerCert = serverCertificate(keys, suite, "broker",
                List.of("localhost", "127.0.0.1", config.bindAddress()).stream().distinct().toList());
        broker = EmbeddedBroker.start(EmbeddedBroker.Settings.loopback(keys.key("broker"),
                List.of(KeyFolder.jca(brokerCert), caCert), caCert, crl())
                .withAddress(config.bindAddress(), config.brokerPort()).withPersistenceIn(data.resolve("broker")));
        running.add(broker);
        List<IngestService.Credential> credentials = new ArrayList<>();
        for (int i = 1; i <= config.workers(); i++) {
            String name = "hq-ingest-" + i;
            if (!keys.has(name)) {
                // HQ's own broker client: no enrolment code (laptops may not have these names), HQ made the key
                KeyPair key = suite.generateKeyPair(random);
                keys.save(name, key.getPrivate(), ca.issueHqClientCertificate(key.getPublic(), name));
            }
            credentials.add(new IngestService.Credential(name, keys.key(name),
                    List.of(KeyFolder.jca(keys.certificate(name)), caCert)));
        }
        ingest = IngestService.start(broker.serverUri(), caCert, credentials, database, identity,
                new DeviceDirectory(caStore, clock), data.resolve("spool"), PacketLimits.DEFAULT, clock);
        running.add(ingest);
        for (IngestService.Worker w : ingest.workers()) {
            w.ingest().afterStore(p -> log.printf(Locale.ROOT, "received case %s from %s: packet %s, %d bytes, receipt %s%n",
                    p.caseId(), p.deviceId(), p.packetId(), p.length(), p.receiptId()));
        }
        enrolment = EnrolmentServer.start(new InetSocketAddress(config.bindAddress(), config.enrolmentPort()), ca,
                encryption, signing, URI.create(broker.serverUri()));
        running.add(enrolment);
        // removable media get a worker of their own: a worker is one thread's, and the dispatcher is another thread
        IngestWorker mediaWorker = new IngestWorker("hq-media", new HqStore(database, "hq-media", clock), identity,
                new DeviceDirectory(caStore, clock), (topic, payload) -> { }, data.resolve("spool"),
                PacketLimits.DEFAULT, clock);
        dispatcher = new CommandDispatcher(database, identity, ca, this::publishDown, broker::updateCrl,
                folder -> mediaReport(new MediaImport(mediaWorker), folder), clock, CommandDispatcher.Settings.defaults());
        running.add(dispatcher);
        dispatcher.publishSettings(caFingerprint(), enrolment.uri().toString(), broker.serverUri());
        dispatcher.start();
        this.data = data;
        writeAdminProperties(data.resolve(ADMIN_PROPERTIES), database.url());
    }

    /** Where the admin command line finds HQ's store: {@code db.url=jdbc:derby://…}. */
    public static final String ADMIN_PROPERTIES = "hq-admin.properties";

    private static void writeAdminProperties(Path file, String url) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, "# written by ./doorstep hq at every start: where HQ's store is (no secret)\ndb.url=" + url
                + "\n", java.nio.charset.StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Publishes a signed command through whichever ingest worker's link is up. */
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
        throw last == null ? new IOException("no ingest worker is running") : last;
    }

    private static String mediaReport(MediaImport media, Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is not a folder the HQ service can read");
        }
        StringBuilder report = new StringBuilder();
        for (MediaImport.FolderResult f : media.importAll(folder)) {
            report.append(f.folder().getFileName()).append(": ");
            if (f.skipped() != null) {
                report.append("skipped, ").append(f.skipped()).append('\n');
                continue;
            }
            report.append(f.packets().size()).append(" packet(s) from ").append(f.deviceId()).append('\n');
            for (MediaImport.PacketResult p : f.packets()) {
                report.append("  ").append(p.packetId()).append(" (case ").append(p.caseId()).append("): ")
                        .append(p.outcome().name().toLowerCase(Locale.ROOT)).append(", ").append(p.detail()).append('\n');
            }
        }
        for (String line : media.importWipeConfirmations(folder)) {
            report.append(line).append('\n');
        }
        return report.length() == 0 ? "nothing to import in " + folder : report.toString().stripTrailing();
    }

    /**
     * Creates the first administrator, {@code admin}, if there is none yet: with {@code password}, or a generated one
     * when it is null. Returns the password to show once (the caller prints it to the terminal, never to a log file),
     * or empty when administrators exist already.
     */
    public java.util.Optional<char[]> createFirstAdmin(char[] password) throws AdminException {
        try (HqAdmin admin = HqAdmin.open(ConnectionSource.url(database.url()), AdminOptions.defaults(), clock)) {
            if (admin.hasUsers()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(admin.createFirstAdmin("admin", "HQ administrator", password));
        }
    }

    public CommandDispatcher dispatcher() {
        return dispatcher;
    }

    public Path data() {
        return data;
    }

    private static PkiSuite suiteOf(KeyFolder keys, PkiSuite wanted) throws IOException {
        if (!keys.has("ca")) {
            return wanted;
        }
        PkiSuite existing = PkiSuite.of(keys.keyPair("ca").getPublic())
                .orElseThrow(() -> new IOException("the CA key in " + keys.dir() + " is of no known suite"));
        if (existing != wanted && wanted != PkiSuite.INTL) {
            throw new IllegalArgumentException("this HQ was set up with the " + existing.id() + " suite; its keys"
                    + " cannot change to " + wanted.id());
        }
        return existing;
    }

    private X509CertificateHolder serverCertificate(KeyFolder keys, PkiSuite suite, String name, List<String> hosts)
            throws IOException {
        if (!keys.has(name)) {
            KeyPair key = suite.generateKeyPair(random);
            keys.save(name, key.getPrivate(), ca.issueServerCertificate(key.getPublic(), name, hosts));
        }
        return keys.certificate(name);
    }

    private X509CertificateHolder hqCertificate(KeyFolder keys, PkiSuite suite, String name, boolean encryption)
            throws IOException {
        if (!keys.has(name)) {
            KeyPair key = suite.generateKeyPair(random);
            keys.save(name, key.getPrivate(), ca.issueHqCertificate(key.getPublic(), name,
                    encryption ? DeviceCa.HqKeyUse.ENCRYPTION : DeviceCa.HqKeyUse.SIGNING));
        }
        return keys.certificate(name);
    }

    private X509CRL crl() {
        try {
            return new JcaX509CRLConverter().setProvider(BC).getCRL(ca.crl());
        } catch (java.security.cert.CRLException e) {
            throw new IllegalStateException("cannot convert the CRL the CA just made", e);
        }
    }

    /** A one-time enrolment code for a laptop, to give to its officer with {@link #caFingerprint()}. */
    public DeviceCa.IssuedCode issueCode(String deviceId) {
        return ca.issueCode(deviceId);
    }

    /** Revokes a laptop: the broker refuses its next connection and ingest rejects its packets. */
    public int revoke(String deviceId, RevocationReason reason) throws Exception {
        int revoked = ca.revokeDevice(deviceId, reason);
        broker.updateCrl(crl());
        return revoked;
    }

    /**
     * Sends a laptop an HQ-signed command (work order, status update, catalogue, revoke, wipe) with the device's
     * next command number, valid for {@code validity}; the broker keeps it in the laptop's session until it next
     * connects. Returns the command's number.
     */
    public long sendCommand(String deviceId, CommandType type, String bodyJson, Duration validity) throws Exception {
        long sequence;
        try (HqStore store = new HqStore(database, "hq-commands", clock)) {
            sequence = store.nextCommandSequence(deviceId);
        }
        Instant now = clock.instant();
        byte[] signed = SignedCommands.sign(new Command(deviceId, sequence, now, now.plus(validity), type, bodyJson),
                identity.signingKey(), identity.suite());
        ingest.workers().get(0).link().publish(Topics.of(deviceId, Topics.COMMAND), signed);
        return sequence;
    }

    /** SHA-256 of the CA certificate: the laptop checks the bundle against it. */
    public String caFingerprint() throws IOException {
        try {
            return "SHA256:" + HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(ca.certificate().getEncoded()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public EmbeddedBroker broker() {
        return broker;
    }

    public IngestService ingest() {
        return ingest;
    }

    public HqDatabase database() {
        return database;
    }

    public HqIdentity identity() {
        return identity;
    }

    public DeviceCa ca() {
        return ca;
    }

    public URI enrolmentUri() {
        return enrolment.uri();
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                log.println("could not stop " + running.get(i) + ": " + e.getMessage());
            }
        }
        running.clear();
    }

    /** {@code ./doorstep hq [--data DIR] [--port N] [--enrol-port N] [--workers N] [--suite intl|gm] [--code DEVICE]…} */
    public static void main(String[] args) throws Exception {
        Config config = Config.defaults(Path.of(System.getProperty("doorstep.hq.data", "hq-data")));
        List<String> codesFor = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--data" -> config = new Config(Path.of(need(value, args[i])), config.bindAddress(),
                            config.brokerPort(), config.enrolmentPort(), config.workers(), config.suite());
                    case "--port" -> config = new Config(config.data(), config.bindAddress(), port(value, args[i]),
                            config.enrolmentPort(), config.workers(), config.suite());
                    case "--enrol-port" -> config = new Config(config.data(), config.bindAddress(), config.brokerPort(),
                            port(value, args[i]), config.workers(), config.suite());
                    case "--workers" -> config = new Config(config.data(), config.bindAddress(), config.brokerPort(),
                            config.enrolmentPort(), workers(value), config.suite());
                    case "--suite" -> config = new Config(config.data(), config.bindAddress(), config.brokerPort(),
                            config.enrolmentPort(), config.workers(), PkiSuite.byId(need(value, args[i])));
                    case "--code" -> codesFor.add(laptopName(need(value, args[i])));
                    case "--help", "-h" -> {
                        System.out.println("usage: doorstep hq [--data DIR] [--port N] [--enrol-port N] [--workers N]"
                                + " [--suite intl|gm] [--code DEVICE-ID]...");
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
                }
                if (!args[i].equals("--help")) {
                    i++;
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("doorstep hq: " + e.getMessage());
            System.exit(2);
            return;
        }
        LocalHq hq = start(config, System.out);
        String given = System.getenv("DOORSTEP_HQ_ADMIN_PASSWORD");
        java.util.Optional<char[]> first;
        try {
            first = hq.createFirstAdmin(given == null || given.isEmpty() ? null : given.toCharArray());
        } catch (AdminException e) {
            hq.close();
            System.err.println("doorstep hq: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hq.close();
            stopped.countDown();
        }, "doorstep-hq-stop"));
        System.out.println("Doorstep local HQ is running (" + hq.identity.suite().id() + " suite), data in "
                + config.data().toAbsolutePath());
        System.out.println("  broker:     " + hq.broker.serverUri() + " (mutual TLS)");
        System.out.println("  enrolment:  " + hq.enrolmentUri());
        System.out.println("  CA:         " + hq.caFingerprint());
        System.out.println("  ingest:     " + hq.ingest.workers().size() + " workers on the shared subscription");
        System.out.println("  store:      " + hq.database.url() + " (written to " + config.data().resolve(ADMIN_PROPERTIES)
                + ")");
        if (first.isPresent()) {
            System.out.println("  first administrator: admin" + (given == null || given.isEmpty()
                    ? ", password (shown this once, never logged): " + new String(first.get())
                    : ", password from DOORSTEP_HQ_ADMIN_PASSWORD"));
            java.util.Arrays.fill(first.get(), '\0');
        }
        System.out.println("  administer: DOORSTEP_HQ_USER=admin ./doorstep hq-admin --hq-data " + config.data()
                + " devices   (the password is read from DOORSTEP_HQ_PASSWORD or asked for)");
        for (String device : codesFor) {
            DeviceCa.IssuedCode code = hq.issueCode(device);
            System.out.println("  enrol " + device + " (code valid until " + code.expiresAt() + "):");
            System.out.println("    ./doorstep cli sync-enrol --hq " + hq.enrolmentUri() + " --code "
                    + code.code().formatted() + " --ca " + hq.caFingerprint() + " --as <officer id> --data <laptop data folder>");
        }
        System.out.println("Stop with Ctrl-C.");
        stopped.await();
    }

    /** A device id a code may be issued for, checked before HQ starts: a refused name must not leave HQ half up. */
    private static String laptopName(String deviceId) {
        if (!org.doorstep.sync.protocol.Topics.isDeviceId(deviceId)) {
            throw new IllegalArgumentException("--code needs a device id of letters, digits, '.', '_' and '-', not '"
                    + deviceId + "'");
        }
        if (DeviceCa.isReservedName(deviceId)) {
            throw new IllegalArgumentException("--code " + deviceId + ": names starting with 'hq' or 'broker' are"
                    + " reserved for HQ's own services (the broker would give such a laptop HQ's rights); choose another"
                    + " device name");
        }
        return deviceId;
    }

    private static String need(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static int port(String value, String option) {
        try {
            int p = Integer.parseInt(need(value, option));
            if (p < 0 || p > 65_535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a port number (0-65535), not " + value);
        }
    }

    private static int workers(String value) {
        try {
            int n = Integer.parseInt(need(value, "--workers"));
            if (n < 1 || n > 16) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--workers needs 1 to 16, not " + value);
        }
    }
}
