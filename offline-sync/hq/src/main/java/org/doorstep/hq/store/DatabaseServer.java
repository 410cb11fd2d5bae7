package org.doorstep.hq.store;

import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.derby.drda.NetworkServerControl;

/**
 * HQ's Derby network server: the ingest workers and the console connect to it with the client driver
 * ({@link HqDatabase#network}), so they share one database across threads and processes. Listens on loopback
 * only (a production HQ puts Derby — or PostgreSQL, see ARCHITECTURE.md — on its own host behind TLS).
 */
public final class DatabaseServer implements AutoCloseable {

    private final NetworkServerControl control;
    private final int port;
    private final String host;

    private final Path home;

    private DatabaseServer(NetworkServerControl control, Path home, String host, int port) {
        this.control = control;
        this.home = home;
        this.host = host;
        this.port = port;
    }

    /**
     * Starts a server whose databases live under {@code home} (Derby's system home) on 127.0.0.1.
     *
     * @param port 0 picks a free port
     */
    public static DatabaseServer start(Path home, int port) throws Exception {
        Files.createDirectories(home);
        // Derby reads these once, when its engine first starts in this JVM; databases are named by absolute
        // path below, so an engine started earlier (by a test, say) still puts them in the right place
        System.setProperty("derby.stream.error.file", home.resolve("derby.log").toAbsolutePath().toString());
        int chosen = port == 0 ? freePort() : port;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        NetworkServerControl control = new NetworkServerControl(loopback, chosen);
        control.start(new PrintWriter(Writer.nullWriter()));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                control.ping();
                break;
            } catch (Exception notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Derby network server did not start on port " + chosen, notYet);
                }
                Thread.sleep(50);
            }
        }
        return new DatabaseServer(control, home.toAbsolutePath(), loopback.getHostAddress(), chosen);
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** A database served here, in a folder under the server's home (created on first {@link HqDatabase#create}). */
    public HqDatabase database(String name) {
        return HqDatabase.network(host, port, home.resolve(name).toString());
    }

    @Override
    public void close() throws Exception {
        control.shutdown();
    }
}
