package org.doorstep.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.doorstep.vault.CaseStore;
import org.doorstep.vault.ItemKind;
import org.doorstep.vault.NewItem;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a case file ({@code doorstep-case/1}) and everything it refers to, and checks all of it before the
 * vault is touched: strict JSON (no duplicate keys, nothing after the object), no unknown fields, every
 * attachment an existing, readable file of a format its kind accepts. The first problem found ends the
 * import with one line naming the JSON path (and, for syntax errors, line and column).
 *
 * <pre>
 * {"format": "doorstep-case/1", "label": "张三 · 护照", "urgent": false,
 *  "form": { …any JSON object… },
 *  "attachments": [{"kind": "photo", "slot": "photo", "file": "photo.jpg"}]}
 * </pre>
 *
 * The form is stored as the case's {@code form} item in canonical JSON: no insignificant white space,
 * object members sorted by name (recursively), numbers with the digits they were written with.
 */
final class CaseFile {

    static final String FORMAT = "doorstep-case/1";
    static final String FORM_SLOT = "form";
    static final String FORM_MEDIA_TYPE = "application/json";

    private static final List<String> CASE_FIELDS = List.of("format", "label", "urgent", "form", "attachments");
    private static final List<String> ATTACHMENT_FIELDS = List.of("kind", "slot", "file");

    /** Configured once, never changed: Jackson mappers are safe to share once built. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** A case ready for {@link CaseStore#create}: every item checked. */
    record Parsed(String label, boolean urgent, List<NewItem> items) {
    }

    private record Attachment(String path, ItemKind kind, String slot, String file) {
    }

    private final Path json;
    private final String name;

    private CaseFile(Path json) {
        this.json = json;
        this.name = json.toString();
    }

    /** Reads and checks the case file and its attachments; a {@link CliException} says what is wrong. */
    static Parsed read(Path json) {
        return new CaseFile(json).read();
    }

    private Parsed read() {
        String problem = fileProblem(json);
        if (problem != null) {
            throw CliException.badInput("case file " + name + " " + problem);
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(json));
        } catch (JacksonException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw CliException.badInput("case file " + name + " cannot be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw CliException.badInput(name + ": malformed JSON: the file holds no JSON value");
        }
        requireObject(root, "$", CASE_FIELDS);
        String format = string(root, "$", "format", true);
        if (!FORMAT.equals(format)) {
            throw invalid("$.format", "is '" + format + "'; this version reads '" + FORMAT + "'");
        }
        String label = string(root, "$", "label", true).strip();
        if (label.isEmpty() || label.length() > CaseStore.MAX_LABEL) {
            throw invalid("$.label", "must have 1-" + CaseStore.MAX_LABEL + " characters");
        }
        boolean urgent = false;
        if (root.has("urgent")) {
            JsonNode u = root.get("urgent");
            if (!u.isBoolean()) {
                throw invalid("$.urgent", "must be true or false, not " + describe(u));
            }
            urgent = u.booleanValue();
        }
        if (!root.has("form")) {
            throw invalid("$", "the required field \"form\" is missing");
        }
        JsonNode form = root.get("form");
        if (!form.isObject()) {
            throw invalid("$.form", "must be an object, not " + describe(form));
        }
        List<NewItem> items = new ArrayList<>();
        items.add(item("$.form", ItemKind.FORM, FORM_SLOT, FORM_MEDIA_TYPE, canonical(form)));
        for (Attachment a : attachments(root)) {
            items.add(load(a));
        }
        return new Parsed(label, urgent, List.copyOf(items));
    }

    /** Checks every attachment entry before any file is read, so a typo is reported before slow work. */
    private List<Attachment> attachments(JsonNode root) {
        if (!root.has("attachments")) {
            return List.of();
        }
        JsonNode list = root.get("attachments");
        if (!list.isArray()) {
            throw invalid("$.attachments", "must be an array, not " + describe(list));
        }
        List<Attachment> attachments = new ArrayList<>();
        Map<String, String> slots = new HashMap<>();
        slots.put(FORM_SLOT, "$.form");
        for (int i = 0; i < list.size(); i++) {
            String path = "$.attachments[" + i + "]";
            JsonNode entry = list.get(i);
            requireObject(entry, path, ATTACHMENT_FIELDS);
            String kindId = string(entry, path, "kind", true);
            ItemKind kind = kindOf(kindId);
            if (kind == null) {
                throw invalid(path + ".kind", "is '" + kindId + "'; expected photo, fingerprint, signature or scan");
            }
            String slot = string(entry, path, "slot", true);
            String earlier = slots.putIfAbsent(slot, path);
            if (earlier != null) {
                throw invalid(path + ".slot", "'" + slot + "' is already used by " + earlier);
            }
            String file = string(entry, path, "file", true);
            if (file.isBlank()) {
                throw invalid(path + ".file", "is empty");
            }
            // NewItem owns the rules for slots; a placeholder item checks this one before any file is read
            item(path + ".slot", kind, slot, "application/octet-stream", new byte[1]);
            attachments.add(new Attachment(path, kind, slot, file));
        }
        return attachments;
    }

    private NewItem load(Attachment a) {
        Path file;
        try {
            file = json.toAbsolutePath().getParent().resolve(a.file()).normalize();
        } catch (InvalidPathException e) {
            throw invalid(a.path() + ".file", "'" + a.file() + "' is not a valid path: " + e.getReason());
        }
        String prefix = name + ": " + a.path() + ".file '" + a.file() + "' ";
        String problem = fileProblem(file);
        if (problem != null) {
            throw CliException.badInput(prefix + problem);
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw CliException.badInput(prefix + "cannot be read: " + e.getMessage());
        }
        MediaFormat format;
        try {
            format = MediaCheck.check(a.kind(), content);
        } catch (MediaCheck.Refused e) {
            throw CliException.badInput(prefix + e.getMessage());
        }
        return item(a.path(), a.kind(), a.slot(), format.mediaType(), content);
    }

    /** Why {@code file} cannot be imported (words that follow its name), or {@code null}. */
    private static String fileProblem(Path file) {
        if (!Files.exists(file)) {
            return "does not exist (looked for " + file.toAbsolutePath() + ")";
        }
        if (!Files.isRegularFile(file)) {
            return "is not a file";
        }
        if (!Files.isReadable(file)) {
            return "cannot be read (no permission)";
        }
        long size;
        try {
            size = Files.size(file);
        } catch (AccessDeniedException e) {
            return "cannot be read (no permission)";
        } catch (IOException e) {
            return "cannot be read: " + e.getMessage();
        }
        if (size == 0) {
            return "is empty";
        }
        if (size > NewItem.MAX_BYTES) {
            return "has " + size + " bytes, more than the " + NewItem.MAX_BYTES / (1024 * 1024) + " MiB a case item may have";
        }
        return null;
    }

    private NewItem item(String path, ItemKind kind, String slot, String mediaType, byte[] content) {
        try {
            return new NewItem(kind, slot, mediaType, content);
        } catch (IllegalArgumentException e) {
            throw invalid(path, e.getMessage());
        }
    }

    private void requireObject(JsonNode node, String path, List<String> allowed) {
        if (!node.isObject()) {
            throw invalid(path, "must be an object, not " + describe(node));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!allowed.contains(field)) {
                throw invalid(path, "unknown field \"" + field + "\" (allowed: " + String.join(", ", allowed) + ")");
            }
        }
    }

    private String string(JsonNode node, String path, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null) {
            if (required) {
                throw invalid(path, "the required field \"" + field + "\" is missing");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(path + "." + field, "must be a string, not " + describe(value));
        }
        return value.textValue();
    }

    private static ItemKind kindOf(String id) {
        for (ItemKind kind : ItemKind.values()) {
            if (kind != ItemKind.FORM && kind.id().equals(id)) {
                return kind;
            }
        }
        return null;
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> node.booleanValue() ? "true" : "false";
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private CliException invalid(String path, String problem) {
        return CliException.badInput(name + ": " + path + ": " + problem);
    }

    /** Jackson's syntax errors as "file:line:column: malformed JSON: what". */
    private CliException malformed(JacksonException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? name : name + ":" + at.getLineNr() + ":" + at.getColumnNr();
        String what = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        if (what.startsWith("Trailing token")) {
            what = "more content after the case object";
        }
        return CliException.badInput(where + ": malformed JSON: " + what.replaceAll("\\s+", " ").strip());
    }

    /** The form as canonical JSON: compact, members sorted by name at every level, UTF-8. */
    static byte[] canonical(JsonNode form) {
        try {
            return JSON.writeValueAsBytes(sorted(form));
        } catch (JacksonException e) {
            throw new IllegalStateException("a parsed JSON tree could not be written back", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> members = new TreeMap<>();
            node.properties().forEach(m -> members.put(m.getKey(), sorted(m.getValue())));
            ObjectNode out = JSON.createObjectNode();
            members.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(element -> out.add(sorted(element)));
            return out;
        }
        return node;
    }
}
