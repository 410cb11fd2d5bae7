package org.doorstep.hq.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.Executors;

import org.bouncycastle.cert.X509CertificateHolder;
import org.doorstep.sync.pki.DeviceCa;
import org.doorstep.sync.pki.EnrolmentBundle;
import org.doorstep.sync.pki.EnrolmentRefusedException;
import org.doorstep.sync.pki.Pem;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Where a laptop enrols: {@code POST /v1/enrol} with its certificate request (PKCS#10, PEM or DER, proving a
 * one-time code in its challenge password) answers with the enrolment bundle (its certificate, the CA, HQ's
 * encryption and signing certificates, the broker's address). Nothing secret crosses: the request is public and
 * proves the code without revealing it, and the laptop accepts the bundle only if its CA matches the
 * fingerprint the administrator gave with the code, so a man in the middle can neither enrol nor substitute
 * HQ's keys. Plain HTTP on the local HQ; a production HQ puts this behind its TLS front end.
 */
public final class EnrolmentServer implements AutoCloseable {

    public static final String PATH = "/v1/enrol";
    private static final int MAX_REQUEST = 64 * 1024;

    private final HttpServer server;

    private EnrolmentServer(HttpServer server) {
        this.server = server;
    }

    public static EnrolmentServer start(InetSocketAddress address, DeviceCa ca, X509CertificateHolder hqEncryption,
            X509CertificateHolder hqSigning, URI broker) throws IOException {
        Objects.requireNonNull(ca, "ca");
        HttpServer server = HttpServer.create(address, 16);
        server.createContext(PATH, exchange -> {
            try (exchange) {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    send(exchange, 405, "send the certificate request with POST");
                    return;
                }
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readNBytes(MAX_REQUEST + 1);
                }
                if (body.length == 0 || body.length > MAX_REQUEST) {
                    send(exchange, 400, "a certificate request has 1 to " + MAX_REQUEST + " bytes");
                    return;
                }
                byte[] der;
                try {
                    String text = new String(body, StandardCharsets.US_ASCII);
                    der = text.contains("-----BEGIN") ? Pem.decode("CERTIFICATE REQUEST", text) : body;
                } catch (IllegalArgumentException e) {
                    send(exchange, 400, "the certificate request is not readable PEM: " + e.getMessage());
                    return;
                }
                try {
                    X509CertificateHolder certificate = ca.enrol(der);
                    EnrolmentBundle bundle = new EnrolmentBundle(certificate, ca.certificate(), hqEncryption, hqSigning,
                            broker);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    byte[] json = bundle.toJson();
                    exchange.sendResponseHeaders(200, json.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(json);
                    }
                } catch (EnrolmentRefusedException e) {
                    send(exchange, 403, "enrolment refused: " + e.getMessage());
                }
            } catch (RuntimeException e) {
                // never leave a laptop hanging without an answer
                send(exchange, 500, "HQ could not enrol the laptop: " + e.getMessage());
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "doorstep-enrolment");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new EnrolmentServer(server);
    }

    private static void send(HttpExchange exchange, int status, String message) {
        try {
            byte[] text = (message + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, text.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(text);
            }
        } catch (IOException e) {
            // the laptop went away; it will try again
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI uri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + port() + PATH);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
