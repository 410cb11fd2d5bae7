package org.doorstep.domain.checklist;

import java.time.LocalDate;
import java.util.Objects;

/** Where a checklist item stands: scanned, accepted pending with a deadline, or missing. */
public sealed interface ItemStatus {

    /** Shown and scanned; {@code scan} is the case item holding the scan. */
    record Present(String scan) implements ItemStatus {
        public Present {
            Objects.requireNonNull(scan, "scan");
        }
    }

    /** Accepted pending (容缺受理): the applicant hands it in by {@code deadline}. Secondary items only. */
    record Pending(LocalDate deadline) implements ItemStatus {
        public Pending {
            Objects.requireNonNull(deadline, "deadline");
        }
    }

    /** Not shown, and not accepted pending. */
    record Missing() implements ItemStatus {
    }

    ItemStatus MISSING = new Missing();
}
