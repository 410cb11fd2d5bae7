package org.doorstep.hq.admin;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A home visit to dispatch to a laptop. Checked before it is queued with the laptop's own rules (identity number
 * GB 11643, visit reasons, application types of the catalogue), so the officer's laptop will not refuse it.
 *
 * @param reason    a visit reason id: {@code aged-60-plus}, {@code disabled}, {@code seriously-ill},
 *                  {@code company-group}
 * @param documents application type ids, e.g. {@code passport}
 */
public record WorkOrderRequest(String orderId, String applicantName, Optional<String> idNumber, Optional<String> phone,
        String address, String reason, List<String> documents, Optional<LocalDate> due, Optional<String> note) {

    public WorkOrderRequest {
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(phone, "phone");
        documents = documents == null ? List.of() : List.copyOf(documents);
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(note, "note");
    }
}
