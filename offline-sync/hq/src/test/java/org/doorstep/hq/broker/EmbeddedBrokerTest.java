package org.doorstep.hq.broker;

import static org.doorstep.hq.broker.TestLinks.PATIENCE;
import static org.doorstep.hq.broker.TestLinks.await;
import static org.doorstep.hq.broker.TestLinks.startAndAwait;
import static org.doorstep.hq.broker.TestLinks.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.doorstep.sync.link.LinkDownException;
import org.doorstep.sync.link.MqttLink;
import org.doorstep.sync.link.PublishRefusedException;
import org.doorstep.sync.link.TlsContexts;
import org.doorstep.sync.protocol.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded HiveMQ does what it was configured for — HiveMQ itself does not check its configuration file, so
 * every setting that matters is observed from outside: the listeners it opened, TLS with a client certificate as
 * the only way in, the client id bound to the certificate, CRL updates while running, and sessions kept in memory
 * only when asked. (Topic permissions, the packet limit and persistent sessions are in {@link BrokerContractTest}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedBrokerTest {

    private final BrokerPki pki = new BrokerPki();
    private EmbeddedBroker shared;

    private EmbeddedBroker shared() throws IOException {
        if (shared == null) {
            shared = EmbeddedBroker.start(EmbeddedBroker.Settings.loopback(pki.broker.key().getPrivate(),
                    List.of(pki.broker.certificate()), pki.caCertificate, pki.crl()));
        }
        return shared;
    }

    @AfterAll
    void stop() {
        if (shared != null) {
            shared.close();
        }
    }

    @Test
    void opensOnlyTheTlsListenerOnTheFreeLoopbackPortItReports() throws Exception {
        EmbeddedBroker broker = shared();
        assertTrue(broker.port() > 0);
        assertEquals("ssl://127.0.0.1:" + broker.port(), broker.serverUri());
        assertEquals(List.of(new EmbeddedBroker.ListenerInfo("doorstep-tls", "TLS_TCP_LISTENER", "127.0.0.1",
                broker.port())), broker.listeners());
        assertFalse(broker.plainTcpPort().isPresent());
        assertFalse(broker.persistent());
        String settings = EmbeddedBroker.Settings.loopback(pki.broker.key().getPrivate(),
                List.of(pki.broker.certificate()), pki.caCertificate, pki.crl()).toString();
        assertFalse(settings.toLowerCase(java.util.Locale.ROOT).contains("private"), settings);
    }

    @Test
    void plainMqttAndTlsWithoutAClientCertificateGetNoConnack() throws Exception {
        EmbeddedBroker broker = shared();
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), broker.port())) {
            assertFalse(isConnack(connect(plain, "dev-plain")), "plain MQTT must not be answered");
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(TlsContexts.trustStore(pki.caCertificate));
        SSLContext anonymous = SSLContext.getInstance("TLSv1.2");
        anonymous.init(null, trust.getTrustManagers(), null);
        try (SSLSocket tls = (SSLSocket) anonymous.getSocketFactory().createSocket("127.0.0.1", broker.port())) {
            byte[] answer;
            try {
                tls.startHandshake();
                answer = connect(tls, "dev-anonymous");
            } catch (IOException refused) {
                answer = new byte[0]; // the handshake itself was refused
            }
            assertFalse(isConnack(answer), "TLS without a client certificate must not be answered");
        }
    }

    @Test
    void theClientIdMustBeTheCertificatesCn() throws Exception {
        EmbeddedBroker broker = shared();
        BrokerPki.Identity device = pki.newDevice();
        BrokerPki.Identity other = pki.newDevice();
        TestLinks.Events events = new TestLinks.Events();
        try (MqttLink impostor = new MqttLink(MqttLink.Options.tls(broker.serverUri(), other.cn(), pki.tls(device))
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500)))) {
            impostor.addListener(events);
            impostor.start();
            await(() -> !events.failures.isEmpty(), "a refused attempt");
            assertTrue(events.failures.get(0).contains("client identifier not valid (133)"), events.failures.toString());
            assertEquals(0, events.connects.get());
        }
    }

    @Test
    void aNewCrlEndsTheConnectionOfARevokedDeviceAndKeepsItOut() throws Exception {
        EmbeddedBroker broker = shared();
        BrokerPki.Identity device = pki.newDevice();
        TestLinks.Events events = new TestLinks.Events();
        try (MqttLink laptop = new MqttLink(MqttLink.Options.tls(broker.serverUri(), device.cn(), pki.tls(device))
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500)))) {
            laptop.addListener(events);
            startAndAwait(laptop, events);
            pki.revoke(device);
            assertEquals(1, broker.updateCrl(pki.crl()));
            await(() -> events.disconnects.get() >= 1 && !events.failures.isEmpty(), "disconnect and a refused return");
            assertTrue(events.failures.get(0).contains("revoked"), events.failures.toString());
            assertThrows(LinkDownException.class, () -> laptop.publish(Topics.of(device.cn(), Topics.HEARTBEAT),
                    utf8("still here?")));
        }
    }

    @Test
    void aCrlFromAnotherCaOrOlderThanTheOneInForceIsRefused() throws Exception {
        EmbeddedBroker broker = shared();
        assertThrows(GeneralSecurityException.class, () -> broker.updateCrl(new BrokerPki().crl()));
        java.security.cert.X509CRL older = pki.crl();
        Thread.sleep(1_100); // CRL times have whole seconds
        java.security.cert.X509CRL newer = pki.crl();
        broker.updateCrl(newer);
        assertThrows(GeneralSecurityException.class, () -> broker.updateCrl(older));
        assertEquals(newer, broker.crl());
    }

    @Test
    void theBenchmarkListenerOpensOnlyWhenAskedAndStillConfinesClientsToTheirTopics(@TempDir Path data)
            throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Settings.loopback(
                pki.broker.key().getPrivate(), List.of(pki.broker.certificate()), pki.caCertificate, pki.crl())
                .withPlainTcpListenerForBenchmarks(0).withPersistenceIn(data))) {
            int plainPort = broker.plainTcpPort().orElseThrow();
            assertEquals(List.of(
                    new EmbeddedBroker.ListenerInfo("benchmark-plain-tcp", "TCP_LISTENER", "127.0.0.1", plainPort),
                    new EmbeddedBroker.ListenerInfo("doorstep-tls", "TLS_TCP_LISTENER", "127.0.0.1", broker.port())),
                    broker.listeners());
            assertTrue(broker.persistent());
            assertTrue(Files.list(data).findAny().isPresent(), "HiveMQ keeps its sessions in the data folder");

            TestLinks.Events events = new TestLinks.Events();
            try (MqttLink bench = new MqttLink(MqttLink.Options.plainTcpForBenchmarks("tcp://127.0.0.1:" + plainPort,
                    "bench-device-1"))) {
                bench.addListener(events);
                startAndAwait(bench, events);
                bench.publish(Topics.of("bench-device-1", Topics.CHUNK), new byte[1024]);
                PublishRefusedException refused = assertThrows(PublishRefusedException.class,
                        () -> bench.publish(Topics.of("bench-device-2", Topics.CHUNK), new byte[1024]));
                assertEquals(135, refused.reasonCode());
            }
        }
    }

    @Test
    void inMemorySessionsDoNotOutliveTheBroker() throws Exception {
        EmbeddedBroker broker = shared();
        BrokerPki.Identity device = pki.newDevice();
        TestLinks.Events events = new TestLinks.Events();
        try (MqttLink laptop = link(broker, device, events)) {
            laptop.subscribe(Topics.down(device.cn()), new Inbox());
            startAndAwait(laptop, events);
        }
        BrokerPki.Identity hqConsole = pki.enrol("hq-console");
        TestLinks.Events consoleEvents = new TestLinks.Events();
        try (MqttLink hq = link(broker, hqConsole, consoleEvents)) {
            startAndAwait(hq, consoleEvents);
            hq.publish(Topics.of(device.cn(), Topics.COMMAND), utf8("lost with the broker"));
        }

        // a restart is a new instance on the same port (HiveMQ cannot start one twice)
        int port = broker.port();
        broker.close();
        shared = EmbeddedBroker.start(EmbeddedBroker.Settings.loopback(pki.broker.key().getPrivate(),
                List.of(pki.broker.certificate()), pki.caCertificate, pki.crl()).withAddress("127.0.0.1", port));
        Inbox inbox = new Inbox();
        TestLinks.Events again = new TestLinks.Events();
        try (MqttLink laptop = link(shared, device, again)) {
            laptop.subscribe(Topics.down(device.cn()), inbox);
            startAndAwait(laptop, again);
            assertEquals(List.of(false), again.sessionPresent, "an in-memory broker forgets its sessions");
            // a message sent now arrives, so nothing older is still on its way
            TestLinks.Events afterEvents = new TestLinks.Events();
            try (MqttLink hq = link(shared, hqConsole, afterEvents)) {
                startAndAwait(hq, afterEvents);
                hq.publish(Topics.of(device.cn(), Topics.COMMAND), utf8("after the restart"));
            }
            inbox.await(Topics.of(device.cn(), Topics.COMMAND), "after the restart", PATIENCE);
            assertEquals(1, inbox.messages().size(), inbox.messages().toString());
        }
    }

    @Test
    void aConfigurationHiveMqWouldSilentlyMisreadIsRejected() {
        IOException misspelt = assertThrows(IOException.class,
                () -> EmbeddedBroker.validate("<hivemq><listeners><tls-tcp-listener><port>1</port>"
                        + "<bind-adress>127.0.0.1</bind-adress></tls-tcp-listener></listeners></hivemq>"));
        assertTrue(misspelt.getMessage().contains("bind-adress"), misspelt.getMessage());
    }

    private MqttLink link(EmbeddedBroker broker, BrokerPki.Identity identity, TestLinks.Events events) {
        MqttLink link = new MqttLink(MqttLink.Options.tls(broker.serverUri(), identity.cn(), pki.tls(identity))
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500)));
        link.addListener(events);
        return link;
    }

    /** Sends an MQTT 3.1.1 CONNECT and returns the first bytes of the answer (none if the broker stays silent). */
    private static byte[] connect(Socket socket, String clientId) throws IOException {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        byte[] variable = {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60};
        OutputStream out = socket.getOutputStream();
        out.write(0x10);
        out.write(variable.length + 2 + id.length);
        out.write(variable);
        out.write(id.length >> 8);
        out.write(id.length & 0xff);
        out.write(id);
        out.flush();
        socket.setSoTimeout(3_000);
        byte[] answer = new byte[4];
        int read = 0;
        try {
            InputStream in = socket.getInputStream();
            while (read < answer.length) {
                int n = in.read(answer, read, answer.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
        } catch (SocketTimeoutException | java.net.SocketException silent) {
            // no answer
        }
        return java.util.Arrays.copyOf(answer, read);
    }

    private static boolean isConnack(byte[] answer) {
        return answer.length >= 2 && answer[0] == 0x20;
    }
}
