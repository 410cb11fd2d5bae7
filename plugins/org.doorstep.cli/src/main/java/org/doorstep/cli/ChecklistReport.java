package org.doorstep.cli;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.doorstep.domain.Messages;
import org.doorstep.domain.catalogue.FingerprintRequirement;
import org.doorstep.domain.catalogue.Level;
import org.doorstep.domain.catalogue.PhotoSpec;
import org.doorstep.domain.catalogue.Range;
import org.doorstep.domain.checklist.AppliedFor;
import org.doorstep.domain.checklist.CaptureNeed;
import org.doorstep.domain.checklist.Checklist;
import org.doorstep.domain.checklist.ChecklistItem;
import org.doorstep.domain.checklist.Completion;
import org.doorstep.domain.checklist.EndorsementChoice;
import org.doorstep.domain.checklist.FeeLine;
import org.doorstep.domain.checklist.FeeSummary;
import org.doorstep.vault.ItemKind;

/**
 * Prints a checked case's checklist for support staff: the applications, every material with core or
 * secondary, where it stands and why it is needed, the fees with waivers, what the capture must produce, and
 * whether the case can be completed. Headings are English like the rest of the command line; the domain's
 * texts (materials, reasons, fees) are in the chosen language.
 */
final class ChecklistReport {

    private final PrintStream out;
    private final Locale locale;
    private final Messages messages;

    ChecklistReport(PrintStream out, Locale locale) {
        this.out = out;
        this.locale = locale;
        this.messages = Messages.of(locale);
    }

    void print(CaseFile.Parsed c) {
        Checklist checklist = c.checklist();
        out.println("case:         " + c.label() + (c.urgent() ? " (urgent)" : ""));
        out.println("visit date:   " + c.visitDate() + (c.visit() == null || c.visit().officer() == null ? ""
                : ", officer " + c.visit().officer().id() + " (" + c.visit().officer().name() + ")"));
        out.println("catalogue:    built-in, version " + checklist.catalogueVersion());
        applications(checklist);
        materials(c);
        fees(checklist.fees());
        captures(c);
        completion(checklist);
    }

    private void applications(Checklist checklist) {
        out.println();
        out.println("applications:");
        for (AppliedFor a : checklist.applications()) {
            String endorsements = a.endorsements().stream().map(this::endorsement).collect(Collectors.joining(", "));
            out.println("  " + (a.index() + 1) + ". " + a.title().in(locale)
                    + (endorsements.isEmpty() ? "" : "; endorsements: " + endorsements)
                    + (a.priorNumber() == null ? "" : "; previous document " + a.priorNumber()));
        }
    }

    private String endorsement(EndorsementChoice e) {
        return e.endorsement().name().in(locale) + " (" + e.validity().name().in(locale) + ")";
    }

    private void materials(CaseFile.Parsed c) {
        Checklist checklist = c.checklist();
        out.println();
        out.println("materials:");
        int n = 1;
        for (ChecklistItem item : checklist.items()) {
            out.printf("  %d. %-9s  %-7s  %s  [%s]%n", n++, item.level() == Level.CORE ? "core" : "secondary",
                    status(item), item.material().name().in(locale), item.key());
            out.println("       " + where(item, c));
            List<String> why = checklist.because(item, locale);
            for (int i = 0; i < why.size(); i++) {
                out.println((i == 0 ? "       because: " : "                ") + why.get(i));
            }
        }
    }

    private static String status(ChecklistItem item) {
        return item.isPresent() ? "present" : item.isPending() ? "pending" : "missing";
    }

    /** The scan and its file; the deadline; or what a missing item means for the case. */
    private String where(ChecklistItem item, CaseFile.Parsed c) {
        if (item.isPresent()) {
            String slot = item.scan().orElseThrow();
            Optional<CaseFile.Attachment> a = c.attachments().stream().filter(x -> x.slot().equals(slot)).findFirst();
            return "scan " + slot + a.map(x -> " (" + x.file() + ")").orElse("");
        }
        if (item.isPending()) {
            return "to be handed in by " + item.deadline().orElseThrow();
        }
        return item.level() == Level.CORE ? "blocks completion: scan it"
                : "scan it, or accept it pending (deadline " + c.checklist().defaultDeadline(item.key())
                        + " by default, " + c.checklist().latestDeadline() + " at the latest)";
    }

    private void fees(FeeSummary fees) {
        out.println();
        out.println("fees (CNY):");
        out.printf("  %8s %8s  %s%n", "fee", "due", "item");
        for (FeeLine l : fees.lines()) {
            out.printf("  %8s %8s  %s%s%n", amount(l.amount()), amount(l.due()), l.item().in(locale),
                    l.waiver().map(w -> "; waived: " + w.name().in(locale)).orElse(""));
        }
        out.printf("  %8s %8s  %s%n", "", amount(fees.total()), "total due"
                + (fees.waived().signum() == 0 ? "" : " (" + amount(fees.waived()) + " waived)"));
    }

    private static String amount(BigDecimal amount) {
        BigDecimal a = amount.stripTrailingZeros();
        return (a.scale() <= 0 ? a.setScale(0) : a.setScale(2)).toPlainString();
    }

    private void captures(CaseFile.Parsed c) {
        out.println();
        out.println("captures:");
        for (CaptureNeed need : c.checklist().captures()) {
            out.println("  " + need.family().name().in(locale) + " (" + String.join(", ", need.types()) + ")");
            out.println("    photo: " + photo(need.family().photo()));
            out.println("    fingerprints: " + messages.label(need.fingerprints())
                    + (need.fingerprints() == FingerprintRequirement.NONE ? ""
                            : ": " + need.fingers() + " prints, fingers tried in the order " + need.order().stream()
                                    .map(messages::label).collect(Collectors.joining(", "))));
        }
        out.println("  in this case: " + attached(c, ItemKind.PHOTO, "photo") + "; "
                + attached(c, ItemKind.FINGERPRINT, "fingerprint") + "; " + attached(c, ItemKind.SIGNATURE, "signature"));
    }

    private String photo(PhotoSpec p) {
        List<String> parts = new ArrayList<>();
        parts.add(range(p.widthPx()) + " × " + range(p.heightPx()) + " px, " + number(p.widthMm()) + " × "
                + number(p.heightMm()) + " mm" + p.dpi().map(d -> " at " + d + " dpi").orElse(""));
        parts.add("head width " + range(p.headWidthMm()) + " mm");
        p.chinToCrownMm().ifPresent(r -> parts.add("chin to crown " + range(r) + " mm"));
        p.crownToTopMm().ifPresent(r -> parts.add("crown to top " + range(r) + " mm"));
        parts.add("background " + p.backgrounds().stream().map(messages::label).collect(Collectors.joining(", ")));
        parts.add("JPEG " + range(p.jpegKb()) + " KB");
        return String.join(", ", parts);
    }

    private static String range(Range r) {
        return r.min() == r.max() ? number(r.min()) : number(r.min()) + "–" + number(r.max());
    }

    private static String number(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static String attached(CaseFile.Parsed c, ItemKind kind, String word) {
        List<String> slots = c.attachments().stream().filter(a -> a.kind() == kind).map(CaseFile.Attachment::slot).toList();
        return slots.isEmpty() ? "no " + word : slots.size() + " " + word + (slots.size() == 1 ? "" : "s") + " ("
                + String.join(", ", slots) + ")";
    }

    private void completion(Checklist checklist) {
        out.println();
        Completion c = checklist.completion();
        long pending = checklist.items().stream().filter(ChecklistItem::isPending).count();
        if (c.canComplete()) {
            out.println("can be completed: every core material is present"
                    + (pending == 0 ? " and so is every other" : "; " + pending + " pending, with "
                            + (pending == 1 ? "its deadline" : "their deadlines") + " on the one-time notice"));
            return;
        }
        List<String> blocks = new ArrayList<>();
        if (!c.missingCore().isEmpty()) {
            blocks.add("core material missing: " + names(c.missingCore()));
        }
        if (!c.undecided().isEmpty()) {
            blocks.add("neither present nor pending: " + names(c.undecided()));
        }
        out.println("cannot be completed: " + String.join("; ", blocks));
    }

    private String names(List<ChecklistItem> items) {
        return items.stream().map(i -> i.material().name().in(locale) + " [" + i.key() + "]")
                .collect(Collectors.joining(", "));
    }
}
