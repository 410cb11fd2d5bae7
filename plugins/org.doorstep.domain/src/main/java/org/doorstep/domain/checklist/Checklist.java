package org.doorstep.domain.checklist;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.Issue;
import org.doorstep.domain.Messages;
import org.doorstep.domain.ReliefBasis;
import org.doorstep.domain.UrgentReason;
import org.doorstep.domain.VisitReason;
import org.doorstep.domain.Vocabulary;
import org.doorstep.domain.Problem;
import org.doorstep.domain.ProblemCode;
import org.doorstep.domain.catalogue.ApplicationType;
import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.domain.catalogue.Condition;
import org.doorstep.domain.catalogue.DocumentFamily;
import org.doorstep.domain.catalogue.Endorsement;
import org.doorstep.domain.catalogue.EvidenceOf;
import org.doorstep.domain.catalogue.FingerprintPolicy;
import org.doorstep.domain.catalogue.FingerprintRequirement;
import org.doorstep.domain.catalogue.IssueRule;
import org.doorstep.domain.catalogue.Level;
import org.doorstep.domain.catalogue.Material;
import org.doorstep.domain.catalogue.Requirement;
import org.doorstep.domain.catalogue.Scope;
import org.doorstep.domain.catalogue.Situation;
import org.doorstep.domain.catalogue.Validity;
import org.doorstep.domain.form.Application;
import org.doorstep.domain.form.CaseForm;
import org.doorstep.domain.form.EndorsementRequest;
import org.doorstep.domain.internal.Fields;

/**
 * The one-time notice's content for a case (一次性告知单): every material the catalogue requires for this
 * applicant's situation and applications, each core or secondary, with why and where it stands; the fees;
 * what the capture must produce.
 *
 * <p>A material needed by several applications appears once (core if any of them needs it as core), unless
 * the catalogue asks for it once per application (each previous document to surrender). Scans the form
 * already refers to (the evidence of the visit reason, of urgency, of fee relief) count as present.
 *
 * <p>Immutable: {@link #attach}, {@link #acceptPending} and {@link #markMissing} return a new checklist. When
 * the form changes, {@link #generate(Catalogue, CaseForm, LocalDate, Checklist)} builds the new list and keeps
 * the status of every item that is still needed. A case can be completed when no core item is missing and
 * every secondary item is either present or accepted pending ({@link #completion()}).
 */
public final class Checklist {

    private final int catalogueVersion;
    private final LocalDate visitDate;
    private final int maxPendingDays;
    private final Map<String, Integer> defaultPendingDays;
    private final List<AppliedFor> applications;
    private final List<ChecklistItem> items;
    private final FeeSummary fees;
    private final List<CaptureNeed> captures;

    private Checklist(int catalogueVersion, LocalDate visitDate, int maxPendingDays,
            Map<String, Integer> defaultPendingDays, List<AppliedFor> applications, List<ChecklistItem> items,
            FeeSummary fees, List<CaptureNeed> captures) {
        this.catalogueVersion = catalogueVersion;
        this.visitDate = visitDate;
        this.maxPendingDays = maxPendingDays;
        this.defaultPendingDays = Map.copyOf(defaultPendingDays);
        this.applications = List.copyOf(applications);
        this.items = List.copyOf(items);
        this.fees = fees;
        this.captures = List.copyOf(captures);
    }

    /**
     * The checklist of {@code form} on {@code visitDate}, every item missing except the scans the form refers to.
     *
     * @throws InvalidInputException if the applicant's identity number is invalid: without the age the
     *                               requirements are unknown
     */
    public static Checklist generate(Catalogue catalogue, CaseForm form, LocalDate visitDate) {
        return build(catalogue, form, visitDate, Map.of());
    }

    /**
     * The checklist of a changed form, keeping the status of every item {@code previous} had that is still
     * needed (a pending status only while the item is still secondary).
     */
    public static Checklist generate(Catalogue catalogue, CaseForm form, LocalDate visitDate, Checklist previous) {
        Map<ItemKey, ItemStatus> statuses = new LinkedHashMap<>();
        if (previous != null) {
            previous.items().forEach(i -> statuses.put(i.key(), i.status()));
        }
        return build(catalogue, form, visitDate, statuses);
    }

    /**
     * The checklist of a saved case: the form's items with the statuses saved for them ({@link ChecklistJson}).
     * Statuses of items no longer needed are dropped; a pending status of an item now core becomes missing.
     */
    public static Checklist restore(Catalogue catalogue, CaseForm form, ChecklistJson.Saved saved) {
        return build(catalogue, form, saved.visitDate(), saved.statuses());
    }

    private static Checklist build(Catalogue catalogue, CaseForm form, LocalDate visitDate,
            Map<ItemKey, ItemStatus> previous) {
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(visitDate, "visitDate");
        Situation situation = form.situationOn(visitDate);
        List<AppliedFor> applied = resolve(catalogue, form.applications());

        Map<ItemKey, Draft> drafts = new LinkedHashMap<>();
        for (AppliedFor a : applied) {
            for (Requirement r : a.type().requirements()) {
                require(drafts, catalogue, r, a, null, situation);
            }
            for (EndorsementChoice e : a.endorsements()) {
                for (Requirement r : e.endorsement().requirements()) {
                    require(drafts, catalogue, r, a, e.endorsement().id(), situation);
                }
            }
        }
        for (Requirement r : catalogue.caseRequirements()) {
            require(drafts, catalogue, r, null, null, situation);
        }

        Map<String, Integer> defaults = new LinkedHashMap<>();
        List<ChecklistItem> items = new ArrayList<>();
        for (Map.Entry<ItemKey, Draft> entry : drafts.entrySet()) {
            Draft d = entry.getValue();
            defaults.put(d.material.id(), catalogue.pendingDays(d.material));
            ItemStatus status = previous.getOrDefault(entry.getKey(), ItemStatus.MISSING);
            if (status instanceof ItemStatus.Pending && d.level == Level.CORE) {
                status = ItemStatus.MISSING;
            }
            String evidence = d.evidenceOf == null ? null : evidence(form, d.evidenceOf);
            if (Fields.isItemRef(evidence)) {
                status = new ItemStatus.Present(evidence);
            }
            items.add(new ChecklistItem(entry.getKey(), d.material, d.level, d.reasons, status));
        }
        return new Checklist(catalogue.version(), visitDate, catalogue.pending().maxDays(), defaults, applied, items,
                Fees.of(catalogue, applied, situation), captures(catalogue, applied, situation.age()));
    }

    /** The form's applications the catalogue knows, with their known endorsements; the rest is the validator's. */
    private static List<AppliedFor> resolve(Catalogue catalogue, List<Application> applications) {
        List<AppliedFor> out = new ArrayList<>();
        for (int i = 0; i < applications.size(); i++) {
            Application a = applications.get(i);
            if (a == null || a.type() == null || a.issue() == null) {
                continue;
            }
            Optional<ApplicationType> type = catalogue.type(a.type());
            Optional<IssueRule> issue = type.flatMap(t -> t.issue(a.issue()));
            if (issue.isEmpty()) {
                continue;
            }
            List<EndorsementChoice> endorsements = new ArrayList<>();
            for (EndorsementRequest r : a.endorsements()) {
                Optional<Endorsement> e = r == null ? Optional.empty() : type.get().endorsement(r.id());
                Optional<Validity> v = e.flatMap(x -> x.validity(r.validity()));
                if (v.isPresent() && endorsements.stream().noneMatch(c -> c.endorsement().equals(e.get()))) {
                    endorsements.add(new EndorsementChoice(e.get(), v.get()));
                }
            }
            out.add(new AppliedFor(i, type.get(), issue.get(), endorsements,
                    a.prior() == null || Fields.blank(a.prior().number()) ? null : a.prior().number().strip()));
        }
        return out;
    }

    /** A material being collected for the list. */
    private static final class Draft {
        final Material material;
        Level level;
        EvidenceOf evidenceOf;
        final List<Reason> reasons = new ArrayList<>();

        Draft(Material material, Level level) {
            this.material = material;
            this.level = level;
        }
    }

    /** Adds {@code r} if it applies; {@code application} is {@code null} for a case-level requirement. */
    private static void require(Map<ItemKey, Draft> drafts, Catalogue catalogue, Requirement r, AppliedFor application,
            String endorsement, Situation situation) {
        if (!r.applies(situation, application == null ? null : application.issue().issue())) {
            return;
        }
        Material material = catalogue.material(r.material()).orElseThrow();
        ItemKey key = material.scope() == Scope.APPLICATION && application != null
                ? ItemKey.of(material.id(), application.type().id()) : ItemKey.of(material.id());
        Draft d = drafts.computeIfAbsent(key, k -> new Draft(material, r.level()));
        if (r.level() == Level.CORE) {
            d.level = Level.CORE;
        }
        r.evidenceOf().ifPresent(e -> d.evidenceOf = e);
        Reason reason = new Reason(application == null ? Reason.CASE : application.index(), endorsement, r.when());
        if (!d.reasons.contains(reason)) {
            d.reasons.add(reason);
        }
    }

    private static String evidence(CaseForm form, EvidenceOf of) {
        return switch (of) {
            case VISIT -> form.visit() == null ? null : form.visit().evidence();
            case URGENT -> form.urgent() == null ? null : form.urgent().evidence();
            case RELIEF -> form.relief() == null ? null : form.relief().evidence();
        };
    }

    private static List<CaptureNeed> captures(Catalogue catalogue, List<AppliedFor> applied, int age) {
        Map<String, List<AppliedFor>> byFamily = new LinkedHashMap<>();
        applied.forEach(a -> byFamily.computeIfAbsent(a.type().family(), f -> new ArrayList<>()).add(a));
        List<CaptureNeed> out = new ArrayList<>();
        for (Map.Entry<String, List<AppliedFor>> e : byFamily.entrySet()) {
            DocumentFamily family = catalogue.family(e.getKey()).orElseThrow();
            FingerprintRequirement strictest = FingerprintRequirement.NONE;
            FingerprintPolicy policy = family.fingerprints();
            int fingers = 0;
            for (AppliedFor a : e.getValue()) {
                FingerprintPolicy p = catalogue.fingerprints(a.type());
                FingerprintRequirement r = p.requirementAt(age);
                if (r.ordinal() < strictest.ordinal()) { // REQUIRED < OPTIONAL < NONE
                    strictest = r;
                }
                if (r != FingerprintRequirement.NONE && p.fingers() > fingers) {
                    fingers = p.fingers();
                    policy = p;
                }
            }
            out.add(new CaptureNeed(family, e.getValue().stream().map(a -> a.type().id()).distinct().toList(),
                    strictest, fingers, strictest == FingerprintRequirement.NONE ? List.of() : policy.order()));
        }
        return out;
    }

    /** The version of the catalogue it was generated from. */
    public int catalogueVersion() {
        return catalogueVersion;
    }

    public LocalDate visitDate() {
        return visitDate;
    }

    /** The applications the checklist was built for, resolved in the catalogue. */
    public List<AppliedFor> applications() {
        return applications;
    }

    public List<ChecklistItem> items() {
        return items;
    }

    public Optional<ChecklistItem> item(ItemKey key) {
        return items.stream().filter(i -> i.key().equals(key)).findFirst();
    }

    /** What the applicant still owes: items accepted pending and items missing. */
    public List<ChecklistItem> owed() {
        return items.stream().filter(i -> !i.isPresent()).toList();
    }

    /**
     * Why {@code item} is needed, one line per reason, in {@code locale}: the application (and endorsement)
     * that asks for it, then the conditions that held, e.g. "往来港澳通行证（首次申请） · 探亲签注" or
     * "Ordinary passport (first issue); The applicant is 16 or over". Issue conditions are left out, since the
     * application's title names its issue.
     */
    public List<String> because(ChecklistItem item, Locale locale) {
        Messages m = Messages.of(locale);
        boolean english = m.locale().getLanguage().equals("en");
        List<String> lines = new ArrayList<>();
        for (Reason r : item.reasons()) {
            List<String> words = new ArrayList<>();
            if (r.application() != Reason.CASE) {
                Optional<AppliedFor> a = applications.stream().filter(x -> x.index() == r.application()).findFirst();
                if (a.isPresent()) {
                    String title = a.get().title().in(locale);
                    if (r.endorsement() != null) {
                        String name = a.get().type().endorsement(r.endorsement()).map(e -> e.name().in(locale))
                                .orElse(r.endorsement());
                        title += english ? " · " + name + " endorsement" : " · " + name + "签注";
                    }
                    words.add(title);
                }
            }
            for (Condition c : r.conditions()) {
                if (c.kind() != Condition.Kind.ISSUE) {
                    words.add(label(c, m));
                }
            }
            String line = String.join(english ? "; " : "；", words);
            if (!line.isEmpty() && !lines.contains(line)) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** A condition as a phrase: "申请人未满 16 周岁", "Urgent: Funeral abroad". */
    public static String label(Condition c, Messages m) {
        String key = "condition." + c.kind().id();
        return switch (c.kind()) {
            case AGE_BELOW, AGE_AT_LEAST -> m.text(key, c.value());
            case URGENT_REASON -> m.text(key, m.label(Vocabulary.byId(UrgentReason.class, c.value()).orElseThrow()));
            case VISIT_REASON -> m.text(key, m.label(Vocabulary.byId(VisitReason.class, c.value()).orElseThrow()));
            case RELIEF_BASIS -> m.text(key, m.label(Vocabulary.byId(ReliefBasis.class, c.value()).orElseThrow()));
            case ISSUE -> m.text(key, m.label(Vocabulary.byId(Issue.class, c.value()).orElseThrow()));
            default -> m.text(key);
        };
    }

    public FeeSummary fees() {
        return fees;
    }

    public List<CaptureNeed> captures() {
        return captures;
    }

    /** The default deadline for accepting {@code key} pending: the visit date plus the material's days. */
    public LocalDate defaultDeadline(ItemKey key) {
        return visitDate.plusDays(defaultPendingDays.get(indexed(key).material().id()));
    }

    /** The latest deadline an officer may set. */
    public LocalDate latestDeadline() {
        return visitDate.plusDays(maxPendingDays);
    }

    /** The item scanned into case item {@code scan}. */
    public Checklist attach(ItemKey key, String scan) {
        int index = index(key);
        if (!Fields.isItemRef(scan)) {
            throw new InvalidInputException(Problem.of("$.items[" + index + "].scan", ProblemCode.FORM_ITEM_REF,
                    String.valueOf(scan)));
        }
        return with(index, new ItemStatus.Present(scan));
    }

    /** A secondary item accepted pending with the default deadline. */
    public Checklist acceptPending(ItemKey key) {
        return acceptPending(key, defaultDeadline(key));
    }

    /**
     * A secondary item accepted pending, to be handed in by {@code deadline}: from the day after the visit to
     * the catalogue's latest.
     *
     * @throws InvalidInputException for a core item or a deadline out of range
     */
    public Checklist acceptPending(ItemKey key, LocalDate deadline) {
        int index = index(key);
        ChecklistItem item = items.get(index);
        String at = "$.items[" + index + "]";
        if (item.level() == Level.CORE) {
            throw new InvalidInputException(Problem.of(at, ProblemCode.CHECK_CORE_NOT_PENDING, item.material().name()));
        }
        LocalDate earliest = visitDate.plusDays(1);
        if (deadline.isBefore(earliest) || deadline.isAfter(latestDeadline())) {
            throw new InvalidInputException(Problem.of(at + ".deadline", ProblemCode.CHECK_DEADLINE, deadline, earliest,
                    latestDeadline()));
        }
        return with(index, new ItemStatus.Pending(deadline));
    }

    /** The item back to missing (a wrong scan, a pending acceptance withdrawn). */
    public Checklist markMissing(ItemKey key) {
        return with(index(key), ItemStatus.MISSING);
    }

    /** What stands between the case and completion. */
    public Completion completion() {
        return new Completion(
                items.stream().filter(i -> i.level() == Level.CORE && !i.isPresent()).toList(),
                items.stream().filter(i -> i.level() == Level.SECONDARY && i.isMissing()).toList());
    }

    public boolean canComplete() {
        return completion().canComplete();
    }

    private int index(ItemKey key) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).key().equals(key)) {
                return i;
            }
        }
        throw new InvalidInputException(Problem.of("$.checklist", ProblemCode.CHECK_UNKNOWN_ITEM, String.valueOf(key)));
    }

    private ChecklistItem indexed(ItemKey key) {
        return items.get(index(key));
    }

    private Checklist with(int index, ItemStatus status) {
        List<ChecklistItem> next = new ArrayList<>(items);
        next.set(index, items.get(index).withStatus(status));
        return new Checklist(catalogueVersion, visitDate, maxPendingDays, defaultPendingDays, applications, next, fees,
                captures);
    }
}
