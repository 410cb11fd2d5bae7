package org.doorstep.domain.visit;

import java.util.Set;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.ProblemCode;
import org.doorstep.domain.VisitReason;
import org.doorstep.domain.Vocabulary;
import org.doorstep.domain.form.VisitBasis;
import org.doorstep.domain.internal.JsonObject;
import org.doorstep.domain.internal.StrictJson;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The visit record as {@code doorstep-visit/1} JSON, the case's visit item in the vault and in the packet
 * to HQ. Times are ISO 8601 instants (written in UTC; any offset is read).
 *
 * <pre>
 * {"format": "doorstep-visit/1",
 *  "officer": {"id": "J10023", "name": "王警官"},
 *  "start": "2025-06-01T01:30:00Z", "end": "2025-06-01T02:15:00Z",
 *  "address": "北京市西城区某街道 1 号",
 *  "position": {"latitude": 39.91, "longitude": 116.36, "accuracy": 12.5, "fixedAt": "2025-06-01T01:32:00Z"},
 *  "why": {"reason": "disabled", "evidence": "scan.disability"},
 *  "presence": {"kind": "signed", "signature": "signature"}}
 * </pre>
 *
 * A witnessed presence is {@code {"kind": "witnessed", "witnessName", "witnessIdNumber", "photo", "reason"}}.
 */
public final class VisitJson {

    public static final String FORMAT = "doorstep-visit/1";
    public static final int MAX_BYTES = 64 * 1024;

    private static final Set<String> TOP = Set.of("format", "officer", "start", "end", "address", "position", "why",
            "presence");
    private static final Set<String> OFFICER = Set.of("id", "name");
    private static final Set<String> POSITION = Set.of("latitude", "longitude", "accuracy", "fixedAt");
    private static final Set<String> WHY = Set.of("reason", "evidence");
    private static final Set<String> SIGNED = Set.of("kind", "signature");
    private static final Set<String> WITNESSED = Set.of("kind", "witnessName", "witnessIdNumber", "photo", "reason");
    private static final Set<String> KIND = Set.of("kind", "signature", "witnessName", "witnessIdNumber", "photo",
            "reason");

    private enum Kind implements Vocabulary {
        SIGNED, WITNESSED
    }

    private VisitJson() {
    }

    /**
     * Reads a visit record.
     *
     * @throws InvalidInputException with one problem naming the path, for malformed JSON or a wrong structure
     */
    public static VisitRecord read(byte[] json) {
        JsonObject top = JsonObject.of(StrictJson.parse(json, MAX_BYTES), "$", TOP);
        String format = top.text("format");
        if (!format.equals(FORMAT)) {
            throw JsonObject.fail(top.path("format"), ProblemCode.JSON_FORMAT, format, FORMAT);
        }
        JsonObject o = top.optObject("officer", OFFICER);
        Officer officer = o == null ? null : new Officer(o.optText("id"), o.optText("name"));
        JsonObject p = top.optObject("position", POSITION);
        GpsPosition position = p == null ? null : new GpsPosition(p.number("latitude", -1e9, 1e9),
                p.number("longitude", -1e9, 1e9), p.number("accuracy", -1e9, 1e9), p.optInstant("fixedAt"));
        JsonObject w = top.optObject("why", WHY);
        VisitBasis why = w == null ? null : new VisitBasis(w.optVocabulary("reason", VisitReason.class), w.optText("evidence"));
        Presence presence = null;
        JsonObject pr = top.optObject("presence", KIND);
        if (pr != null) {
            Kind kind = pr.vocabulary("kind", Kind.class);
            if (kind == Kind.SIGNED) {
                pr = top.object("presence", SIGNED);
                presence = new Presence.Signed(pr.optText("signature"));
            } else {
                pr = top.object("presence", WITNESSED);
                presence = new Presence.Witnessed(pr.optText("witnessName"), pr.optText("witnessIdNumber"),
                        pr.optText("photo"), pr.optText("reason"));
            }
        }
        return new VisitRecord(officer, top.optInstant("start"), top.optInstant("end"), top.optText("address"), position,
                why, presence);
    }

    /** Writes a visit record as compact UTF-8 JSON; {@link #read} reads it back equal. */
    public static byte[] write(VisitRecord r) {
        ObjectNode top = StrictJson.object();
        top.put("format", FORMAT);
        if (r.officer() != null) {
            ObjectNode o = top.putObject("officer");
            put(o, "id", r.officer().id());
            put(o, "name", r.officer().name());
        }
        put(top, "start", r.start() == null ? null : r.start().toString());
        put(top, "end", r.end() == null ? null : r.end().toString());
        put(top, "address", r.address());
        if (r.position() != null) {
            ObjectNode p = top.putObject("position");
            p.put("latitude", r.position().latitude());
            p.put("longitude", r.position().longitude());
            p.put("accuracy", r.position().accuracyMetres());
            put(p, "fixedAt", r.position().fixedAt() == null ? null : r.position().fixedAt().toString());
        }
        if (r.why() != null) {
            ObjectNode w = top.putObject("why");
            put(w, "reason", r.why().reason() == null ? null : r.why().reason().id());
            put(w, "evidence", r.why().evidence());
        }
        switch (r.presence()) {
            case null -> { }
            case Presence.Signed s -> {
                ObjectNode p = top.putObject("presence");
                p.put("kind", Kind.SIGNED.id());
                put(p, "signature", s.signature());
            }
            case Presence.Witnessed w -> {
                ObjectNode p = top.putObject("presence");
                p.put("kind", Kind.WITNESSED.id());
                put(p, "witnessName", w.witnessName());
                put(p, "witnessIdNumber", w.witnessIdNumber());
                put(p, "photo", w.photo());
                put(p, "reason", w.reason());
            }
        }
        return StrictJson.write(top);
    }

    private static void put(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}
