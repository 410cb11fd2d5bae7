package org.doorstep.capture.signature;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The stored form of a signature's strokes, compact and strict:
 *
 * <pre>
 * {"format":"doorstep-signature/1","role":"applicant","signer":"张三","signedAt":"2026-11-21T08:00:00Z",
 *  "pad":{"width":800,"height":300},"strokes":[[[x,y,t,p],[x,y,t,p],…],…]}
 * </pre>
 *
 * Reading refuses anything else with the JSON path of the problem: unknown or missing fields, wrong types,
 * duplicate keys, trailing content, non-finite numbers.
 */
public final class SignatureJson {

    public static final String FORMAT = "doorstep-signature/1";
    private static final Set<String> TOP = Set.of("format", "role", "signer", "signedAt", "pad", "strokes");
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SignatureJson() {
    }

    /** Thrown for stored or received signature data that is not a valid signature record. */
    public static final class BadSignatureData extends Exception {
        private static final long serialVersionUID = 1L;

        BadSignatureData(String message) {
            super(message);
        }
    }

    public static byte[] write(Signature s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("role", s.role().name().toLowerCase(Locale.ROOT));
        root.put("signer", s.signerName());
        root.put("signedAt", s.signedAt().toString());
        root.putObject("pad").put("width", s.canvasWidth()).put("height", s.canvasHeight());
        ArrayNode strokes = root.putArray("strokes");
        for (Stroke stroke : s.strokes()) {
            ArrayNode points = strokes.addArray();
            for (InkPoint p : stroke.points()) {
                points.addArray().add(round(p.x())).add(round(p.y())).add(p.tMillis()).add(round(p.pressure()));
            }
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    public static Signature read(byte[] json) throws BadSignatureData {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonParseException e) {
            throw new BadSignatureData("signature data is not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new BadSignatureData("signature data is not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new BadSignatureData("signature data cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadSignatureData("$: a signature record is a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!TOP.contains(name)) {
                throw new BadSignatureData("$: unknown field \"" + name + "\"");
            }
        }
        if (!FORMAT.equals(text(root, "format"))) {
            throw new BadSignatureData("$.format: expected \"" + FORMAT + "\"");
        }
        SignerRole role;
        try {
            role = SignerRole.valueOf(text(root, "role").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadSignatureData("$.role: unknown signer role \"" + text(root, "role") + "\"");
        }
        Instant at;
        try {
            at = Instant.parse(text(root, "signedAt"));
        } catch (DateTimeParseException e) {
            throw new BadSignatureData("$.signedAt: not an ISO-8601 instant");
        }
        JsonNode pad = root.get("pad");
        if (pad == null || !pad.isObject() || pad.size() != 2 || !pad.path("width").isInt() || !pad.path("height").isInt()) {
            throw new BadSignatureData("$.pad: expected {\"width\": integer, \"height\": integer}");
        }
        JsonNode strokesNode = root.get("strokes");
        if (strokesNode == null || !strokesNode.isArray()) {
            throw new BadSignatureData("$.strokes: expected an array of strokes");
        }
        List<Stroke> strokes = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < strokesNode.size(); i++) {
            JsonNode stroke = strokesNode.get(i);
            if (!stroke.isArray() || stroke.isEmpty()) {
                throw new BadSignatureData("$.strokes[" + i + "]: expected a non-empty array of points");
            }
            List<InkPoint> points = new ArrayList<>();
            for (int j = 0; j < stroke.size(); j++) {
                if (++count > SignatureCheck.MAX_POINTS) {
                    throw new BadSignatureData("$.strokes: more than " + SignatureCheck.MAX_POINTS + " points");
                }
                JsonNode p = stroke.get(j);
                String where = "$.strokes[" + i + "][" + j + "]";
                if (!p.isArray() || p.size() != 4 || !p.get(0).isNumber() || !p.get(1).isNumber()
                        || !p.get(2).canConvertToLong() || !p.get(2).isIntegralNumber() || !p.get(3).isNumber()) {
                    throw new BadSignatureData(where + ": expected [x, y, milliseconds, pressure]");
                }
                try {
                    points.add(new InkPoint(p.get(0).asDouble(), p.get(1).asDouble(), p.get(2).asLong(), p.get(3).asDouble()));
                } catch (IllegalArgumentException e) {
                    throw new BadSignatureData(where + ": " + e.getMessage());
                }
            }
            strokes.add(new Stroke(points));
        }
        return new Signature(role, text(root, "signer"), pad.get("width").asInt(), pad.get("height").asInt(), strokes, at);
    }

    private static String text(JsonNode root, String field) throws BadSignatureData {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            throw new BadSignatureData("$." + field + ": expected a string");
        }
        return n.asText();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
