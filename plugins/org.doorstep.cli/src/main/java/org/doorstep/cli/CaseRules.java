package org.doorstep.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.Problem;
import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.domain.checklist.Checklist;
import org.doorstep.domain.checklist.ChecklistItem;
import org.doorstep.domain.checklist.ItemKey;
import org.doorstep.domain.form.CaseForm;
import org.doorstep.domain.form.FormValidator;
import org.doorstep.domain.visit.Presence;
import org.doorstep.domain.visit.VisitRecord;
import org.doorstep.domain.visit.VisitValidator;
import org.doorstep.field.CaseLayout;
import org.doorstep.vault.ItemKind;

/**
 * The domain's rules over a case file that is structurally sound: the form judged against the built-in
 * catalogue on the visit date, the visit record against the clock and the form, every case item the form or
 * the visit record names present among the attachments, then the checklist generated and each scan attached
 * to the item it is for and each pending item accepted pending, as the domain allows. The first problem ends
 * the command with one line that names its path in the case file and says what is wrong in the domain's
 * words.
 */
final class CaseRules {

    /** What the rules made of a case. */
    record Outcome(String label, LocalDate visitDate, Catalogue catalogue, Checklist checklist) {
    }

    private final String name;
    private final Clock clock;
    private final Locale locale;

    /**
     * @param name   the case file, for messages
     * @param clock  today, and "now" for the visit record's times; its zone is the laptop's
     * @param locale the language of the domain's sentences
     */
    CaseRules(String name, Clock clock, Locale locale) {
        this.name = name;
        this.clock = clock;
        this.locale = locale;
    }

    Outcome apply(CaseFile.Content c) {
        LocalDate visitDate = visitDate(c);
        ZoneId zone = clock.getZone();
        // the catalogue in force on the visit date, as the field product would have had it then
        Catalogue catalogue = CaseLayout.catalogueOn(visitDate, zone);
        refuseAny("$.form", new FormValidator(catalogue).validate(c.form(), visitDate));
        if (c.visit() != null) {
            refuseAny("$.visit", new VisitValidator(clock).validate(c.visit(), c.form()));
            LocalDate started = LocalDate.ofInstant(c.visit().start(), zone);
            if (!started.equals(visitDate)) {
                throw invalid("$.visit.start", "the visit began on " + started + ", not on the visit date " + visitDate
                        + " ($.visitDate)");
            }
        }
        Map<String, CaseFile.Attachment> bySlot = new HashMap<>();
        c.attachments().forEach(a -> bySlot.put(a.slot(), a));
        references(c.form(), c.visit(), bySlot);

        Checklist checklist = Checklist.generate(catalogue, c.form(), visitDate);
        checklist = attach(checklist, c.attachments());
        checklist = acceptPending(checklist, c.pending(), c.attachments());
        String label = c.label() != null ? c.label() : CaseLayout.label(c.form(), checklist);
        return new Outcome(label, visitDate, catalogue, checklist);
    }

    /** The case file's visitDate; else the day the visit record began; else today. Never after today. */
    private LocalDate visitDate(CaseFile.Content c) {
        LocalDate today = LocalDate.now(clock);
        if (c.visitDate() != null) {
            if (c.visitDate().isAfter(today)) {
                throw invalid("$.visitDate", c.visitDate() + " is after today (" + today + ")");
            }
            return c.visitDate();
        }
        if (c.visit() != null && c.visit().start() != null) {
            // a start in the future is the visit validator's to report, with the clock's tolerance
            LocalDate started = LocalDate.ofInstant(c.visit().start(), clock.getZone());
            return started.isAfter(today) ? today : started;
        }
        return today;
    }

    /** Refuses the first of {@code problems} (found in the value at {@code base}), if there is one. */
    private void refuseAny(String base, List<Problem> problems) {
        if (!problems.isEmpty()) {
            List<String> all = problems.stream().map(p -> name + ": " + DomainText.at(base, p, locale)).toList();
            throw CliException.badInput(all.get(0) + DomainText.more(all.size() - 1), all);
        }
    }

    /**
     * The form's evidence and the visit record's signature and photo name case items: each must be an
     * attachment of the kind it stands for, or the case would claim a scan it does not hold.
     */
    private void references(CaseForm form, VisitRecord visit, Map<String, CaseFile.Attachment> bySlot) {
        if (form.visit() != null) {
            reference("$.form.visit.evidence", form.visit().evidence(), ItemKind.SCAN, bySlot);
        }
        if (form.urgent() != null) {
            reference("$.form.urgent.evidence", form.urgent().evidence(), ItemKind.SCAN, bySlot);
        }
        if (form.relief() != null) {
            reference("$.form.relief.evidence", form.relief().evidence(), ItemKind.SCAN, bySlot);
        }
        if (visit == null) {
            return;
        }
        if (visit.why() != null) {
            reference("$.visit.why.evidence", visit.why().evidence(), ItemKind.SCAN, bySlot);
        }
        switch (visit.presence()) {
            case Presence.Signed s -> reference("$.visit.presence.signature", s.signature(), ItemKind.SIGNATURE, bySlot);
            case Presence.Witnessed w -> reference("$.visit.presence.photo", w.photo(), ItemKind.PHOTO, bySlot);
            case null -> {
                // the visit validator has refused a record without presence
            }
        }
    }

    private void reference(String path, String slot, ItemKind kind, Map<String, CaseFile.Attachment> bySlot) {
        if (slot == null || slot.isBlank()) {
            return; // the validators decided whether it may be absent
        }
        CaseFile.Attachment a = bySlot.get(slot);
        if (a == null) {
            throw invalid(path, "names the case item '" + slot + "', but no attachment has that slot");
        }
        if (a.kind() != kind) {
            throw invalid(path, "names '" + slot + "', which is a " + a.kind().id() + " (" + a.path() + "), not a "
                    + kind.id());
        }
    }

    /** Each scan with a material is attached to that checklist item. */
    private Checklist attach(Checklist checklist, List<CaseFile.Attachment> attachments) {
        Map<ItemKey, String> attachedBy = new HashMap<>();
        for (CaseFile.Attachment a : attachments) {
            if (a.material() == null) {
                continue;
            }
            String at = a.path() + ".material";
            ChecklistItem item = item(checklist, a.material(), at);
            String earlier = attachedBy.putIfAbsent(item.key(), a.path());
            if (earlier != null) {
                throw invalid(at, "\"" + item.material().name().in(locale) + "\" is already attached by " + earlier);
            }
            Optional<String> scan = item.scan();
            if (scan.isPresent()) {
                if (scan.get().equals(a.slot())) {
                    continue; // the form's evidence, attached to its own item: nothing to change
                }
                throw invalid(at, "\"" + item.material().name().in(locale) + "\" is the form's evidence, scan '"
                        + scan.get() + "'; attach that slot, or none");
            }
            try {
                checklist = checklist.attach(item.key(), a.slot());
            } catch (InvalidInputException e) {
                throw checklistProblem(a.path(), e.problems().get(0));
            }
        }
        return checklist;
    }

    /** Each pending entry: a secondary item the applicant hands in later, by its deadline or the default. */
    private Checklist acceptPending(Checklist checklist, List<CaseFile.Pending> pending,
            List<CaseFile.Attachment> attachments) {
        Map<ItemKey, String> pendingBy = new HashMap<>();
        for (CaseFile.Pending p : pending) {
            String at = p.path() + ".material";
            ChecklistItem item = item(checklist, p.material(), at);
            String what = "\"" + item.material().name().in(locale) + "\"";
            String earlier = pendingBy.putIfAbsent(item.key(), p.path());
            if (earlier != null) {
                throw invalid(at, what + " is already pending by " + earlier);
            }
            if (item.isPresent()) {
                String by = attachments.stream().filter(a -> a.slot().equals(item.scan().orElseThrow())).findFirst()
                        .map(CaseFile.Attachment::path).orElse("the form's evidence");
                throw invalid(at, what + " is present (" + by + "); it cannot also be pending");
            }
            try {
                checklist = p.deadline() == null ? checklist.acceptPending(item.key())
                        : checklist.acceptPending(item.key(), p.deadline());
            } catch (InvalidInputException e) {
                throw checklistProblem(p.path(), e.problems().get(0));
            }
        }
        return checklist;
    }

    /** The item a case file names as {@code material} or {@code material@type}. */
    private ChecklistItem item(Checklist checklist, String id, String at) {
        ItemKey key = key(id, at);
        return checklist.item(key).orElseThrow(() -> invalid(at, "\"" + id + "\" is not on this case's checklist (its items: "
                + checklist.items().stream().map(i -> i.key().toString()).collect(Collectors.joining(", ")) + ")"));
    }

    private ItemKey key(String id, String at) {
        int sign = id.indexOf('@');
        if (sign < 0) {
            return ItemKey.of(id.strip());
        }
        String material = id.substring(0, sign).strip();
        String type = id.substring(sign + 1).strip();
        if (material.isEmpty() || type.isEmpty() || type.indexOf('@') >= 0) {
            throw invalid(at, "'" + id + "' is not a checklist item: write the material, or material@type for one"
                    + " application's, e.g. prior-document@passport");
        }
        return ItemKey.of(material, type);
    }

    /**
     * A problem the checklist reported at its own item ({@code $.items[3]…}), shown at the case file's entry:
     * the label would number the item as the checklist does, which the case file does not.
     */
    private CliException checklistProblem(String entry, Problem p) {
        String field = p.path().endsWith(".deadline") ? ".deadline" : p.path().endsWith(".scan") ? ".slot" : ".material";
        return invalid(entry + field, DomainText.withoutLabel(p, locale));
    }

    private CliException invalid(String path, String problem) {
        return CliException.badInput(name + ": " + path + ": " + problem);
    }
}
