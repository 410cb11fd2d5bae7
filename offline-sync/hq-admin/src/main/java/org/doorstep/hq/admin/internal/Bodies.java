package org.doorstep.hq.admin.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.VisitReason;
import org.doorstep.domain.Vocabulary;
import org.doorstep.domain.catalogue.ApplicationType;
import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.domain.identity.IdentityNumber;
import org.doorstep.hq.admin.AdminException;
import org.doorstep.hq.admin.StatusUpdate;
import org.doorstep.hq.admin.WorkOrderRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bodies of the commands HQ queues, built from checked input with the same rules the laptop applies when it
 * reads them ({@code CommandExecutor}, {@code WorkOrder}): a body the laptop would refuse is refused here, saying
 * which field and why, before anything is queued.
 */
public final class Bodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 -]{4,19}");
    private static final Pattern DOCUMENT = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    public static final int MAX_NOTE = 500;

    private Bodies() {
    }

    /** A {@code WORK_ORDER} body. */
    public static String workOrder(WorkOrderRequest o, LocalDate today) throws AdminException {
        if (o.orderId() == null || !ORDER_ID.matcher(o.orderId()).matches()) {
            throw input("order id: expected 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        String name = text(o.applicantName(), "applicant name", 100, false);
        ObjectNode body = JSON.createObjectNode();
        body.put("orderId", o.orderId());
        ObjectNode applicant = body.putObject("applicant");
        applicant.put("name", name);
        if (o.idNumber().isPresent()) {
            try {
                applicant.put("idNumber", IdentityNumber.parse(o.idNumber().get().strip(), today).value());
            } catch (InvalidInputException e) {
                throw input("identity number: not a valid GB 11643 number (" + e.getMessage() + ")");
            }
        }
        if (o.phone().isPresent()) {
            String phone = o.phone().get().strip();
            if (!PHONE.matcher(phone).matches()) {
                throw input("phone: expected 5-20 digits, spaces or '-', optionally after '+'");
            }
            applicant.put("phone", phone);
        }
        body.put("address", text(o.address(), "address", 300, false));
        String reason = o.reason() == null ? "" : o.reason().strip();
        if (Vocabulary.byId(VisitReason.class, reason).isEmpty()) {
            throw input("visit reason: expected one of " + String.join(", ", Vocabulary.ids(VisitReason.class)));
        }
        body.put("reason", reason);
        List<String> documents = o.documents();
        if (documents.isEmpty() || documents.size() > 10) {
            throw input("documents: expected 1 to 10 application types");
        }
        Set<String> known = new TreeSet<>();
        Catalogue.builtIn().types().stream().map(ApplicationType::id).forEach(known::add);
        Set<String> seen = new HashSet<>();
        var list = body.putArray("documents");
        for (String d : documents) {
            if (d == null || !DOCUMENT.matcher(d).matches() || !known.contains(d)) {
                throw input("documents: \"" + clip(String.valueOf(d)) + "\" is not an application type (" + String.join(", ", known)
                        + ")");
            }
            if (!seen.add(d)) {
                throw input("documents: \"" + d + "\" is named twice");
            }
            list.add(d);
        }
        if (o.due().isPresent()) {
            if (o.due().get().isBefore(today)) {
                throw input("due: " + o.due().get() + " is in the past");
            }
            body.put("due", o.due().get().toString());
        }
        if (o.note().isPresent()) {
            body.put("note", text(o.note().get(), "note", MAX_NOTE, true));
        }
        return write(body);
    }

    /** A {@code STATUS_UPDATE} body; {@code returned} needs a note. */
    public static String status(String caseId, StatusUpdate status, Instant at, String note) throws AdminException {
        if (!isLaptopCaseId(caseId)) {
            throw new AdminException(AdminException.Kind.CONFLICT, "case " + clip(caseId) + " has an id the laptop does"
                    + " not use (a UUID): it cannot be told about it");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("caseId", caseId).put("status", status.id()).put("at", at.toString());
        if (note != null && !note.isBlank()) {
            body.put("note", text(note, "note", MAX_NOTE, true));
        } else if (status == StatusUpdate.RETURNED) {
            throw input("reason: a returned case needs a reason the officer can act on");
        }
        return write(body);
    }

    /** A {@code RESEND} body. */
    public static String resend(UUID packetId, String note) throws AdminException {
        ObjectNode body = JSON.createObjectNode();
        body.put("packetId", packetId.toString());
        if (note != null && !note.isBlank()) {
            body.put("note", text(note, "note", MAX_NOTE, true));
        }
        return write(body);
    }

    /** A {@code REVOKE} or {@code WIPE} body. */
    public static String reason(String reason) throws AdminException {
        return write(JSON.createObjectNode().put("reason", text(reason, "reason", MAX_NOTE, false)));
    }

    static boolean isLaptopCaseId(String caseId) {
        try {
            return caseId != null && UUID.fromString(caseId).toString().equals(caseId);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** 1 to {@code max} characters after trimming, no control characters (new lines only where {@code lines}). */
    public static String text(String value, String what, int max, boolean lines) throws AdminException {
        String t = value == null ? "" : value.strip();
        if (t.isEmpty() || t.length() > max) {
            throw input(what + ": expected 1 to " + max + " characters");
        }
        if (t.chars().anyMatch(ch -> Character.isISOControl(ch) && !(lines && ch == '\n'))) {
            throw input(what + ": holds control characters");
        }
        return t;
    }

    private static String write(ObjectNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    static AdminException input(String message) {
        return new AdminException(AdminException.Kind.INPUT, message);
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
