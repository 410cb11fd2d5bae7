package org.doorstep.domain.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.LocalizedText;
import org.doorstep.domain.Problem;
import org.doorstep.domain.ProblemCode;
import org.doorstep.domain.Vocabulary;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One JSON object being read, at a path ({@code $.applications[0]}). Construction refuses anything but an
 * object and any field not in the allowed set; the accessors refuse missing required fields and wrong types.
 * The first problem ends the reading with an {@link InvalidInputException} naming the path: a file that is
 * wrong in its structure was not written by our software and is not worth reading further.
 *
 * <p>An explicit {@code null} counts as absent, so writers may emit it for optional fields.
 */
public final class JsonObject {

    private final JsonNode node;
    private final String path;

    private JsonObject(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** {@code node} as an object at {@code path} with only {@code allowed} fields. */
    public static JsonObject of(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw fail(path, ProblemCode.JSON_NOT_OBJECT);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw fail(path + "." + name, ProblemCode.JSON_UNKNOWN_FIELD, name);
            }
        }
        return new JsonObject(node, path);
    }

    public String path() {
        return path;
    }

    public String path(String field) {
        return path + "." + field;
    }

    public boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    private JsonNode required(String field) {
        if (!has(field)) {
            throw fail(path(field), ProblemCode.JSON_REQUIRED);
        }
        return node.get(field);
    }

    /** A required text; blank is refused. */
    public String text(String field) {
        JsonNode v = required(field);
        if (!v.isTextual()) {
            throw fail(path(field), ProblemCode.JSON_NOT_TEXT);
        }
        if (v.textValue().isBlank()) {
            throw fail(path(field), ProblemCode.JSON_BLANK);
        }
        return v.textValue();
    }

    /** An optional text as written (blank allowed: forms keep what the officer typed). */
    public String optText(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode v = node.get(field);
        if (!v.isTextual()) {
            throw fail(path(field), ProblemCode.JSON_NOT_TEXT);
        }
        return v.textValue();
    }

    /** A required whole number within [min, max]. */
    public int integer(String field, int min, int max) {
        JsonNode v = required(field);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw fail(path(field), ProblemCode.JSON_NOT_INTEGER);
        }
        int i = v.intValue();
        if (i < min || i > max) {
            throw fail(path(field), ProblemCode.JSON_OUT_OF_RANGE, i, min, max);
        }
        return i;
    }

    public Optional<Integer> optInteger(String field, int min, int max) {
        return has(field) ? Optional.of(integer(field, min, max)) : Optional.empty();
    }

    /** A required number within [min, max]. */
    public BigDecimal decimal(String field, BigDecimal min, BigDecimal max) {
        JsonNode v = required(field);
        if (!v.isNumber()) {
            throw fail(path(field), ProblemCode.JSON_NOT_NUMBER);
        }
        BigDecimal d = v.decimalValue();
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw fail(path(field), ProblemCode.JSON_OUT_OF_RANGE, d.toPlainString(), min.toPlainString(),
                    max.toPlainString());
        }
        return d;
    }

    public double number(String field, double min, double max) {
        return decimal(field, BigDecimal.valueOf(min), BigDecimal.valueOf(max)).doubleValue();
    }

    public Optional<Double> optNumber(String field, double min, double max) {
        return has(field) ? Optional.of(number(field, min, max)) : Optional.empty();
    }

    public boolean bool(String field, boolean absent) {
        if (!has(field)) {
            return absent;
        }
        JsonNode v = node.get(field);
        if (!v.isBoolean()) {
            throw fail(path(field), ProblemCode.JSON_NOT_BOOLEAN);
        }
        return v.booleanValue();
    }

    /** A required calendar date, {@code yyyy-MM-dd}. */
    public LocalDate date(String field) {
        String s = rawText(field);
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw fail(path(field), ProblemCode.JSON_NOT_DATE, s);
        }
    }

    public LocalDate optDate(String field) {
        return has(field) ? date(field) : null;
    }

    /** A required instant, ISO 8601 with offset or Z ({@code 2025-03-01T09:30:00+08:00}). */
    public Instant instant(String field) {
        String s = rawText(field);
        try {
            return java.time.OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw fail(path(field), ProblemCode.JSON_NOT_TIME, s);
        }
    }

    public Instant optInstant(String field) {
        return has(field) ? instant(field) : null;
    }

    private String rawText(String field) {
        JsonNode v = required(field);
        if (!v.isTextual()) {
            throw fail(path(field), ProblemCode.JSON_NOT_TEXT);
        }
        return v.textValue();
    }

    /** A required value of a vocabulary, spelled by its id. */
    public <E extends Enum<E> & Vocabulary> E vocabulary(String field, Class<E> type) {
        String s = rawText(field);
        return Vocabulary.byId(type, s).orElseThrow(
                () -> fail(path(field), ProblemCode.JSON_NOT_ONE_OF, s, String.join(", ", Vocabulary.ids(type))));
    }

    public <E extends Enum<E> & Vocabulary> E optVocabulary(String field, Class<E> type) {
        return has(field) ? vocabulary(field, type) : null;
    }

    /** A required nested object with only {@code allowed} fields. */
    public JsonObject object(String field, Set<String> allowed) {
        return of(required(field), path(field), allowed);
    }

    public JsonObject optObject(String field, Set<String> allowed) {
        return has(field) ? object(field, allowed) : null;
    }

    /** The objects of an array (absent: empty), each with only {@code allowed} fields. */
    public List<JsonObject> objects(String field, Set<String> allowed) {
        List<JsonObject> out = new ArrayList<>();
        List<JsonNode> elements = array(field);
        for (int i = 0; i < elements.size(); i++) {
            out.add(of(elements.get(i), path(field) + "[" + i + "]", allowed));
        }
        return out;
    }

    /** The texts of an array (absent: empty); blank elements are refused. */
    public List<String> texts(String field) {
        List<String> out = new ArrayList<>();
        List<JsonNode> elements = array(field);
        for (int i = 0; i < elements.size(); i++) {
            JsonNode e = elements.get(i);
            String at = path(field) + "[" + i + "]";
            if (!e.isTextual()) {
                throw fail(at, ProblemCode.JSON_NOT_TEXT);
            }
            if (e.textValue().isBlank()) {
                throw fail(at, ProblemCode.JSON_BLANK);
            }
            out.add(e.textValue());
        }
        return out;
    }

    private List<JsonNode> array(String field) {
        if (!has(field)) {
            return List.of();
        }
        JsonNode v = node.get(field);
        if (!v.isArray()) {
            throw fail(path(field), ProblemCode.JSON_NOT_ARRAY);
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    /** A required {@code {"zh": …, "en": …}}, both non-blank. */
    public LocalizedText localized(String field) {
        JsonObject o = object(field, Set.of("zh", "en"));
        return new LocalizedText(o.text("zh").strip(), o.text("en").strip());
    }

    public LocalizedText optLocalized(String field) {
        return has(field) ? localized(field) : null;
    }

    public static InvalidInputException fail(String path, ProblemCode code, Object... args) {
        return new InvalidInputException(Problem.of(path, code, args));
    }
}
