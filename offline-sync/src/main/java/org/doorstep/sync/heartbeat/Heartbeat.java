package org.doorstep.sync.heartbeat;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.doorstep.sync.outbox.OutboxProgress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a laptop tells HQ now and then on {@code doorstep/v1/{device}/up/heartbeat}, so the administrators'
 * board shows every laptop's backlog without waiting for its packets: the backlog (cases and bytes), how
 * long the oldest unsent packet has waited, software and catalogue versions, free disk. The wire form is
 * strict JSON ({@code doorstep-heartbeat/1}); HQ refuses anything else with the field that was wrong. A
 * heartbeat carries no applicant data and is not signed: the broker's mutual TLS and ACL already tie it to
 * its device, and nothing HQ does with it changes a case.
 *
 * @param sequence       counts up per laptop, so HQ can drop heartbeats that arrive out of order
 * @param oldestUnsent   empty when nothing waits
 */
public record Heartbeat(String deviceId, long sequence, Instant sentAt, int backlogCases, long backlogBytes,
        Optional<Duration> oldestUnsent, String softwareVersion, int catalogueVersion, long freeDiskBytes) {

    public static final String FORMAT = "doorstep-heartbeat/1";
    public static final int MAX_BYTES = 4096;
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.+_-]{1,40}");
    private static final Set<String> FIELDS = Set.of("format", "device", "sequence", "sentAt", "backlogCases",
            "backlogBytes", "oldestUnsentSeconds", "softwareVersion", "catalogueVersion", "freeDiskBytes");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    public Heartbeat {
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(oldestUnsent, "oldestUnsent");
        if (deviceId == null || !DEVICE.matcher(deviceId).matches()) {
            throw new IllegalArgumentException("device id must be 1-64 of A-Z a-z 0-9 _ . - : '" + deviceId + "'");
        }
        if (softwareVersion == null || !VERSION.matcher(softwareVersion).matches()) {
            throw new IllegalArgumentException("software version must be 1-40 of 0-9 A-Z a-z . + _ -");
        }
        if (sequence < 0 || backlogCases < 0 || backlogBytes < 0 || catalogueVersion < 0 || freeDiskBytes < 0) {
            throw new IllegalArgumentException("sequence, backlog, catalogue version and free disk cannot be negative");
        }
        if ((backlogCases == 0) != (backlogBytes == 0)) {
            throw new IllegalArgumentException("a backlog of " + backlogCases + " cases cannot hold " + backlogBytes + " bytes");
        }
        if (oldestUnsent.isPresent() && (oldestUnsent.get().isNegative() || backlogCases == 0)) {
            throw new IllegalArgumentException("an oldest unsent age needs a backlog and cannot be negative");
        }
    }

    /** The laptop's heartbeat from its outbox and the disk its data folder is on. */
    public static Heartbeat of(String deviceId, long sequence, Instant now, OutboxProgress outbox, String softwareVersion,
            int catalogueVersion, Path dataDir) throws IOException {
        FileStore store = Files.getFileStore(dataDir);
        return new Heartbeat(deviceId, sequence, now, outbox.pendingCases(), outbox.pendingBytes(), outbox.oldestUnsent(),
                softwareVersion, catalogueVersion, store.getUsableSpace());
    }

    public byte[] toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT).put("device", deviceId).put("sequence", sequence).put("sentAt", sentAt.toString())
                .put("backlogCases", backlogCases).put("backlogBytes", backlogBytes);
        oldestUnsent.ifPresent(d -> o.put("oldestUnsentSeconds", d.toSeconds()));
        o.put("softwareVersion", softwareVersion).put("catalogueVersion", catalogueVersion)
                .put("freeDiskBytes", freeDiskBytes);
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /**
     * Reads a heartbeat received from the broker.
     *
     * @param topicDevice the device named by the topic it came on: a heartbeat for another device is refused
     */
    public static Heartbeat fromJson(byte[] json, String topicDevice) throws BadHeartbeatException {
        if (json == null || json.length == 0 || json.length > MAX_BYTES) {
            throw new BadHeartbeatException("a heartbeat has 1 to " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new BadHeartbeatException("not JSON: " + firstLine(e));
        }
        if (root == null || !root.isObject()) {
            throw new BadHeartbeatException("$: a heartbeat is a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                throw new BadHeartbeatException("$: unknown field \"" + name + "\"");
            }
        }
        if (!FORMAT.equals(text(root, "format"))) {
            throw new BadHeartbeatException("$.format: expected \"" + FORMAT + "\"");
        }
        String device = text(root, "device");
        if (!device.equals(topicDevice)) {
            throw new BadHeartbeatException("$.device: \"" + device + "\" came on the topic of \"" + topicDevice + "\"");
        }
        Instant sentAt;
        try {
            sentAt = Instant.parse(text(root, "sentAt"));
        } catch (DateTimeParseException e) {
            throw new BadHeartbeatException("$.sentAt: not an ISO-8601 instant");
        }
        JsonNode oldest = root.get("oldestUnsentSeconds");
        if (oldest != null && !oldest.canConvertToLong()) {
            throw new BadHeartbeatException("$.oldestUnsentSeconds: expected a whole number");
        }
        try {
            return new Heartbeat(device, number(root, "sequence"), sentAt, Math.toIntExact(number(root, "backlogCases")),
                    number(root, "backlogBytes"), oldest == null ? Optional.empty() : Optional.of(Duration.ofSeconds(oldest.asLong())),
                    text(root, "softwareVersion"), Math.toIntExact(number(root, "catalogueVersion")),
                    number(root, "freeDiskBytes"));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new BadHeartbeatException("$: " + e.getMessage());
        }
    }

    private static String text(JsonNode root, String field) throws BadHeartbeatException {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            throw new BadHeartbeatException("$." + field + ": expected a string");
        }
        return n.asText();
    }

    private static long number(JsonNode root, String field) throws BadHeartbeatException {
        JsonNode n = root.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new BadHeartbeatException("$." + field + ": expected a whole number");
        }
        return n.asLong();
    }

    private static String firstLine(IOException e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return String.valueOf(m).lines().findFirst().orElse("");
    }

    /** A heartbeat HQ cannot take, with the field that was wrong. */
    public static final class BadHeartbeatException extends Exception {
        private static final long serialVersionUID = 1L;

        public BadHeartbeatException(String message) {
            super(message);
        }
    }
}
