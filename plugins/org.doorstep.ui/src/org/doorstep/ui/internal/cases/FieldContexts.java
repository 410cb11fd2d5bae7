package org.doorstep.ui.internal.cases;

import java.time.Clock;

import org.doorstep.domain.notice.Office;
import org.doorstep.field.FieldContext;
import org.doorstep.fingerprint.CaptureOptions;

/** The field layer's context as the product's parts make it. */
public final class FieldContexts {

    private FieldContexts() {
    }

    /** The laptop's clock and zone; the office printed on the one-time notice, until the laptop's settings carry it. */
    public static FieldContext of(CasesMessages cases) {
        return new FieldContext(Clock.systemDefaultZone(),
                new Office(cases.office_name, cases.office_address, cases.office_phone, cases.office_hours),
                CaptureOptions.DEFAULT);
    }
}
