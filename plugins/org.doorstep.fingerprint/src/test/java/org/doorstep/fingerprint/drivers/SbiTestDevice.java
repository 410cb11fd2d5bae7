package org.doorstep.fingerprint.drivers;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.doorstep.fingerprint.FingerPosition;
import org.doorstep.fingerprint.FingerprintImageException;
import org.doorstep.fingerprint.TestImages;
import org.doorstep.fingerprint.iso.Compression;
import org.doorstep.fingerprint.iso.FingerImageRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fingerprint device service for tests, speaking the SBI protocol as {@link SbiDriver} expects a real one to
 * (discovery, device info, registration capture, unsigned "developer" tokens), on 127.0.0.1 at the first free
 * port in 4501–4600. It serves real finger images from the test resources as ISO/IEC 19794-4 records, and can be
 * told to misbehave, endpoint by endpoint.
 */
public final class SbiTestDevice implements AutoCloseable {

    public enum Mode {
        NORMAL,
        /** Not JSON at all: an HTML page with binary bytes. */
        GARBAGE,
        /** Valid JSON without the protocol's fields. */
        WRONG_FIELDS,
        HTTP_500,
        /** Accepts the request and never answers. */
        HANG,
        /** Sends far more than any answer may be. */
        HUGE,
        /** The protocol's error object: "101 Unable to detect a biometric object". */
        DEVICE_ERROR,
        /** A well-formed answer whose bioValue is a record cut in half (with a hash that fits it). */
        BAD_IMAGE,
        /** A well-formed answer whose hash does not fit the image. */
        TAMPERED_HASH,
        /** The left thumb, whatever was asked for. */
        WRONG_FINGER,
        /** Discovery says the device is busy. */
        NOT_READY
    }

    public static final String SERIAL = "DS-TEST-0001";
    public static final String MODEL = "TestScanner 500";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ObjectMapper json = new ObjectMapper();
    private final Map<FingerPosition, String> images = new EnumMap<>(FingerPosition.class);
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Mode discovery = Mode.NORMAL;
    private volatile Mode info = Mode.NORMAL;
    private volatile Mode capture = Mode.NORMAL;
    private volatile Mode stream = Mode.NORMAL;

    private SbiTestDevice(HttpServer server) {
        this.server = server;
        for (FingerPosition p : FingerPosition.values()) {
            images.put(p, "nonmatching.png");
        }
        images.put(FingerPosition.RIGHT_INDEX, "probe.png");
        images.put(FingerPosition.RIGHT_THUMB, "matching.png"); // the right index again: a same-finger case
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static SbiTestDevice start() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int port = SbiOptions.FIRST_PORT; port <= SbiOptions.LAST_PORT; port++) {
            try {
                return new SbiTestDevice(HttpServer.create(new InetSocketAddress(loopback, port), 0));
            } catch (BindException taken) {
                // another service has it; SBI services take the next free port too
            }
        }
        throw new IOException("no free port in " + SbiOptions.FIRST_PORT + "–" + SbiOptions.LAST_PORT);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Options that search only this device's port, with short timeouts for tests. */
    public SbiOptions options() {
        return new SbiOptions(port(), port(), java.time.Duration.ofMillis(800), java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(1), 1024 * 1024, "Developer", 40, true);
    }

    public SbiTestDevice discovery(Mode mode) {
        discovery = mode;
        return this;
    }

    public SbiTestDevice info(Mode mode) {
        info = mode;
        return this;
    }

    public SbiTestDevice capture(Mode mode) {
        capture = mode;
        return this;
    }

    /** How the live preview (STREAM) answers: NORMAL streams M-JPEG; HTTP_500 and GARBAGE refuse. */
    public SbiTestDevice stream(Mode mode) {
        stream = mode;
        return this;
    }

    /** "METHOD /path" of every request received. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            requests.add(call);
            byte[] body = exchange.getRequestBody().readAllBytes();
            switch (call) {
                case "MOSIPDISC /device" -> answer(exchange, discovery, () -> discoveryAnswer(discovery));
                case "MOSIPDINFO /info" -> answer(exchange, info, this::infoAnswer);
                case "RCAPTURE /capture" -> answer(exchange, capture, () -> captureAnswer(json.readTree(body)));
                case "STREAM /stream" -> {
                    if (stream == Mode.NORMAL) {
                        streamFrames(exchange);
                    } else {
                        answer(exchange, stream, () -> Map.of("error", error("601", "no stream")));
                    }
                }
                default -> send(exchange, 405, "text/plain", "no such SBI call".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private interface Answer {
        Object make() throws Exception;
    }

    private void answer(HttpExchange exchange, Mode mode, Answer normal) throws IOException {
        switch (mode) {
            case GARBAGE -> send(exchange, 200, "text/html",
                    "<html><body>It works!</body></html>\u0000\u00ff\u00fe".getBytes(StandardCharsets.ISO_8859_1));
            case HTTP_500 -> send(exchange, 500, "text/plain", "internal error".getBytes(StandardCharsets.UTF_8));
            case HANG -> {
                try {
                    closed.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case HUGE -> {
                exchange.sendResponseHeaders(200, 0); // chunked
                try (OutputStream out = exchange.getResponseBody()) {
                    byte[] chunk = new byte[64 * 1024];
                    java.util.Arrays.fill(chunk, (byte) ' ');
                    for (int i = 0; i < 320; i++) { // 20 MiB of blanks, a JSON document that never starts
                        out.write(chunk);
                    }
                } catch (IOException clientGaveUp) {
                    // expected: the client stops reading at its limit
                }
            }
            default -> {
                try {
                    send(exchange, 200, "application/json", json.writeValueAsBytes(normal.make()));
                } catch (Exception e) {
                    send(exchange, 400, "text/plain", String.valueOf(e).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }

    private Object discoveryAnswer(Mode mode) {
        if (mode == Mode.WRONG_FIELDS) {
            return List.of(Map.of("id", 4, "status", "ok"));
        }
        ObjectNode d = json.createObjectNode();
        d.put("deviceId", "4");
        d.put("deviceStatus", mode == Mode.NOT_READY ? "Busy" : "Ready");
        d.put("certification", "L0");
        d.put("serviceVersion", "1.0");
        d.putArray("deviceSubId").add("0");
        d.put("callbackId", "http://127.0.0.1:" + port() + "/");
        d.put("digitalId", base64Json(digitalId()));
        d.put("deviceCode", "b692b595-3523-slap-99fc-bd76e35f190f");
        d.putArray("specVersion").add("0.9.5");
        d.put("purpose", "Registration");
        d.set("error", error("0", "Success"));
        return List.of(d);
    }

    private Object infoAnswer() {
        if (info == Mode.WRONG_FIELDS) {
            return List.of(Map.of("info", "x"));
        }
        ObjectNode p = json.createObjectNode();
        p.putArray("specVersion").add("0.9.5");
        p.put("env", "Developer");
        p.put("digitalId", jws(digitalId()));
        p.put("deviceId", "4");
        p.put("deviceCode", "b692b595-3523-slap-99fc-bd76e35f190f");
        p.put("purpose", "Registration");
        p.put("serviceVersion", "1.0");
        p.put("deviceStatus", "Ready");
        p.put("firmware", "1.2.3");
        p.put("certification", "L0");
        p.putArray("deviceSubId").add("0");
        p.put("callbackId", "http://127.0.0.1:" + port() + "/");
        ObjectNode entry = json.createObjectNode();
        entry.put("deviceInfo", jws(p));
        entry.set("error", error("0", "Success"));
        return List.of(entry);
    }

    private Object captureAnswer(JsonNode request) throws Exception {
        if (capture == Mode.WRONG_FIELDS) {
            return Map.of("biometrics", List.of(Map.of("payload", "x")));
        }
        JsonNode bio = request.path("bio").get(0);
        FingerPosition asked = FingerPosition.ofSbiName(bio.path("bioSubType").get(0).asText()).orElseThrow();
        FingerPosition delivered = capture == Mode.WRONG_FINGER ? FingerPosition.LEFT_THUMB : asked;
        ObjectNode entry = json.createObjectNode();
        entry.put("specVersion", "0.9.5");
        if (capture == Mode.DEVICE_ERROR) {
            entry.put("data", "");
            entry.put("hash", "");
            entry.set("error", error("101", "Unable to detect a biometric object"));
            return Map.of("biometrics", List.of(entry));
        }
        byte[] record = record(delivered);
        if (capture == Mode.BAD_IMAGE) {
            record = java.util.Arrays.copyOf(record, record.length / 2);
        }
        String previous = bio.path("previousHash").asText();
        byte[] hashed = capture == Mode.TAMPERED_HASH ? java.util.Arrays.copyOf(record, record.length + 1) : record;
        ObjectNode data = json.createObjectNode();
        data.put("digitalId", jws(digitalId()));
        data.put("deviceCode", "b692b595-3523-slap-99fc-bd76e35f190f");
        data.put("deviceServiceVersion", "1.0");
        data.put("bioType", "Finger");
        data.put("bioSubType", delivered.sbiName());
        data.put("purpose", "Registration");
        data.put("env", request.path("env").asText());
        data.put("bioValue", Base64.getUrlEncoder().withoutPadding().encodeToString(record));
        data.put("transactionId", request.path("transactionId").asText());
        data.put("timestamp", Instant.now().toString());
        data.put("requestedScore", bio.path("requestedScore").asInt());
        data.put("qualityScore", 80);
        entry.put("data", jws(data));
        entry.put("hash", sha256Hex((previous + sha256Hex(hashed)).getBytes(StandardCharsets.UTF_8)));
        entry.set("error", error("0", "Success"));
        return Map.of("biometrics", List.of(entry));
    }

    /** M-JPEG, as SBI's STREAM sends a live preview: the probe print, a frame every 50 ms, until the client leaves. */
    private void streamFrames(HttpExchange exchange) throws IOException {
        byte[] jpeg = jpeg(TestImages.image("probe.png"));
        exchange.getResponseHeaders().set("Content-Type", "multipart/x-mixed-replace; boundary=frame");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 400 && closed.getCount() > 0; i++) {
                out.write(("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(jpeg);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(50);
            }
        } catch (IOException clientLeft) {
            // the preview was closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static byte[] jpeg(org.doorstep.fingerprint.FingerImage image) throws IOException {
        java.awt.image.BufferedImage grey = new java.awt.image.BufferedImage(image.width(), image.height(),
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setDataElements(0, 0, image.width(), image.height(), image.pixels());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(grey, "jpg", out);
        return out.toByteArray();
    }

    /** The image served for a finger as the device would send it: an ISO/IEC 19794-4 record, PNG inside. */
    public byte[] record(FingerPosition position) throws FingerprintImageException {
        return FingerImageRecord.of(Compression.PNG,
                List.of(new FingerImageRecord.Entry(TestImages.capture(images.get(position), position), 80))).toBytes();
    }

    public String imageOf(FingerPosition position) {
        return images.get(position);
    }

    private ObjectNode digitalId() {
        ObjectNode id = json.createObjectNode();
        id.put("serialNo", SERIAL);
        id.put("make", "Doorstep");
        id.put("model", MODEL);
        id.put("type", "Finger");
        id.put("deviceSubType", "Single");
        id.put("deviceProvider", "Doorstep tests");
        id.put("deviceProviderId", "doorstep.tests");
        id.put("dateTime", Instant.now().toString());
        return id;
    }

    private ObjectNode error(String code, String info) {
        ObjectNode e = json.createObjectNode();
        e.put("errorCode", code);
        e.put("errorInfo", info);
        return e;
    }

    /** An unsigned JWS, as a device that is not registered sends: header, payload, empty signature. */
    private String jws(JsonNode payload) {
        return base64Json(json.createObjectNode().put("alg", "none").put("typ", "JWT")) + "." + base64Json(payload) + ".";
    }

    private String base64Json(JsonNode node) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return java.util.HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
