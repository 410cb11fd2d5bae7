package org.doorstep.hq.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.doorstep.sync.link.TlsContexts;
import org.xml.sax.SAXException;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.client.parameter.Listener;
import com.hivemq.extension.sdk.api.client.parameter.ListenerType;

/**
 * The local HQ's MQTT broker: HiveMQ CE embedded in the HQ process, set up like the production Mosquitto
 * ({@code offline-sync/broker/}). One TLS listener that requires a client certificate issued by the device CA; an
 * embedded extension ({@link DeviceAccess}) that identifies each client by its certificate CN, refuses revoked
 * certificates and confines every client to the topics of the Mosquitto ACL ({@link TopicAcl}); a packet limit that
 * fits one 256 KiB chunk; persistent sessions with queued messages for offline laptops.
 *
 * <p>HiveMQ does not validate its configuration file: a misspelt element is silently ignored (a misspelt bind
 * address falls back to 0.0.0.0:1883). So the configuration written here is checked against HiveMQ's own schema
 * before start, and the listeners HiveMQ actually opened are compared with those asked for after start; any
 * difference stops the broker with an error. HiveMQ's logging is left to the application
 * ({@code withoutLoggingBootstrap}); an instance cannot be started twice, so a restart is {@link #close()} and a new
 * {@link #start(Settings)} on the same port and data folder.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** Like Mosquitto's {@code max_packet_size}: one 256 KiB chunk plus topic and properties. */
    public static final int MAX_PACKET_SIZE = 266_240;
    /** Like {@code max_queued_messages}: what waits for an offline laptop. */
    public static final int MAX_QUEUED_MESSAGES = 1_000;
    /** Like {@code persistent_client_expiration 30d}: the longest a session outlives its connection. */
    public static final long MAX_SESSION_EXPIRY_SECONDS = 30L * 24 * 3600;
    /** Like {@code max_inflight_messages}: unacknowledged QoS 1 messages per client. */
    public static final int RECEIVE_MAXIMUM = 20;

    private static final String TLS_LISTENER_NAME = "doorstep-tls";
    private static final String PLAIN_LISTENER_NAME = "benchmark-plain-tcp";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Settings settings;
    private final int port;
    private final OptionalInt plainTcpPort;
    private final Path workFolder;
    private final EmbeddedHiveMQ hive;
    private final DeviceAccess access;
    private final X509Certificate deviceCa;
    private boolean closed;

    /**
     * How to run the broker.
     *
     * @param bindAddress     the address to listen on, e.g. {@code 127.0.0.1} or the HQ LAN address
     * @param port            the TLS port; 0 picks a free one ({@link #port()} tells which)
     * @param serverKey       the broker's private key
     * @param serverChain     its certificate (from {@code DeviceCa.issueServerCertificate}, with the host names and
     *                        IP addresses clients use as SANs) and any intermediates
     * @param deviceCa        the CA whose client certificates are accepted
     * @param crl             that CA's current CRL; {@link #updateCrl} replaces it while running
     * @param dataFolder      where sessions and queued messages persist across restarts; null keeps them in memory
     * @param plainTcpPort    -1 for none (the default); otherwise an extra unencrypted listener for benchmarks
     *                        (0 = a free port), where the client id stands in for the certificate CN
     */
    public record Settings(String bindAddress, int port, PrivateKey serverKey, List<X509Certificate> serverChain,
            X509Certificate deviceCa, X509CRL crl, Path dataFolder, int plainTcpPort) {

        public Settings {
            Objects.requireNonNull(bindAddress, "bindAddress");
            Objects.requireNonNull(serverKey, "serverKey");
            Objects.requireNonNull(deviceCa, "deviceCa");
            Objects.requireNonNull(crl, "crl (the device CA's current CRL, empty if nothing is revoked)");
            if (serverChain == null || serverChain.isEmpty()) {
                throw new IllegalArgumentException("the broker needs its certificate");
            }
            serverChain = List.copyOf(serverChain);
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("not a port: " + port);
            }
            if (plainTcpPort < -1 || plainTcpPort > 65_535) {
                throw new IllegalArgumentException("not a port: " + plainTcpPort);
            }
        }

        /** TLS only, on a free loopback port, sessions in memory. */
        public static Settings loopback(PrivateKey serverKey, List<X509Certificate> serverChain,
                X509Certificate deviceCa, X509CRL crl) {
            return new Settings("127.0.0.1", 0, serverKey, serverChain, deviceCa, crl, null, -1);
        }

        public Settings withAddress(String address, int tlsPort) {
            return new Settings(address, tlsPort, serverKey, serverChain, deviceCa, crl, dataFolder, plainTcpPort);
        }

        /** Sessions and queued messages in {@code folder}, kept across restarts. */
        public Settings withPersistenceIn(Path folder) {
            return new Settings(bindAddress, port, serverKey, serverChain, deviceCa, crl,
                    Objects.requireNonNull(folder, "folder"), plainTcpPort);
        }

        /** Without the key: some key classes print their private value. */
        @Override
        public String toString() {
            return "Settings[" + bindAddress + ":" + port + ", server " + serverChain.get(0).getSubjectX500Principal()
                    .getName() + ", device CA " + deviceCa.getSubjectX500Principal().getName() + ", "
                    + (dataFolder == null ? "in memory" : "sessions in " + dataFolder)
                    + (plainTcpPort < 0 ? "" : ", plain TCP for benchmarks on " + plainTcpPort) + "]";
        }

        /** Adds an unencrypted, unauthenticated listener: for benchmarks on a test machine, never for data. */
        public Settings withPlainTcpListenerForBenchmarks(int tcpPort) {
            if (tcpPort < 0) {
                throw new IllegalArgumentException("not a port: " + tcpPort);
            }
            return new Settings(bindAddress, port, serverKey, serverChain, deviceCa, crl, dataFolder, tcpPort);
        }
    }

    /** A listener as HiveMQ reports it after start. */
    public record ListenerInfo(String name, String type, String bindAddress, int port) {
    }

    private EmbeddedBroker(Settings settings, int port, OptionalInt plainTcpPort, Path workFolder, EmbeddedHiveMQ hive,
            DeviceAccess access) {
        this.settings = settings;
        this.port = port;
        this.plainTcpPort = plainTcpPort;
        this.workFolder = workFolder;
        this.hive = hive;
        this.access = access;
        this.deviceCa = settings.deviceCa();
    }

    /**
     * Starts a broker and returns once it accepts connections with access control in force.
     *
     * @throws IOException if the configuration cannot be written, HiveMQ does not start, or it did not open exactly
     *                     the listeners asked for
     */
    public static EmbeddedBroker start(Settings settings) throws IOException {
        Objects.requireNonNull(settings, "settings");
        try {
            verifyCrl(settings.crl(), settings.deviceCa(), null);
        } catch (GeneralSecurityException e) {
            throw new IOException("the broker's CRL is unusable: " + e.getMessage(), e);
        }
        int tlsPort = settings.port() == 0 ? freePort(settings.bindAddress()) : settings.port();
        OptionalInt plainPort = settings.plainTcpPort() < 0 ? OptionalInt.empty()
                : OptionalInt.of(settings.plainTcpPort() == 0 ? freePort(settings.bindAddress())
                        : settings.plainTcpPort());
        Path work = Files.createTempDirectory("doorstep-broker-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        EmbeddedHiveMQ hive = null;
        try {
            Path conf = Files.createDirectory(work.resolve("conf"));
            Path extensions = Files.createDirectory(work.resolve("extensions"));
            Path data = settings.dataFolder() != null ? Files.createDirectories(settings.dataFolder())
                    : Files.createDirectory(work.resolve("data"));
            String keystorePassword = randomPassword();
            String truststorePassword = randomPassword();
            Path keystore = conf.resolve("broker.p12");
            Path truststore = conf.resolve("device-ca.p12");
            store(TlsContexts.keyStore(settings.serverKey(), settings.serverChain(), keystorePassword.toCharArray()),
                    keystore, keystorePassword);
            store(TlsContexts.trustStore(settings.deviceCa()), truststore, truststorePassword);
            String config = configuration(settings, tlsPort, plainPort, keystore, keystorePassword, truststore,
                    truststorePassword);
            validate(config);
            Files.writeString(conf.resolve("config.xml"), config);

            DeviceAccess access = new DeviceAccess(settings.crl(), plainPort.isPresent());
            hive = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    .withEmbeddedExtension(EmbeddedExtension.builder()
                            .withId("doorstep-device-access")
                            .withName("Doorstep device access")
                            .withVersion("1")
                            .withAuthor("Doorstep")
                            .withPriority(1_000)
                            .withStartPriority(1_000)
                            .withExtensionMain(access)
                            .build())
                    .withoutLoggingBootstrap()
                    .build();
            hive.start().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!access.started().isDone()) {
                throw new IOException("the broker started without its access-control extension; refusing to run"
                        + " an open broker");
            }
            EmbeddedBroker broker = new EmbeddedBroker(settings, tlsPort, plainPort, work, hive, access);
            broker.checkListeners();
            return broker;
        } catch (ExecutionException e) {
            stopQuietly(hive);
            deleteQuietly(work);
            throw new IOException("the embedded broker did not start: " + rootMessage(e), e.getCause());
        } catch (TimeoutException e) {
            stopQuietly(hive);
            deleteQuietly(work);
            throw new IOException("the embedded broker did not start within " + START_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(hive);
            deleteQuietly(work);
            throw new IOException("interrupted while the embedded broker was starting");
        } catch (IOException | RuntimeException e) {
            stopQuietly(hive);
            deleteQuietly(work);
            throw e;
        }
    }

    public String bindAddress() {
        return settings.bindAddress();
    }

    /** The TLS port, also when {@link Settings#port()} was 0. */
    public int port() {
        return port;
    }

    /** {@code ssl://address:port}, for {@code MqttLink.Options.tls}. */
    public String serverUri() {
        return "ssl://" + uriHost(settings.bindAddress()) + ":" + port;
    }

    /** The benchmark listener's port, if one was asked for. */
    public OptionalInt plainTcpPort() {
        return plainTcpPort;
    }

    /** Whether sessions are kept on disk (in {@link Settings#dataFolder()}) rather than in memory. */
    public boolean persistent() {
        return settings.dataFolder() != null;
    }

    /** The listeners HiveMQ actually opened (not what the configuration asked for). */
    public List<ListenerInfo> listeners() {
        List<ListenerInfo> result = new ArrayList<>();
        for (Listener listener : access.admin().getServerInformation().getListener()) {
            result.add(new ListenerInfo(listener.getName(), listener.getListenerType().name(),
                    listener.getBindAddress(), listener.getPort()));
        }
        result.sort(Comparator.comparing(ListenerInfo::name));
        return result;
    }

    /** The CRL in force. */
    public X509CRL crl() {
        return access.crl();
    }

    /**
     * Puts a new CRL in force at once (Mosquitto needs a reload for this): revoked certificates are refused from the
     * next CONNECT on, and clients connected with a certificate it revokes are disconnected.
     *
     * @return how many connected clients were disconnected
     * @throws GeneralSecurityException if the CRL is not signed by the device CA or is older than the one in force
     */
    public int updateCrl(X509CRL newCrl) throws GeneralSecurityException {
        verifyCrl(Objects.requireNonNull(newCrl, "crl"), deviceCa, access.crl());
        return access.replaceCrl(newCrl);
    }

    /** Stops the broker (HiveMQ takes a few seconds) and deletes its private folder; the data folder stays. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly(hive);
        deleteQuietly(workFolder);
    }

    @Override
    public String toString() {
        return "EmbeddedBroker[" + serverUri() + (persistent() ? ", persistent" : ", in memory") + "]";
    }

    // ---- start-up -----------------------------------------------------------------------------------------------

    private void checkListeners() throws IOException {
        List<ListenerInfo> expected = new ArrayList<>();
        expected.add(new ListenerInfo(TLS_LISTENER_NAME, ListenerType.TLS_TCP_LISTENER.name(), settings.bindAddress(),
                port));
        plainTcpPort.ifPresent(p -> expected.add(new ListenerInfo(PLAIN_LISTENER_NAME,
                ListenerType.TCP_LISTENER.name(), settings.bindAddress(), p)));
        expected.sort(Comparator.comparing(ListenerInfo::name));
        List<ListenerInfo> actual = listeners();
        if (!actual.equals(expected)) {
            close();
            throw new IOException("HiveMQ did not open the listeners it was configured with (is the port taken?):"
                    + " expected " + expected + ", got " + actual);
        }
    }

    private static String configuration(Settings settings, int tlsPort, OptionalInt plainPort, Path keystore,
            String keystorePassword, Path truststore, String truststorePassword) {
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<hivemq>\n  <listeners>\n");
        xml.append("    <tls-tcp-listener>\n");
        xml.append("      <port>").append(tlsPort).append("</port>\n");
        xml.append("      <bind-address>").append(escape(settings.bindAddress())).append("</bind-address>\n");
        xml.append("      <name>").append(TLS_LISTENER_NAME).append("</name>\n");
        xml.append("      <tls>\n");
        xml.append("        <keystore>\n");
        xml.append("          <path>").append(escape(keystore.toString())).append("</path>\n");
        xml.append("          <password>").append(keystorePassword).append("</password>\n");
        xml.append("          <private-key-password>").append(keystorePassword).append("</private-key-password>\n");
        xml.append("        </keystore>\n");
        xml.append("        <truststore>\n");
        xml.append("          <path>").append(escape(truststore.toString())).append("</path>\n");
        xml.append("          <password>").append(truststorePassword).append("</password>\n");
        xml.append("        </truststore>\n");
        xml.append("        <protocols><protocol>TLSv1.3</protocol><protocol>TLSv1.2</protocol></protocols>\n");
        xml.append("        <client-authentication-mode>REQUIRED</client-authentication-mode>\n");
        xml.append("      </tls>\n");
        xml.append("    </tls-tcp-listener>\n");
        plainPort.ifPresent(p -> xml.append("    <tcp-listener>\n")
                .append("      <port>").append(p).append("</port>\n")
                .append("      <bind-address>").append(escape(settings.bindAddress())).append("</bind-address>\n")
                .append("      <name>").append(PLAIN_LISTENER_NAME).append("</name>\n")
                .append("    </tcp-listener>\n"));
        xml.append("  </listeners>\n");
        xml.append("  <mqtt>\n");
        xml.append("    <queued-messages><max-queue-size>").append(MAX_QUEUED_MESSAGES)
                .append("</max-queue-size><strategy>discard</strategy></queued-messages>\n");
        xml.append("    <session-expiry><max-interval>").append(MAX_SESSION_EXPIRY_SECONDS)
                .append("</max-interval></session-expiry>\n");
        xml.append("    <packets><max-packet-size>").append(MAX_PACKET_SIZE).append("</max-packet-size></packets>\n");
        xml.append("    <receive-maximum><server-receive-maximum>").append(RECEIVE_MAXIMUM)
                .append("</server-receive-maximum></receive-maximum>\n");
        xml.append("  </mqtt>\n");
        xml.append("  <security><allow-empty-client-id><enabled>false</enabled></allow-empty-client-id></security>\n");
        xml.append("  <persistence><mode>").append(settings.dataFolder() == null ? "in-memory" : "file")
                .append("</mode></persistence>\n");
        // an offline HQ does not phone home
        xml.append("  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>\n");
        xml.append("</hivemq>\n");
        return xml.toString();
    }

    /** Checks the configuration against the schema inside HiveMQ's jar, which HiveMQ itself does not do. */
    static void validate(String config) throws IOException {
        try (InputStream schema = EmbeddedHiveMQ.class.getClassLoader().getResourceAsStream("config.xsd")) {
            if (schema == null) {
                throw new IOException("HiveMQ's config.xsd is not on the class path; cannot check the configuration");
            }
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.newSchema(new StreamSource(schema)).newValidator()
                    .validate(new StreamSource(new StringReader(config)));
        } catch (SAXException e) {
            throw new IOException("the broker configuration does not match HiveMQ's schema: " + e.getMessage(), e);
        }
    }

    private static void verifyCrl(X509CRL crl, X509Certificate ca, X509CRL inForce) throws GeneralSecurityException {
        if (!crl.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            throw new GeneralSecurityException("the CRL was issued by " + crl.getIssuerX500Principal().getName()
                    + ", not by the device CA " + ca.getSubjectX500Principal().getName());
        }
        // Bouncy Castle as an object, never installed: SM2 CRLs verify too, and the JVM's providers stay as they are
        crl.verify(ca.getPublicKey(), new BouncyCastleProvider());
        if (inForce != null && crl.getThisUpdate().before(inForce.getThisUpdate())) {
            throw new GeneralSecurityException("the CRL of " + crl.getThisUpdate()
                    + " is older than the one in force (" + inForce.getThisUpdate() + ")");
        }
    }

    private static void store(KeyStore keyStore, Path file, String password) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore.store(out, password.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static int freePort(String bindAddress) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), 0));
            return socket.getLocalPort();
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String uriHost(String address) {
        return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    private static void stopQuietly(EmbeddedHiveMQ hive) {
        if (hive == null) {
            return;
        }
        try {
            hive.close();
        } catch (ExecutionException | RuntimeException e) {
            // stopping is best effort; the process may be on its way out
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a temporary folder the OS cleans up eventually
        }
    }
}
