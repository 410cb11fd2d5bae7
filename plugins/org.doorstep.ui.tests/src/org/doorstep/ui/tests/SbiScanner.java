package org.doorstep.ui.tests;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.doorstep.fingerprint.FingerPosition;
import org.doorstep.fingerprint.drivers.ImageImportDriver;
import org.doorstep.fingerprint.drivers.SbiOptions;
import org.doorstep.fingerprint.iso.Compression;
import org.doorstep.fingerprint.iso.FingerImageRecord;

/**
 * A fingerprint device service inside the test, speaking the SBI protocol (discovery, device info, registration
 * capture with unsigned "developer" tokens and the hash chain) on 127.0.0.1 at the first free port of 4501–4600,
 * as a scanner's own service would; the product finds it with its ordinary search. It serves one of the test's
 * real finger images (as an ISO/IEC 19794-4 record) for whatever finger is asked, and the same print as a live
 * preview (SBI {@code STREAM}, M-JPEG). It is a test double of the
 * device, declared as such in its answers ("Doorstep tests"), never shipped; the fingerprint module's
 * {@code SbiTestDevice} does the same with every way a device can misbehave.
 */
final class SbiScanner implements AutoCloseable {

    static final String MODEL = "UiTestScanner 500";
    static final String SERIAL = "DS-UI-0001";

    private final ServerSocket server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final byte[] image;
    private final byte[] jpeg;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private SbiScanner(ServerSocket server, byte[] image) {
        this.server = server;
        this.image = image;
        this.jpeg = jpeg(image);
        Thread acceptor = new Thread(this::accept, "sbi-test-scanner-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A small HTTP/1.1 server (one request per connection), enough for the SBI client's custom methods. */
    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                executor.execute(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            BufferedInputStream in = new BufferedInputStream(socket.getInputStream());
            String requestLine = line(in);
            int length = 0;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring(15).strip());
                }
            }
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            String[] parts = requestLine.split(" ");
            if (requestLine.startsWith("STREAM /stream")) {
                requests.add("STREAM /stream");
                streamFrames(socket.getOutputStream());
                return;
            }
            int status = 200;
            String answer;
            try {
                answer = handle(parts[0] + " " + (parts.length > 1 ? parts[1] : ""), body);
                if (answer == null) {
                    status = 405;
                    answer = "no such SBI call";
                }
            } catch (Exception e) {
                status = 400;
                answer = String.valueOf(e);
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 " + status + (status == 200 ? " OK" : " Error") + "\r\nContent-Type: application/json"
                    + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        } catch (IOException | RuntimeException e) {
            // a client that went away; the next request gets a new connection
        }
    }

    /** SBI's live preview: M-JPEG, the served print as a frame every 100 ms, until the product closes it. */
    private void streamFrames(OutputStream out) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=frame\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 1200 && !server.isClosed(); i++) {
            out.write(("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(jpeg);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The served image as a JPEG (SWT's encoder; a grey PNG is widened to 24 bits first). */
    private static byte[] jpeg(byte[] png) {
        org.eclipse.swt.graphics.ImageData grey = new org.eclipse.swt.graphics.ImageData(new java.io.ByteArrayInputStream(png));
        org.eclipse.swt.graphics.ImageData rgb = new org.eclipse.swt.graphics.ImageData(grey.width, grey.height, 24,
                new org.eclipse.swt.graphics.PaletteData(0xFF0000, 0xFF00, 0xFF));
        for (int y = 0; y < grey.height; y++) {
            for (int x = 0; x < grey.width; x++) {
                org.eclipse.swt.graphics.RGB c = grey.palette.getRGB(grey.getPixel(x, y));
                rgb.setPixel(x, y, (c.red << 16) | (c.green << 8) | c.blue);
            }
        }
        org.eclipse.swt.graphics.ImageLoader loader = new org.eclipse.swt.graphics.ImageLoader();
        loader.data = new org.eclipse.swt.graphics.ImageData[] { rgb };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        loader.save(out, org.eclipse.swt.SWT.IMAGE_JPEG);
        return out.toByteArray();
    }

    private static String line(BufferedInputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    /** Starts the service serving {@code imageResource} (a test image) for every capture. */
    static SbiScanner start(String imageResource) throws IOException {
        byte[] image;
        try (InputStream in = SbiScanner.class.getResourceAsStream("testdata/" + imageResource)) {
            image = in.readAllBytes();
        }
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int port = SbiOptions.FIRST_PORT; port <= SbiOptions.LAST_PORT; port++) {
            try {
                ServerSocket socket = new ServerSocket();
                try {
                    socket.bind(new InetSocketAddress(loopback, port));
                } catch (IOException e) {
                    socket.close();
                    throw e;
                }
                return new SbiScanner(socket, image);
            } catch (BindException taken) {
                // SBI services take the next free port
            }
        }
        throw new IOException("no free port in " + SbiOptions.FIRST_PORT + "–" + SbiOptions.LAST_PORT);
    }

    int port() {
        return server.getLocalPort();
    }

    /** "METHOD /path" of every request received. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private String handle(String call, String body) throws Exception {
        requests.add(call);
        return switch (call) {
            case "MOSIPDISC /device" -> "[{\"deviceId\":\"4\",\"deviceStatus\":\"Ready\",\"certification\":\"L0\","
                    + "\"serviceVersion\":\"1.0\",\"deviceSubId\":[\"0\"],\"digitalId\":\"" + b64(digitalId())
                    + "\",\"specVersion\":[\"0.9.5\"],\"purpose\":\"Registration\",\"error\":" + ok() + "}]";
            case "MOSIPDINFO /info" -> "[{\"deviceInfo\":\"" + jws("{\"specVersion\":[\"0.9.5\"],\"env\":\"Developer\","
                    + "\"digitalId\":\"" + jws(digitalId()) + "\",\"deviceId\":\"4\",\"purpose\":\"Registration\","
                    + "\"deviceStatus\":\"Ready\",\"firmware\":\"1.0.0\",\"certification\":\"L0\","
                    + "\"deviceSubId\":[\"0\"]}") + "\",\"error\":" + ok() + "}]";
            case "RCAPTURE /capture" -> capture(body);
            default -> null;
        };
    }

    private String capture(String request) throws Exception {
        String finger = field(request, "bioSubType\"\\s*:\\s*\\[\\s*\"([^\"]+)\"");
        FingerPosition position = FingerPosition.ofSbiName(finger).orElseThrow();
        byte[] record = FingerImageRecord.of(Compression.PNG, List.of(new FingerImageRecord.Entry(
                new ImageImportDriver(p -> java.util.Optional.empty()).importBytes(position, image, "scanner"), 80)))
                .toBytes();
        String previous = field(request, "previousHash\"\\s*:\\s*\"([^\"]*)\"");
        String data = "{\"digitalId\":\"" + jws(digitalId()) + "\",\"bioType\":\"Finger\",\"bioSubType\":\"" + finger
                + "\",\"purpose\":\"Registration\",\"env\":\"Developer\",\"bioValue\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(record) + "\",\"transactionId\":\""
                + field(request, "transactionId\"\\s*:\\s*\"([^\"]+)\"") + "\",\"timestamp\":\"" + Instant.now()
                + "\",\"qualityScore\":80}";
        return "{\"biometrics\":[{\"specVersion\":\"0.9.5\",\"data\":\"" + jws(data) + "\",\"hash\":\""
                + sha256Hex((previous + sha256Hex(record)).getBytes(StandardCharsets.UTF_8)) + "\",\"error\":" + ok()
                + "}]}";
    }

    private static String digitalId() {
        return "{\"serialNo\":\"" + SERIAL + "\",\"make\":\"Doorstep\",\"model\":\"" + MODEL + "\",\"type\":\"Finger\","
                + "\"deviceSubType\":\"Single\",\"deviceProvider\":\"Doorstep tests\",\"dateTime\":\"" + Instant.now() + "\"}";
    }

    private static String ok() {
        return "{\"errorCode\":\"0\",\"errorInfo\":\"Success\"}";
    }

    private static String field(String json, String regex) {
        Matcher m = Pattern.compile(regex).matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("the request has no " + regex);
        }
        return m.group(1);
    }

    /** An unsigned JWS, as a device that is not registered sends: header, payload, empty signature. */
    private static String jws(String payload) {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(payload) + ".";
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing a listening socket of the test's own
        }
        executor.shutdownNow();
    }
}
