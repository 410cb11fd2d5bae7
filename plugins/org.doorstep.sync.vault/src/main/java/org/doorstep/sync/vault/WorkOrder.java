package org.doorstep.sync.vault;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.VisitReason;
import org.doorstep.domain.Vocabulary;
import org.doorstep.domain.identity.IdentityNumber;
import org.doorstep.sync.vault.BodyReader.InvalidBody;
import org.doorstep.vault.StoredWorkOrder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A home visit HQ asks this laptop's officer to make: the body of a {@code WORK_ORDER} command, read strictly.
 *
 * <pre>
 * {"orderId":"WO-2026-000123",
 *  "applicant":{"name":"…","idNumber":"…" (optional, GB 11643),"phone":"…" (optional)},
 *  "address":"…","reason":"aged-60-plus"|"disabled"|"seriously-ill"|"company-group",
 *  "documents":["passport","hk-macau-permit",…],       application types of the catalogue, at least one
 *  "due":"2026-12-01" (optional),"note":"…" (optional)}
 * </pre>
 *
 * It is personal data: the vault keeps it sealed and deletes it with the case started from it.
 */
public record WorkOrder(String orderId, Applicant applicant, String address, VisitReason reason, List<String> documents,
        Optional<LocalDate> due, Optional<String> note) {

    public static final int MAX_DOCUMENTS = 10;
    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 -]{4,19}");
    private static final Pattern DOCUMENT = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    /** Who is to be visited. */
    public record Applicant(String name, Optional<String> idNumber, Optional<String> phone) {
        public Applicant {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(idNumber, "idNumber");
            Objects.requireNonNull(phone, "phone");
        }
    }

    public WorkOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(applicant, "applicant");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(reason, "reason");
        documents = List.copyOf(documents);
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(note, "note");
    }

    /** A stored work order (checked when it arrived), for the officer's list. */
    public static WorkOrder of(StoredWorkOrder stored) {
        try {
            return parse(new String(stored.json(), StandardCharsets.UTF_8), null, null);
        } catch (InvalidBody e) {
            throw new IllegalStateException("stored work order " + stored.orderId() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a body strictly.
     *
     * @param documentTypes the application types the laptop's catalogues know, or {@code null} not to check
     * @param today         for the identity number's birth date, or {@code null} not to check the number
     */
    static WorkOrder parse(String json, Set<String> documentTypes, LocalDate today) throws InvalidBody {
        JsonNode root = BodyReader.object(json);
        BodyReader.fields(root, "$", Set.of("orderId", "applicant", "address", "reason", "documents"),
                Set.of("due", "note"));
        String orderId = BodyReader.text(root, "orderId", "$", 64);
        if (!ORDER_ID.matcher(orderId).matches()) {
            throw new InvalidBody("$.orderId: expected 1-64 letters, digits, '.', '_' or '-'");
        }
        JsonNode a = root.get("applicant");
        BodyReader.fields(a, "$.applicant", Set.of("name"), Set.of("idNumber", "phone"));
        String name = BodyReader.text(a, "name", "$.applicant", 100);
        String idNumber = BodyReader.text(a, "idNumber", "$.applicant", 30);
        if (idNumber != null && today != null) {
            try {
                idNumber = IdentityNumber.parse(idNumber, today).value();
            } catch (InvalidInputException e) {
                throw new InvalidBody("$.applicant.idNumber: not a valid identity number (" + e.getMessage() + ")");
            }
        }
        String phone = BodyReader.text(a, "phone", "$.applicant", 20);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw new InvalidBody("$.applicant.phone: expected 5-20 digits, spaces or '-', optionally after '+'");
        }
        String address = BodyReader.text(root, "address", "$", 300);
        String reasonId = BodyReader.text(root, "reason", "$", 40);
        VisitReason reason = Vocabulary.byId(VisitReason.class, reasonId).orElseThrow(() -> new InvalidBody(
                "$.reason: expected one of " + String.join(", ", Vocabulary.ids(VisitReason.class))));
        JsonNode list = root.get("documents");
        if (!list.isArray() || list.isEmpty() || list.size() > MAX_DOCUMENTS) {
            throw new InvalidBody("$.documents: expected a list of 1 to " + MAX_DOCUMENTS + " application types");
        }
        List<String> documents = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "$.documents[" + i + "]";
            JsonNode d = list.get(i);
            if (!d.isTextual() || !DOCUMENT.matcher(d.textValue()).matches()) {
                throw new InvalidBody(path + ": expected an application type id such as passport");
            }
            if (!seen.add(d.textValue())) {
                throw new InvalidBody(path + ": named twice");
            }
            if (documentTypes != null && !documentTypes.contains(d.textValue())) {
                throw new InvalidBody(path + ": \"" + d.textValue() + "\" is not an application type of this laptop's "
                        + "catalogue (" + String.join(", ", new java.util.TreeSet<>(documentTypes)) + ")");
            }
            documents.add(d.textValue());
        }
        LocalDate due = BodyReader.date(root, "due", "$");
        String note = BodyReader.text(root, "note", "$", 500);
        return new WorkOrder(orderId, new Applicant(name, Optional.ofNullable(idNumber), Optional.ofNullable(phone)),
                address, reason, documents, Optional.ofNullable(due), Optional.ofNullable(note));
    }
}
