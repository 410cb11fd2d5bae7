package org.doorstep.sync.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker honours our CRL: a real Mosquitto, configured for mutual TLS with a certificate from the device CA,
 * lets a valid device connect (its CN becomes the user name) and refuses a revoked one. Plain JDK TLS on the
 * client side and a hand-made MQTT 3.1.1 CONNECT, so that no MQTT client library is needed for this proof.
 */
class MosquittoTlsTest {

    private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
    private static final byte[] CONNACK_ACCEPTED = {0x20, 0x02, 0x00, 0x00};

    @TempDir
    Path dir;
    private int port;

    @Test
    void brokerAcceptsValidDeviceAndRefusesRevokedOne() throws Exception {
        assumeTrue(Files.isExecutable(MOSQUITTO), "mosquitto is not installed");
        // the broker judges certificates and the CRL by the real clock
        TestPki pki = new TestPki(PkiSuite.INTL, Instant.now());
        TestPki.Enrolled valid = pki.enrolNewDevice();
        TestPki.Enrolled revoked = pki.enrolNewDevice();
        pki.ca.revoke(revoked.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE);

        Process broker = startBroker(pki);
        try {
            assertArrayEquals(CONNACK_ACCEPTED, connect(pki, valid, port), "valid device must connect");
            IOException refusal = assertThrows(IOException.class, () -> connect(pki, revoked, port),
                    "revoked device must be refused");
            broker.destroy(); // SIGTERM: Mosquitto flushes its log and exits
            broker.waitFor(10, TimeUnit.SECONDS);
            String log = Files.readString(dir.resolve("mosquitto.out"));
            assertTrue(log.contains("as " + valid.deviceId()) || log.contains("u'" + valid.deviceId() + "'"), log);
            // Mosquitto's log only says "certificate verify failed"; the TLS alert it sends names the cause
            assertTrue(String.valueOf(refusal.getMessage()).contains("certificate_revoked"), refusal.toString());
            System.out.println("[mosquitto] revoked device refused: " + refusal);
            log.lines().filter(l -> l.contains("verify failed") || l.contains("as " + valid.deviceId()))
                    .forEach(l -> System.out.println("[mosquitto] " + l));
        } finally {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void runningBrokerAppliesNewCrlOnlyAfterSighup() throws Exception {
        assumeTrue(Files.isExecutable(MOSQUITTO), "mosquitto is not installed");
        TestPki pki = new TestPki(PkiSuite.INTL, Instant.now());
        TestPki.Enrolled device = pki.enrolNewDevice();
        Process broker = startBroker(pki);
        try {
            assertArrayEquals(CONNACK_ACCEPTED, connect(pki, device, port), "device must connect before revocation");
            pki.ca.revoke(device.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE);
            write("crl.pem", Pem.encode("X509 CRL", pki.ca.crl().getEncoded()));
            // a running broker keeps the CRL it loaded: publishing the file alone changes nothing
            assertArrayEquals(CONNACK_ACCEPTED, connect(pki, device, port), "the broker re-read its CRL unasked");
            Process hangUp = new ProcessBuilder("kill", "-HUP", Long.toString(broker.pid())).start();
            assertTrue(hangUp.waitFor(5, TimeUnit.SECONDS) && hangUp.exitValue() == 0, "kill -HUP failed");
            // Under TLS 1.3 the broker judges the client certificate after the handshake, so a refused client may
            // first see a broken pipe or a reset (it wrote CONNECT into a closed socket) instead of the alert;
            // keep connecting until the broker's reason comes through.
            IOException refusal = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!saysRevoked(refusal) && System.nanoTime() < deadline) {
                try {
                    connect(pki, device, port);
                } catch (IOException e) {
                    refusal = e;
                }
                Thread.sleep(50);
            }
            assertTrue(refusal != null && String.valueOf(refusal.getMessage()).contains("certificate_revoked"),
                    "after SIGHUP the new CRL must apply: " + refusal);
            System.out.println("[mosquitto] after a new CRL and SIGHUP: " + refusal);
        } finally {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static boolean saysRevoked(IOException e) {
        return e != null && String.valueOf(e.getMessage()).contains("certificate_revoked");
    }

    /**
     * A real Mosquitto on a free loopback port, for mutual TLS with a broker certificate from our CA and the CA's
     * current CRL; its log goes to mosquitto.out.
     */
    private Process startBroker(TestPki pki) throws Exception {
        KeyPair brokerKey = pki.newKey();
        X509CertificateHolder brokerCert = pki.ca.issueServerCertificate(brokerKey.getPublic(), "broker",
                List.of("127.0.0.1", "localhost"));
        write("ca.pem", Pem.encode("CERTIFICATE", pki.ca.certificate().getEncoded()));
        write("broker.pem", Pem.encode("CERTIFICATE", brokerCert.getEncoded()));
        write("broker.key", Pem.encode("PRIVATE KEY", brokerKey.getPrivate().getEncoded()));
        write("crl.pem", Pem.encode("X509 CRL", pki.ca.crl().getEncoded()));
        port = freePort();
        write("mosquitto.conf", String.join("\n",
                "per_listener_settings false",
                "allow_anonymous false",
                "log_dest stdout",
                "log_type all",
                "listener " + port + " 127.0.0.1",
                "cafile " + dir.resolve("ca.pem"),
                "certfile " + dir.resolve("broker.pem"),
                "keyfile " + dir.resolve("broker.key"),
                "crlfile " + dir.resolve("crl.pem"),
                "require_certificate true",
                "use_identity_as_username true",
                "tls_version tlsv1.2",
                ""));
        // Mosquitto started as root drops to user 'mosquitto' before reading these files (see MQTT.md)
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        Process broker = new ProcessBuilder(MOSQUITTO.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        awaitListening(port, broker);
        return broker;
    }

    /** TLS handshake with the device's certificate, MQTT CONNECT, and the first four bytes the broker answers. */
    private static byte[] connect(TestPki pki, TestPki.Enrolled device, int port) throws Exception {
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        Certificate deviceCert = x509.generateCertificate(new ByteArrayInputStream(device.certificate().getEncoded()));
        Certificate caCert = x509.generateCertificate(new ByteArrayInputStream(pki.ca.certificate().getEncoded()));
        PrivateKey key = KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(device.key().getPrivate().getEncoded()));
        char[] password = "in-memory".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("device", key, password, new Certificate[] {deviceCert, caCert});
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", caCert);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(mqttConnect(device.deviceId()));
            out.flush();
            byte[] answer = new byte[4];
            new DataInputStream(socket.getInputStream()).readFully(answer);
            return answer;
        }
    }

    private static byte[] mqttConnect(String clientId) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60});
        body.write(id.length >> 8);
        body.write(id.length & 0xff);
        body.writeBytes(id);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        packet.write(body.size()); // < 128 for our ids
        packet.writeBytes(body.toByteArray());
        return packet.toByteArray();
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening(int port, Process broker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!broker.isAlive()) {
                throw new IllegalStateException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.out")));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("mosquitto did not listen on " + port);
    }

}
