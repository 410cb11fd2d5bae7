package org.doorstep.hq.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.doorstep.sync.pki.Pem;

/**
 * The production broker as a {@link TestBroker}: {@code /usr/sbin/mosquitto} with the repository's
 * {@code offline-sync/broker/mosquitto.conf} and {@code acl}, rewritten to a test folder — the listener to a free
 * loopback port, every file to one written here from the test CA, persistence into the folder, the log to a file.
 * Everything else (mutual TLS, CN as user name, the ACL, packet and queue limits) is production's.
 *
 * <p>Started as root, Mosquitto drops to the user {@code mosquitto} before it reads its files; the test folder
 * is private, so the rewritten configuration says {@code user root} in that case.
 */
public final class MosquittoBroker implements TestBroker {

    static final Path EXECUTABLE = Path.of("/usr/sbin/mosquitto");
    private static final String RELOADED = "Reloading config";

    private final Path folder;
    private final int port;
    private Process process;

    public MosquittoBroker(BrokerPki pki, Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
        this.port = freePort();
        Path production = productionConfigFolder();
        Files.createDirectories(folder.resolve("data"));
        try {
            Files.writeString(folder.resolve("ca.pem"), Pem.encode("CERTIFICATE", pki.caCertificate.getEncoded()));
            Files.writeString(folder.resolve("broker.pem"),
                    Pem.encode("CERTIFICATE", pki.broker.certificate().getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IOException(e);
        }
        // PKCS#8: Mosquitto refuses an "EC PRIVATE KEY" without curve parameters
        Files.writeString(folder.resolve("broker.key"), Pem.encode("PRIVATE KEY", pki.broker.key().getPrivate().getEncoded()));
        writeCrl(pki.crl());
        Files.copy(production.resolve("acl"), folder.resolve("acl"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(folder.resolve("mosquitto.conf"),
                rewrite(Files.readString(production.resolve("mosquitto.conf")), port, folder, isRoot()));
    }

    @Override
    public String name() {
        return "mosquitto";
    }

    @Override
    public String serverUri() {
        return "ssl://127.0.0.1:" + port;
    }

    Path folder() {
        return folder;
    }

    /** Every broker process still running, stopped when the test JVM exits whatever the tests did. */
    private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "mosquitto-test-cleanup"));
    }

    @Override
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        process = new ProcessBuilder(EXECUTABLE.toString(), "-c", folder.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("mosquitto.out").toFile()))
                .start();
        RUNNING.add(process);
        awaitListening();
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy(); // SIGTERM: Mosquitto saves its persistence file and exits
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        RUNNING.remove(process);
        process = null;
    }

    /** Writes the CRL file and sends SIGHUP; returns once Mosquitto has logged the reload (it reads the CRL then). */
    @Override
    public synchronized void updateCrl(X509CRL crl) throws IOException, InterruptedException {
        writeCrl(crl);
        if (process == null || !process.isAlive()) {
            return;
        }
        long reloadsBefore = reloads();
        Process hangUp = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start();
        if (!hangUp.waitFor(10, TimeUnit.SECONDS) || hangUp.exitValue() != 0) {
            throw new IOException("kill -HUP " + process.pid() + " failed");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (reloads() <= reloadsBefore) {
            if (System.nanoTime() > deadline) {
                throw new IOException("Mosquitto did not log a reload after SIGHUP: " + log());
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name();
    }

    String log() throws IOException {
        Path log = folder.resolve("mosquitto.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /**
     * The production configuration with the listener on {@code port} at 127.0.0.1, every file in {@code folder},
     * the log in {@code folder/mosquitto.log} (all types, for the reload detection). Fails if a line it must rewrite
     * is missing, or if any production path survives: a test must never read /etc or write /var.
     */
    static String rewrite(String production, int port, Path folder, boolean root) {
        Set<String> required = new LinkedHashSet<>(List.of("listener", "cafile", "certfile", "keyfile", "crlfile",
                "acl_file", "persistence_location", "log_dest"));
        List<String> out = new ArrayList<>();
        boolean logDestination = false;
        for (String line : production.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                out.add(line);
                continue;
            }
            String[] parts = trimmed.split("\\s+", 2);
            String key = parts[0];
            String value = parts.length > 1 ? parts[1] : "";
            required.remove(key);
            switch (key) {
                case "listener" -> out.add("listener " + port + " 127.0.0.1");
                case "cafile", "certfile", "keyfile", "crlfile" ->
                        out.add(key + " " + folder.resolve(Path.of(value).getFileName()));
                case "acl_file" -> out.add("acl_file " + folder.resolve("acl"));
                case "persistence_location" -> out.add("persistence_location " + folder.resolve("data") + "/");
                case "log_dest" -> {
                    if (!logDestination) {
                        out.add("log_dest file " + folder.resolve("mosquitto.log"));
                        logDestination = true;
                    }
                }
                case "log_type" -> {
                    // replaced by "log_type all" below
                }
                case "user" -> {
                    // decided below
                }
                default -> out.add(line);
            }
        }
        if (!required.isEmpty()) {
            throw new IllegalStateException("offline-sync/broker/mosquitto.conf has no " + required
                    + " line any more; update MosquittoBroker.rewrite");
        }
        out.add("log_type all");
        if (root) {
            out.add("user root");
        }
        String result = String.join("\n", out);
        for (String line : result.split("\n")) {
            if (!line.strip().startsWith("#") && (line.contains("/etc/") || line.contains("/var/"))) {
                throw new IllegalStateException("a production path survived the rewrite: " + line);
            }
        }
        return result;
    }

    private void writeCrl(X509CRL crl) throws IOException {
        Path temporary = folder.resolve("crl.pem.new");
        try {
            Files.writeString(temporary, Pem.encode("X509 CRL", crl.getEncoded()));
        } catch (java.security.cert.CRLException e) {
            throw new IOException(e);
        }
        Files.move(temporary, folder.resolve("crl.pem"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private long reloads() throws IOException {
        return log().lines().filter(l -> l.contains(RELOADED)).count();
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited: " + Files.readString(folder.resolve("mosquitto.out")) + log());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IOException("mosquitto did not listen on " + port + ": " + log());
    }

    /** The repository's broker folder, found upwards from the working directory (the module, under Surefire). */
    static Path productionConfigFolder() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("broker"), dir.resolve("offline-sync/broker"))) {
                if (Files.isRegularFile(candidate.resolve("mosquitto.conf"))
                        && Files.isRegularFile(candidate.resolve("acl"))) {
                    return candidate;
                }
            }
        }
        throw new IOException("offline-sync/broker/mosquitto.conf not found above " + Path.of("").toAbsolutePath());
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
