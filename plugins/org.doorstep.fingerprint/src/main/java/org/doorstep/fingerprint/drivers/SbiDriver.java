package org.doorstep.fingerprint.drivers;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.doorstep.fingerprint.DriverInfo;
import org.doorstep.fingerprint.FingerCapture;
import org.doorstep.fingerprint.FingerImage;
import org.doorstep.fingerprint.FingerPosition;
import org.doorstep.fingerprint.FingerprintDeviceException;
import org.doorstep.fingerprint.FingerprintDriver;
import org.doorstep.fingerprint.FingerprintImageException;
import org.doorstep.fingerprint.SourceKind;
import org.doorstep.fingerprint.iso.FingerImageRecord;
import org.doorstep.fingerprint.iso.FingerView;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A fingerprint scanner behind a local SBI device service, the open protocol of MOSIP's Secure Biometric
 * Interface (spec 0.9.5 / 1.0, "registration" capture), which certified scanners ship a service for:
 * <ul>
 * <li><b>discovery</b> — {@code MOSIPDISC /device} with {@code {"type":"Finger"}} on every port 4501–4600 of
 * 127.0.0.1 at once, each with a short timeout; answers are arrays of devices (deviceId, deviceStatus, purpose,
 * specVersion, deviceSubId, digitalId …). Ports that answer something else are skipped, and named if no device
 * is found;</li>
 * <li><b>device info</b> — {@code MOSIPDINFO /info}: make, model, serial number (from the digital ID) and
 * firmware, for the capture's provenance;</li>
 * <li><b>capture</b> — {@code RCAPTURE /capture} for one finger ({@code bioSubType} "Right IndexFinger" …); the
 * answer's {@code biometrics[].data} is a JWS whose payload carries {@code bioValue}, a base64url ISO/IEC
 * 19794-4 finger image record, which is read with {@link FingerImageRecord}.</li>
 * </ul>
 * Everything received is checked (status, JSON shape, error codes, finger, transaction id, hash chain, the
 * record and its image) and every failure is a {@link FingerprintDeviceException} naming the port.
 * <p>
 * <b>What is implemented and what a certified device adds.</b> This is the unsigned, "developer" form of the
 * protocol: the JWS payloads are read, their signatures are <i>not</i> verified. With certified (L1) devices,
 * a production build must also: verify each JWS signature against the certificate in its {@code x5c} header;
 * verify that certificate up to the device provider's CA, and the digital ID's signature by the device's
 * foundational trust module; check that the device is registered and not revoked with the issuing authority
 * (MOSIP's partner management, or in our setting HQ's register of scanners); check the timestamp window. The
 * SBI {@code CAPTURE} (authentication) method is not used: it encrypts the image for MOSIP's key. The
 * {@code callbackId} a device advertises is not followed: only the port that answered on 127.0.0.1 is used.
 * <p>
 * <b>Hash chain.</b> Each capture's {@code hash} must equal SHA-256 over the previous hash followed by the
 * SHA-256 of the decoded {@code bioValue}, both as upper-case hex text, starting from the SHA-256 of the empty
 * string; this is our reading of the SBI specification, not checked against a certified device. A device that
 * computes it otherwise fails every capture with a clear message; {@link SbiOptions#checkHashChain()} turns the
 * check off.
 */
public final class SbiDriver implements FingerprintDriver {

    private static final String DEFAULT_SPEC = "0.9.5";

    private final SbiDevice device;
    private final SbiOptions options;
    private final SbiHttp http;
    private String previousHash = sha256Hex(new byte[0]);

    private SbiDriver(SbiDevice device, SbiOptions options, SbiHttp http) {
        this.device = device;
        this.options = options;
        this.http = http;
    }

    /** The fingerprint devices answering on 127.0.0.1; throws, naming what answered instead, when there is none. */
    public static List<SbiDevice> discover(SbiOptions options) throws FingerprintDeviceException {
        try (SbiHttp http = new SbiHttp(options)) {
            return discover(http, options);
        }
    }

    /** Finds the first ready registration finger device and connects to it. */
    public static SbiDriver connect(SbiOptions options) throws FingerprintDeviceException {
        SbiHttp http = new SbiHttp(options);
        try {
            List<SbiDevice> found = discover(http, options);
            SbiDevice chosen = found.stream().filter(d -> d.ready() && d.registration()).findFirst().orElse(null);
            if (chosen == null) {
                SbiDevice first = found.get(0);
                throw first.registration() ? new FingerprintDeviceException("device.notReady", first.port(), first.status())
                        : new FingerprintDeviceException("device.authOnly", first.port());
            }
            return new SbiDriver(info(http, options, chosen), options, http);
        } catch (FingerprintDeviceException | RuntimeException e) {
            http.close();
            throw e;
        }
    }

    public SbiDevice device() {
        return device;
    }

    @Override
    public DriverInfo describe() {
        return new DriverInfo("SBI " + device.label(), SourceKind.REAL, 500);
    }

    @Override
    public synchronized FingerCapture capture(FingerPosition position, Duration timeout) throws FingerprintDeviceException {
        String transactionId = UUID.randomUUID().toString();
        ObjectNode request = http.json().createObjectNode();
        request.put("env", options.env());
        request.put("purpose", "Registration");
        request.put("specVersion", device.specVersions().isEmpty() ? DEFAULT_SPEC : device.specVersions().get(0));
        request.put("timeout", timeout.toMillis());
        request.put("captureTime", Instant.now().toString());
        request.put("transactionId", transactionId);
        ObjectNode bio = request.putArray("bio").addObject();
        bio.put("type", "Finger");
        bio.put("count", 1);
        bio.putArray("bioSubType").add(position.sbiName());
        bio.putArray("exception");
        bio.put("requestedScore", options.requestedScore());
        bio.put("deviceId", device.deviceId());
        bio.put("deviceSubId", deviceSubId(position));
        bio.put("previousHash", previousHash);
        request.putNull("customOpts");

        JsonNode answer = http.call("RCAPTURE", device.port(), "/capture", request.toString(),
                timeout.plus(options.captureMargin()));
        JsonNode biometrics = answer.path("biometrics");
        if (!biometrics.isArray() || biometrics.isEmpty()) {
            throw fields("biometrics");
        }
        String hash = previousHash;
        FingerCapture found = null;
        FingerPosition other = null;
        for (JsonNode entry : biometrics) {
            checkError(device.port(), entry.path("error"));
            JsonNode data = token(http, device.port(), text(entry, "data"), "data");
            if (!"Finger".equalsIgnoreCase(data.path("bioType").asText(""))) {
                throw fields("bioType " + data.path("bioType").asText("(missing)"));
            }
            if (!transactionId.equals(data.path("transactionId").asText(""))) {
                throw fields("transactionId does not match the request");
            }
            byte[] bioValue = base64(device.port(), text(data, "bioValue"), "bioValue");
            if (options.checkHashChain()) {
                String expected = sha256Hex((hash + sha256Hex(bioValue)).getBytes(StandardCharsets.UTF_8));
                if (!expected.equalsIgnoreCase(entry.path("hash").asText(""))) {
                    throw new FingerprintDeviceException("device.hash", device.port());
                }
                hash = expected;
            }
            Optional<FingerPosition> delivered = FingerPosition.ofSbiName(data.path("bioSubType").asText(""));
            if (delivered.isEmpty()) {
                throw fields("bioSubType " + data.path("bioSubType").asText("(missing)"));
            }
            if (delivered.get() == position) {
                found = FingerCapture.of(position, image(bioValue), SourceKind.REAL, "SBI " + device.label());
            } else if (other == null) {
                other = delivered.get();
            }
        }
        if (found == null) {
            throw new FingerprintDeviceException("device.wrongFinger", position, other);
        }
        previousHash = hash; // only a capture that was whole moves the chain on
        return found;
    }

    /**
     * The scanner's live preview (SBI {@code STREAM} on the device's port): M-JPEG frames handed to {@code frames} on
     * the stream's own thread until the returned stream is closed. Devices that have no preview answer otherwise
     * and are refused with {@code device.noStream}; capturing does not need the preview.
     */
    public SbiStream stream(FingerPosition position, java.util.function.Consumer<byte[]> frames)
            throws FingerprintDeviceException {
        ObjectNode request = http.json().createObjectNode();
        request.put("deviceId", device.deviceId());
        request.put("serialNo", device.serialNo());
        request.put("deviceSubId", deviceSubId(position));
        request.put("timeout", options.requestTimeout().toMillis());
        return http.stream(device.port(), "/stream", request.toString(), options.requestTimeout(), frames);
    }

    @Override
    public void close() {
        http.close();
    }

    private FingerImage image(byte[] bioValue) throws FingerprintDeviceException {
        try {
            List<FingerView> views = FingerImageRecord.read(bioValue).views();
            return views.get(0).image();
        } catch (FingerprintImageException e) {
            throw new FingerprintDeviceException(e, "device.bioValue", device.port(), e);
        }
    }

    /** Slap scanners name their units: 1 left four fingers, 2 right four fingers, 3 both thumbs. */
    private String deviceSubId(FingerPosition position) {
        if (device.deviceSubIds().size() <= 1) {
            return device.deviceSubIds().isEmpty() ? "0" : device.deviceSubIds().get(0);
        }
        String unit = position == FingerPosition.RIGHT_THUMB || position == FingerPosition.LEFT_THUMB ? "3"
                : position.rightHand() ? "2" : "1";
        return device.deviceSubIds().contains(unit) ? unit : device.deviceSubIds().get(0);
    }

    private static List<SbiDevice> discover(SbiHttp http, SbiOptions options) throws FingerprintDeviceException {
        Map<Integer, CompletableFuture<HttpResponse<byte[]>>> calls = new LinkedHashMap<>();
        for (int port = options.firstPort(); port <= options.lastPort(); port++) {
            calls.put(port, http.start("MOSIPDISC", port, "/device", "{\"type\":\"Finger\"}", options.discoveryTimeout()));
        }
        List<SbiDevice> devices = new ArrayList<>();
        Object ignored = "";
        for (Map.Entry<Integer, CompletableFuture<HttpResponse<byte[]>>> call : calls.entrySet()) {
            int port = call.getKey();
            try {
                devices.addAll(devices(http, port, http.parse(port, http.await(port, call.getValue(), options.discoveryTimeout()))));
            } catch (FingerprintDeviceException e) {
                // nothing listening is the normal case for 99 of the 100 ports; anything else is worth naming
                if (!e.key().equals("device.unreachable") && "".equals(ignored)) {
                    ignored = new FingerprintDeviceException("device.notFound.ignored", port, e);
                }
            }
        }
        if (devices.isEmpty()) {
            throw new FingerprintDeviceException("device.notFound", options.firstPort(), options.lastPort(), ignored);
        }
        return devices;
    }

    /** The finger devices in a discovery answer; anything not shaped like one is an error for the whole port. */
    private static List<SbiDevice> devices(SbiHttp http, int port, JsonNode answer) throws FingerprintDeviceException {
        List<SbiDevice> found = new ArrayList<>();
        for (JsonNode d : answer.isArray() ? answer : List.of(answer)) {
            if (!d.isObject()) {
                throw new FingerprintDeviceException("device.fields", port, "device entry is not an object");
            }
            checkError(port, d.path("error"));
            String deviceId = required(port, d, "deviceId");
            String status = required(port, d, "deviceStatus");
            JsonNode digitalId = d.hasNonNull("digitalId") ? token(http, port, d.get("digitalId").asText(""), "digitalId")
                    : d.path("digitalId");
            String type = digitalId.path("type").asText("");
            if (!type.isEmpty() && !type.equalsIgnoreCase("Finger")) {
                continue; // a face or iris device of the same service
            }
            found.add(new SbiDevice(port, deviceId, status, d.path("purpose").asText(""),
                    d.path("certification").asText(""), texts(d.path("specVersion")), texts(d.path("deviceSubId")),
                    digitalId.path("deviceSubType").asText(""), "", "", "", ""));
        }
        if (found.isEmpty()) {
            throw new FingerprintDeviceException("device.fields", port, "no fingerprint device in the answer");
        }
        return found;
    }

    private static SbiDevice info(SbiHttp http, SbiOptions options, SbiDevice device) throws FingerprintDeviceException {
        JsonNode answer = http.call("MOSIPDINFO", device.port(), "/info", null, options.requestTimeout());
        JsonNode fallback = null;
        for (JsonNode entry : answer.isArray() ? answer : List.of(answer)) {
            checkError(device.port(), entry.path("error"));
            JsonNode info = token(http, device.port(), required(device.port(), entry, "deviceInfo"), "deviceInfo");
            if (device.deviceId().equals(info.path("deviceId").asText(""))) {
                return withInfo(http, device, info);
            }
            if (fallback == null) {
                fallback = info;
            }
        }
        if (fallback == null) {
            throw new FingerprintDeviceException("device.fields", device.port(), "deviceInfo");
        }
        return withInfo(http, device, fallback);
    }

    private static SbiDevice withInfo(SbiHttp http, SbiDevice device, JsonNode info) throws FingerprintDeviceException {
        JsonNode digitalId = info.hasNonNull("digitalId") ? token(http, device.port(), info.get("digitalId").asText(""), "digitalId")
                : info.path("digitalId");
        return device.withInfo(digitalId.path("make").asText(""), digitalId.path("model").asText(""),
                digitalId.path("serialNo").asText(""), info.path("firmware").asText(""),
                digitalId.path("deviceSubType").asText(""));
    }

    /** SBI error objects: errorCode "0" is success; anything else is the device's refusal, in its words. */
    private static void checkError(int port, JsonNode error) throws FingerprintDeviceException {
        if (error.isMissingNode() || error.isNull()) {
            return;
        }
        String code = error.path("errorCode").asText("0").strip();
        if (!code.equals("0") && !code.isEmpty()) {
            throw new FingerprintDeviceException("device.error", port, code, error.path("errorInfo").asText("(no description)"));
        }
    }

    /**
     * The JSON inside an SBI token: a JWS (header.payload.signature, signature not checked here; see the class
     * comment) or, for unsigned values, base64url JSON.
     */
    private static JsonNode token(SbiHttp http, int port, String value, String field) throws FingerprintDeviceException {
        String[] parts = value.split("\\.", -1);
        String payload = parts.length == 3 ? parts[1] : parts.length == 1 ? parts[0] : null;
        if (payload == null || payload.isEmpty()) {
            throw new FingerprintDeviceException("device.fields", port, field + " is not a JWS");
        }
        byte[] bytes = base64(port, payload, field);
        try {
            JsonNode node = http.json().readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new FingerprintDeviceException("device.fields", port, field + " does not hold a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new FingerprintDeviceException(e, "device.fields", port, field + " does not hold JSON");
        }
    }

    /** Base64 as devices write it: url-safe or standard alphabet, with or without padding. */
    private static byte[] base64(int port, String value, String field) throws FingerprintDeviceException {
        String url = value.strip().replace('+', '-').replace('/', '_').replace("=", "");
        try {
            return Base64.getUrlDecoder().decode(url);
        } catch (IllegalArgumentException e) {
            throw new FingerprintDeviceException(e, "device.fields", port, field + " is not base64");
        }
    }

    private static String required(int port, JsonNode node, String field) throws FingerprintDeviceException {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.asText("").isBlank()) {
            throw new FingerprintDeviceException("device.fields", port, field);
        }
        return value.asText();
    }

    private String text(JsonNode node, String field) throws FingerprintDeviceException {
        return required(device.port(), node, field);
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            ((ArrayNode) node).forEach(n -> out.add(n.asText()));
        } else if (node.isValueNode()) {
            out.add(node.asText());
        }
        return out;
    }

    private FingerprintDeviceException fields(String what) {
        return new FingerprintDeviceException("device.fields", device.port(), what);
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
