package org.doorstep.sync.protocol;

import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;

import org.doorstep.sync.protocol.ProtocolException.Reason;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Strict reading of the small JSON messages that come from outside: no duplicates, no unknown fields. */
final class StrictJson {

    static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private StrictJson() {
    }

    static JsonNode object(byte[] json, String where) throws ProtocolException {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.isObject()) {
                throw new ProtocolException(Reason.MALFORMED, where + ": expected a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new ProtocolException(Reason.MALFORMED, where + ": not JSON: "
                    + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ProtocolException(Reason.MALFORMED, where + ": " + e.getMessage());
        }
    }

    static void only(JsonNode node, Set<String> allowed, String where) throws ProtocolException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new ProtocolException(Reason.MALFORMED, where + ": unknown field \"" + name + "\"");
            }
        }
    }

    static String text(JsonNode node, String field, String where) throws ProtocolException {
        JsonNode n = node.get(field);
        if (n == null || !n.isTextual()) {
            throw new ProtocolException(Reason.MALFORMED, where + "." + field + ": expected text");
        }
        return n.asText();
    }

    static long whole(JsonNode node, String field, String where) throws ProtocolException {
        JsonNode n = node.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new ProtocolException(Reason.MALFORMED, where + "." + field + ": expected a whole number");
        }
        return n.asLong();
    }

    static UUID uuid(JsonNode node, String field, String where) throws ProtocolException {
        String s = text(node, field, where);
        try {
            UUID id = UUID.fromString(s);
            if (!id.toString().equals(s)) {
                throw new IllegalArgumentException(s);
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(Reason.MALFORMED, where + "." + field + ": not a packet id: " + abbreviate(s));
        }
    }

    static byte[] base64(JsonNode node, String field, String where) throws ProtocolException {
        String s = text(node, field, where);
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(Reason.MALFORMED, where + "." + field + ": not base64");
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
