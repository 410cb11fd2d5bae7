package org.doorstep.sync.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Strict reading of a command's body: known fields only, required ones present, types and lengths checked. Messages
 * name the path and the rule, never the value, because bodies hold applicant data and refusals go into the audit
 * trail.
 */
final class BodyReader {

    /** A body that breaks its form; nothing was stored. */
    static final class InvalidBody extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidBody(String message) {
            super(message);
        }
    }

    static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private BodyReader() {
    }

    static JsonNode object(String json) throws InvalidBody {
        try {
            JsonNode node = JSON.readTree(json.getBytes(StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw new InvalidBody("$: expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidBody("$: not JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new InvalidBody("$: cannot be read");
        }
    }

    /** Refuses unknown fields and missing required ones. */
    static void fields(JsonNode node, String path, Set<String> required, Set<String> optional) throws InvalidBody {
        if (node == null || !node.isObject()) {
            throw new InvalidBody(path + ": expected an object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!required.contains(name) && !optional.contains(name)) {
                throw new InvalidBody(path + "." + name + ": unknown field (allowed: "
                        + String.join(", ", new TreeSet<>(union(required, optional))) + ")");
            }
        }
        for (String name : new TreeSet<>(required)) {
            if (!node.has(name)) {
                throw new InvalidBody(path + "." + name + ": missing");
            }
        }
    }

    /** Text of 1 to {@code max} characters, no control characters, trimmed; {@code null} if absent. */
    static String text(JsonNode node, String field, String path, int max) throws InvalidBody {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidBody(path + "." + field + ": expected text");
        }
        String text = value.textValue().strip();
        if (text.isEmpty() || text.length() > max) {
            throw new InvalidBody(path + "." + field + ": expected 1 to " + max + " characters");
        }
        if (text.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n')) {
            throw new InvalidBody(path + "." + field + ": holds control characters");
        }
        return text;
    }

    static Instant instant(JsonNode node, String field, String path) throws InvalidBody {
        String text = text(node, field, path, 40);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidBody(path + "." + field + ": expected an ISO-8601 instant such as 2026-11-21T08:00:00Z");
        }
    }

    static LocalDate date(JsonNode node, String field, String path) throws InvalidBody {
        String text = text(node, field, path, 10);
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidBody(path + "." + field + ": expected a date such as 2026-11-21");
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
