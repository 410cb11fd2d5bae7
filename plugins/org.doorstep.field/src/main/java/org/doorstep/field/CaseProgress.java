package org.doorstep.field;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.doorstep.fingerprint.ExceptionReason;
import org.doorstep.fingerprint.FingerPosition;
import org.doorstep.fingerprint.SourceKind;
import org.doorstep.photo.CheckId;
import org.doorstep.photo.CheckResult;
import org.doorstep.photo.Measurements;
import org.doorstep.photo.OfficerOverride;
import org.doorstep.photo.Reason;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a guided case knows beyond the form and the checklist, stored with the case (slot {@value #SLOT},
 * {@code doorstep-field/1}) after every change so the officer can leave and resume: the visit date, the work
 * order it was started from, the step the officer was on, the photo attempts with every check's result, and per
 * finger the attempts, the kept capture's score and source, and recorded exceptions. The images themselves are
 * case items of their own. Mutable, but {@link GuidedCase} changes only a {@link #copy()} and keeps it once saved.
 */
final class CaseProgress {

    static final String SLOT = "field";
    static final String FORMAT = "doorstep-field/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One photo attempt as kept: its checks and measurements; its JPEG is the case item {@code attemptSlot}. */
    record PhotoAttempt(int number, Instant takenAt, List<CheckResult> checks, Measurements measurements) {
    }

    /**
     * The photo of one document family.
     *
     * @param chosen   the attempt the case uses (the checks' best, or the officer's override); its JPEG is the case
     *                 item {@code photo.<family>}
     * @param accepted whether the chosen attempt passed every check or an officer accepted it with a reason
     */
    record Photo(List<PhotoAttempt> attempts, Optional<OfficerOverride> override, int chosen, boolean accepted) {
    }

    /** The capture kept for a finger (the case item {@code finger.*}), and the attempts used on it. */
    record Finger(int attempts, int score, boolean accepted, SourceKind source, String device, Instant capturedAt) {
    }

    /** A finger recorded as not capturable; its photo, if any, is the case item {@code finger-exception.*}. */
    record Exception(ExceptionReason reason, String note, boolean photo) {
    }

    LocalDate visitDate;
    Optional<String> workOrder = Optional.empty();
    Step step = Step.IDENTITY;
    final Map<String, Photo> photos = new LinkedHashMap<>();
    final Map<FingerPosition, Finger> fingers = new EnumMap<>(FingerPosition.class);
    final Map<FingerPosition, Integer> fingerAttempts = new EnumMap<>(FingerPosition.class);
    final Map<FingerPosition, Exception> exceptions = new EnumMap<>(FingerPosition.class);

    CaseProgress(LocalDate visitDate, Optional<String> workOrder) {
        this.visitDate = visitDate;
        this.workOrder = workOrder;
    }

    CaseProgress copy() {
        return read(write());
    }

    byte[] write() {
        ObjectNode top = JSON.createObjectNode();
        top.put("format", FORMAT);
        top.put("visitDate", visitDate.toString());
        workOrder.ifPresent(o -> top.put("workOrder", o));
        top.put("step", step.id());
        ObjectNode ps = top.putObject("photos");
        photos.forEach((family, photo) -> {
            ObjectNode p = ps.putObject(family);
            p.put("chosen", photo.chosen());
            p.put("accepted", photo.accepted());
            ArrayNode as = p.putArray("attempts");
            for (PhotoAttempt a : photo.attempts()) {
                ObjectNode an = as.addObject();
                an.put("number", a.number());
                an.put("takenAt", a.takenAt().toString());
                ArrayNode cs = an.putArray("checks");
                for (CheckResult c : a.checks()) {
                    ObjectNode cn = cs.addObject();
                    cn.put("check", c.check().name());
                    cn.put("passed", c.passed());
                    cn.put("score", c.score());
                    ArrayNode rs = cn.putArray("reasons");
                    for (Reason r : c.reasons()) {
                        ObjectNode rn = rs.addObject();
                        rn.put("key", r.key());
                        ArrayNode args = rn.putArray("args");
                        for (Object arg : r.args()) {
                            args.add(arg instanceof Number || arg instanceof String ? JSON.valueToTree(arg)
                                    : JSON.getNodeFactory().textNode(String.valueOf(arg)));
                        }
                    }
                }
                an.set("measurements", JSON.valueToTree(a.measurements()));
            }
            photo.override().ifPresent(o -> {
                ObjectNode on = p.putObject("override");
                on.put("attempt", o.attemptNumber());
                on.put("officer", o.officerId());
                on.put("reason", o.reason());
                on.put("at", o.decidedAt().toString());
            });
        });
        ObjectNode fs = top.putObject("fingers");
        fingers.forEach((position, f) -> {
            ObjectNode fn = fs.putObject(position.name());
            fn.put("attempts", f.attempts());
            fn.put("score", f.score());
            fn.put("accepted", f.accepted());
            fn.put("source", f.source().name());
            fn.put("device", f.device());
            fn.put("capturedAt", f.capturedAt().toString());
        });
        ObjectNode at = top.putObject("fingerAttempts");
        fingerAttempts.forEach((position, n) -> at.put(position.name(), n));
        ObjectNode es = top.putObject("exceptions");
        exceptions.forEach((position, e) -> {
            ObjectNode en = es.putObject(position.name());
            en.put("reason", e.reason().name());
            en.put("note", e.note());
            en.put("photo", e.photo());
        });
        try {
            return JSON.writeValueAsBytes(top);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CaseProgress read(byte[] json) {
        JsonNode top;
        try {
            top = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("the case's progress record cannot be read: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(top.path("format").asText())) {
            throw new IllegalStateException("the case's progress record is not " + FORMAT);
        }
        CaseProgress p = new CaseProgress(LocalDate.parse(top.get("visitDate").asText()),
                top.has("workOrder") ? Optional.of(top.get("workOrder").asText()) : Optional.empty());
        p.step = Step.byId(top.get("step").asText());
        for (Iterator<Map.Entry<String, JsonNode>> it = top.path("photos").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            List<PhotoAttempt> attempts = new ArrayList<>();
            for (JsonNode an : e.getValue().path("attempts")) {
                List<CheckResult> checks = new ArrayList<>();
                for (JsonNode cn : an.path("checks")) {
                    List<Reason> reasons = new ArrayList<>();
                    for (JsonNode rn : cn.path("reasons")) {
                        List<Object> args = new ArrayList<>();
                        for (JsonNode arg : rn.path("args")) {
                            args.add(arg.isNumber() ? arg.numberValue() : arg.asText());
                        }
                        reasons.add(new Reason(rn.get("key").asText(), args));
                    }
                    checks.add(new CheckResult(CheckId.valueOf(cn.get("check").asText()), cn.get("passed").asBoolean(),
                            cn.get("score").asDouble(), reasons));
                }
                Measurements m;
                try {
                    m = JSON.treeToValue(an.get("measurements"), Measurements.class);
                } catch (IOException x) {
                    throw new IllegalStateException("the photo's measurements cannot be read: " + x.getMessage(), x);
                }
                attempts.add(new PhotoAttempt(an.get("number").asInt(), Instant.parse(an.get("takenAt").asText()), checks, m));
            }
            JsonNode on = e.getValue().get("override");
            Optional<OfficerOverride> override = on == null ? Optional.empty()
                    : Optional.of(new OfficerOverride(on.get("attempt").asInt(), on.get("officer").asText(),
                            on.get("reason").asText(), Instant.parse(on.get("at").asText())));
            p.photos.put(e.getKey(), new Photo(attempts, override, e.getValue().path("chosen").asInt(),
                    e.getValue().path("accepted").asBoolean()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = top.path("fingers").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode f = e.getValue();
            p.fingers.put(FingerPosition.valueOf(e.getKey()), new Finger(f.get("attempts").asInt(), f.get("score").asInt(),
                    f.get("accepted").asBoolean(), SourceKind.valueOf(f.get("source").asText()), f.get("device").asText(),
                    Instant.parse(f.get("capturedAt").asText())));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = top.path("fingerAttempts").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            p.fingerAttempts.put(FingerPosition.valueOf(e.getKey()), e.getValue().asInt());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = top.path("exceptions").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode x = e.getValue();
            p.exceptions.put(FingerPosition.valueOf(e.getKey()), new Exception(ExceptionReason.valueOf(x.get("reason").asText()),
                    x.get("note").asText(), x.get("photo").asBoolean()));
        }
        return p;
    }
}
