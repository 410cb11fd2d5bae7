package org.doorstep.sync.packet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a packet holds: which case of which device, when it was sealed, with which suite, and its entries in the
 * order they follow the manifest in the container. Written as JSON (format {@value #FORMAT}); HQ reads it
 * strictly (no unknown or duplicate fields) because it comes from outside.
 */
public record PacketManifest(UUID packetId, String deviceId, String caseId, Instant created, PacketSuite suite,
        List<PacketEntry> entries) {

    public static final String FORMAT = "doorstep-packet/1";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> FIELDS = Set.of("format", "packetId", "deviceId", "caseId", "created", "suite",
            "entries");
    private static final Set<String> ENTRY_FIELDS = Set.of("name", "mediaType", "length", "digest");

    public PacketManifest {
        Objects.requireNonNull(packetId, "packetId");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(suite, "suite");
        checkId("deviceId", deviceId);
        checkId("caseId", caseId);
        entries = List.copyOf(entries);
        Set<String> names = new HashSet<>();
        for (PacketEntry entry : entries) {
            if (!names.add(entry.name())) {
                throw new IllegalArgumentException("entry " + entry.name() + " is listed twice");
            }
        }
    }

    private static void checkId(String field, String value) {
        if (value == null || value.isBlank() || value.length() > 128 || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(field + " must be 1-128 printable characters");
        }
    }

    public long totalBytes() {
        return entries.stream().mapToLong(PacketEntry::length).sum();
    }

    /** The manifest as UTF-8 JSON, fields in a fixed order. */
    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("packetId", packetId.toString());
        root.put("deviceId", deviceId);
        root.put("caseId", caseId);
        root.put("created", created.toString());
        root.put("suite", suite.id());
        ArrayNode list = root.putArray("entries");
        for (PacketEntry e : entries) {
            list.addObject().put("name", e.name()).put("mediaType", e.mediaType()).put("length", e.length())
                    .put("digest", e.digestHex());
        }
        try {
            return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the manifest", e);
        }
    }

    /** Reads a manifest from outside; anything that is not exactly this format is MALFORMED. */
    static PacketManifest fromJson(byte[] json, PacketLimits limits) throws PacketException {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw malformed("the manifest is not a JSON object");
            }
            checkFields(root, FIELDS, "manifest");
            if (!FORMAT.equals(text(root, "format"))) {
                throw malformed("unknown manifest format '" + text(root, "format") + "'");
            }
            JsonNode list = root.get("entries");
            if (!list.isArray()) {
                throw malformed("entries is not a list");
            }
            if (list.size() > limits.maxEntries()) {
                throw malformed(list.size() + " entries, more than the limit of " + limits.maxEntries());
            }
            List<PacketEntry> entries = new ArrayList<>();
            long total = 0;
            for (JsonNode node : list) {
                checkFields(node, ENTRY_FIELDS, "entry");
                JsonNode length = node.get("length");
                if (!length.isIntegralNumber() || !length.canConvertToLong()) {
                    throw malformed("entry length is not a whole number");
                }
                PacketEntry entry = new PacketEntry(text(node, "name"), text(node, "mediaType"), length.longValue(),
                        HexFormat.of().parseHex(text(node, "digest")));
                if (entry.length() > limits.maxEntryBytes()) {
                    throw malformed("entry " + entry.name() + " has " + entry.length() + " bytes, more than the limit of "
                            + limits.maxEntryBytes());
                }
                total += entry.length();
                if (total > limits.maxTotalBytes()) {
                    throw malformed("entries total more than the limit of " + limits.maxTotalBytes() + " bytes");
                }
                entries.add(entry);
            }
            return new PacketManifest(UUID.fromString(text(root, "packetId")), text(root, "deviceId"),
                    text(root, "caseId"), Instant.parse(text(root, "created")), PacketSuite.byId(text(root, "suite")),
                    entries);
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            throw new PacketException(PacketException.Reason.MALFORMED, "manifest: " + e.getMessage(), e);
        }
    }

    private static void checkFields(JsonNode node, Set<String> expected, String what) throws PacketException {
        if (!node.isObject()) {
            throw malformed(what + " is not a JSON object");
        }
        Set<String> seen = new HashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!expected.contains(field)) {
                throw malformed(what + " has an unknown field '" + field + "'");
            }
            seen.add(field);
        }
        if (!seen.equals(expected)) {
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(seen);
            throw malformed(what + " lacks " + missing);
        }
    }

    private static String text(JsonNode node, String field) throws PacketException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw malformed("'" + field + "' is not a string");
        }
        return value.textValue();
    }

    private static PacketException malformed(String message) {
        return new PacketException(PacketException.Reason.MALFORMED, message);
    }

}
