package org.doorstep.field;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.stream.Collectors;

import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.domain.catalogue.CatalogueHolder;
import org.doorstep.domain.checklist.Checklist;
import org.doorstep.domain.form.CaseForm;

/**
 * How a case is laid out in the vault, shared by every way a case is made (the guided case on screen, the
 * command line's {@code import}): the slots of its structured items and the label shown in lists. One place, so
 * that a case imported from a file and one entered at the bedside look the same to HQ.
 */
public final class CaseLayout {

    /** The case form ({@code doorstep-form/1}). */
    public static final String FORM_SLOT = "form";
    /** The checklist's statuses ({@code doorstep-checklist/1}). */
    public static final String CHECKLIST_SLOT = "checklist";
    /** The visit record ({@code doorstep-visit/1}). */
    public static final String VISIT_SLOT = "visit";
    /** Media type of the structured items. */
    public static final String JSON_MEDIA_TYPE = "application/json";

    private CaseLayout() {
    }

    /** "张三 · 普通护照 + 往来港澳通行证": the applicant and the documents, as the domain names them in Chinese. */
    public static String label(CaseForm form, Checklist checklist) {
        String documents = checklist.applications().stream().map(a -> a.type().name().zh())
                .collect(Collectors.joining(" + "));
        return form.applicant().name().strip() + " · " + documents;
    }

    /** The catalogue in force on {@code visitDate} in {@code zone}, as the field product would have had it then. */
    public static Catalogue catalogueOn(LocalDate visitDate, ZoneId zone) {
        return CatalogueHolder.withBuiltIn(Clock.fixed(visitDate.atStartOfDay(zone).toInstant(), zone)).current();
    }
}
