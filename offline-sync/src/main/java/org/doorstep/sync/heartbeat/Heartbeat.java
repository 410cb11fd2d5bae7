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
 * <p>Version 2 ({@value #FORMAT_2}) adds the officer signed in on the laptop ({@code officer}, an officer id, never a
 * name), for HQ's device board. A laptop writes version 2 only when an officer is signed in, so an HQ that reads only
 * version 1 keeps working until it is upgraded; each version refuses the other's fields.
 *
 * @param sequence       counts up per laptop, so HQ can drop heartbeats that arrive out of order
 * @param oldestUnsent   empty when nothing waits
 * @param officer        the id of the officer signed in on the laptop; empty when none is (or a version 1 laptop)
 */
public record Heartbeat(String deviceId, long sequence, Instant sentAt, int backlogCases, long backlogBytes,
        Optional<Duration> oldestUnsent, String softwareVersion, int catalogueVersion, long freeDiskBytes,
        Optional<String> officer) {

    public static final String FORMAT = "doorstep-heartbeat/1";
    public static final String FORMAT_2 = "doorstep-heartbeat/2";
    private static final Pattern OFFICER = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    public static final int MAX_BYTES = 4096;
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.+_-]{1,40}");
    private static final Set<String> FIELDS = Set.of("format", "device", "sequence", "sentAt", "backlogCases",
            "backlogBytes", "oldestUnsentSeconds", "softwareVersion", "catalogueVersion", "freeDiskBytes");
    private static final Set<String> FIELDS_2 = union(FIELDS, "officer");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    /** A version 1 heartbeat: no officer. */
    public Heartbeat(String deviceId, long sequence, Instant sentAt, int backlogCases, long backlogBytes,
            Optional<Duration> oldestUnsent, String softwareVersion, int catalogueVersion, long freeDiskBytes) {
        this(deviceId, sequence, sentAt, backlogCases, backlogBytes, oldestUnsent, softwareVersion, catalogueVersion,
                freeDiskBytes, Optional.empty());
    }

    public Heartbeat {
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(oldestUnsent, "oldestUnsent");
        Objects.requireNonNull(officer, "officer");
        if (officer.isPresent() && !OFFICER.matcher(officer.get()).matches()) {
            throw new IllegalArgumentException("officer must be an officer id, 1-32 of A-Z a-z 0-9 _ -");
        }
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
        return of(deviceId, sequence, now, outbox, softwareVersion, catalogueVersion, dataDir, Optional.empty());
    }

    /** As above, naming the officer signed in on the laptop. */
    public static Heartbeat of(String deviceId, long sequence, Instant now, OutboxProgress outbox, String softwareVersion,
            int catalogueVersion, Path dataDir, Optional<String> officer) throws IOException {
        FileStore store = Files.getFileStore(dataDir);
        return new Heartbeat(deviceId, sequence, now, outbox.pendingCases(), outbox.pendingBytes(), outbox.oldestUnsent(),
                softwareVersion, catalogueVersion, store.getUsableSpace(), officer);
    }

    public byte[] toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", officer.isPresent() ? FORMAT_2 : FORMAT).put("device", deviceId).put("sequence", sequence).put("sentAt", sentAt.toString())
                .put("backlogCases", backlogCases).put("backlogBytes", backlogBytes);
        oldestUnsent.ifPresent(d -> o.put("oldestUnsentSeconds", d.toSeconds()));
        o.put("softwareVersion", softwareVersion).put("catalogueVersion", catalogueVersion)
                .put("freeDiskBytes", freeDiskBytes);
        officer.ifPresent(id -> o.put("officer", id));
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
        String format = text(root, "format");
        if (!FORMAT.equals(format) && !FORMAT_2.equals(format)) {
            throw new BadHeartbeatException("$.format: expected \"" + FORMAT + "\" or \"" + FORMAT_2 + "\"");
        }
        boolean version2 = FORMAT_2.equals(format);
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!(version2 ? FIELDS_2 : FIELDS).contains(name)) {
                throw new BadHeartbeatException("$: unknown field \"" + name + "\"" + ("officer".equals(name)
                        ? " (only " + FORMAT_2 + " names the officer)" : ""));
            }
        }
        Optional<String> officer = Optional.empty();
        if (version2) {
            officer = Optional.of(text(root, "officer"));
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
                    number(root, "freeDiskBytes"), officer);
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

    private static Set<String> union(Set<String> fields, String extra) {
        Set<String> all = new java.util.HashSet<>(fields);
        all.add(extra);
        return Set.copyOf(all);
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
