package org.doorstep.domain.internal;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.Problem;
import org.doorstep.domain.ProblemCode;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON in and out for the domain's files. Reading is strict: UTF-8 only, no duplicate keys, nothing after the
 * value, a size limit; every syntax error becomes one {@link Problem} with line and column. Fields are then
 * read through {@link JsonObject}, which refuses unknown fields and wrong types by path.
 */
public final class StrictJson {

    /** Built once and never reconfigured: a Jackson mapper is safe to share once built. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private StrictJson() {
    }

    /**
     * Parses {@code bytes} (UTF-8, at most {@code maxBytes}) into a tree.
     *
     * @throws InvalidInputException at {@code $} for a file too large, not UTF-8, empty or malformed
     */
    public static JsonNode parse(byte[] bytes, int maxBytes) {
        if (bytes.length > maxBytes) {
            throw new InvalidInputException(Problem.of("$", ProblemCode.JSON_TOO_LARGE, maxBytes / 1024));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(Problem.of("$", ProblemCode.JSON_NOT_UTF8));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte order mark, as Windows editors write it
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw malformed(e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidInputException(Problem.of("$", ProblemCode.JSON_EMPTY));
        }
        return root;
    }

    /** A new empty object for writing. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Compact UTF-8 JSON, members in the order they were put. */
    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** Indented UTF-8 JSON, for files people read (the catalogue). */
    public static byte[] writePretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static InvalidInputException malformed(JacksonException e) {
        JsonLocation at = e.getLocation();
        int line = at == null ? 0 : Math.max(0, at.getLineNr());
        int column = at == null ? 0 : Math.max(0, at.getColumnNr());
        String what = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        what = what.replaceAll("\\s+", " ").strip();
        if (what.startsWith("Duplicate field")) {
            int q = what.indexOf('\'');
            int r = what.indexOf('\'', q + 1);
            String key = q >= 0 && r > q ? what.substring(q + 1, r) : what;
            return new InvalidInputException(Problem.of("$", ProblemCode.JSON_DUPLICATE_KEY, line, column, key));
        }
        if (what.startsWith("Trailing token")) {
            return new InvalidInputException(Problem.of("$", ProblemCode.JSON_TRAILING, line, column));
        }
        // Jackson's own words (English) for the rare rest: they name the offending character exactly
        return new InvalidInputException(Problem.of("$", ProblemCode.JSON_MALFORMED, line, column, shorten(what)));
    }

    private static String shorten(String s) {
        return s.length() <= 160 ? s : s.substring(0, 157) + "...";
    }
}
