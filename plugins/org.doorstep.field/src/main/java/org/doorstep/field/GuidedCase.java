package org.doorstep.field;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.doorstep.capture.signature.Signature;
import org.doorstep.capture.signature.SignatureCheck;
import org.doorstep.capture.signature.SignatureJson;
import org.doorstep.capture.signature.SignatureProblem;
import org.doorstep.capture.signature.SignerRole;
import org.doorstep.capture.scan.ScanProblem;
import org.doorstep.capture.scan.ScannedDocument;
import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.Messages;
import org.doorstep.domain.Problem;
import org.doorstep.domain.VisitReason;
import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.domain.catalogue.DocumentFamily;
import org.doorstep.domain.catalogue.FingerprintRequirement;
import org.doorstep.domain.checklist.CaptureNeed;
import org.doorstep.domain.checklist.Checklist;
import org.doorstep.domain.checklist.ChecklistItem;
import org.doorstep.domain.checklist.ChecklistJson;
import org.doorstep.domain.checklist.Completion;
import org.doorstep.domain.checklist.ItemKey;
import org.doorstep.domain.form.Agent;
import org.doorstep.domain.form.Applicant;
import org.doorstep.domain.form.Application;
import org.doorstep.domain.form.CaseForm;
import org.doorstep.domain.form.Contact;
import org.doorstep.domain.form.Delivery;
import org.doorstep.domain.form.FeeRelief;
import org.doorstep.domain.form.FormJson;
import org.doorstep.domain.form.FormValidator;
import org.doorstep.domain.form.Guardian;
import org.doorstep.domain.form.Urgency;
import org.doorstep.domain.form.VisitBasis;
import org.doorstep.domain.notice.NoticeContext;
import org.doorstep.domain.notice.OneTimeNotice;
import org.doorstep.domain.visit.Officer;
import org.doorstep.fingerprint.ExceptionReason;
import org.doorstep.fingerprint.FingerCaptureSession;
import org.doorstep.fingerprint.FingerException;
import org.doorstep.fingerprint.FingerPosition;
import org.doorstep.fingerprint.FingerprintDriver;
import org.doorstep.fingerprint.FingerprintException;
import org.doorstep.photo.Attempt;
import org.doorstep.photo.PhotoInputException;
import org.doorstep.photo.PhotoSource;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.CaseSummary;
import org.doorstep.vault.ItemInfo;
import org.doorstep.vault.ItemKind;
import org.doorstep.vault.NewItem;
import org.doorstep.vault.Vault;

/**
 * One case at the bedside, step by step: identity → applications (one form, several documents) → checklist →
 * photo → fingerprints → signatures → review → complete. Every change is saved to the vault at once, in one
 * transaction with the form, the checklist and the progress record, so the officer can leave and resume: a new
 * {@code GuidedCase} over the same vault sees exactly the same state. A refused change (a damaged file, a deadline
 * too late) throws a {@link FieldException} in plain words and leaves the vault and this object as they were.
 *
 * <p>The rules are the domain's ({@link FormValidator}, {@link Checklist}) and the capture engines'; this class
 * only decides which step a problem belongs to and keeps the case's items. Thread-safe (every method is
 * synchronized), so a screen may run the slow ones (photo checks, fingerprint quality, sealing) in the background.
 */
public final class GuidedCase {

    /** What the visits list shows of a case without opening it. */
    record Header(Optional<String> applicant, Optional<String> address, Optional<VisitReason> reason) {
    }

    /** Paths of the form that the identity step owns; every other form problem belongs to the applications step. */
    private static final List<String> IDENTITY_PATHS = List.of("$.applicant", "$.guardian", "$.agent", "$.visit",
            "$.contact");
    /** Signers of whom one must sign for the applicant. */
    private static final Set<SignerRole> APPLICANT_SIDE = Set.of(SignerRole.APPLICANT, SignerRole.GUARDIAN,
            SignerRole.AGENT, SignerRole.WITNESS);
    private static final String PHOTO_SLOT = "photo.";
    private static final String PHOTO_ATTEMPT_SLOT = "photo-attempt.";
    private static final String SCAN_SLOT = "scan.";
    /** The scan proving the visit reason, named by the form's {@code visit.evidence}. */
    public static final String VISIT_EVIDENCE_SLOT = "scan.visit-evidence";
    private static final String SIGNATURE_SLOT = "signature.";
    private static final String FINGER_SLOT = "finger.";
    private static final String FINGER_EXCEPTION_SLOT = "finger-exception.";

    private final Vault vault;
    private final FieldContext context;
    private final String caseId;
    private final Catalogue catalogue;
    private CaseForm form;
    private Checklist checklist;
    private CaseProgress progress;
    private final Map<String, PhotoSteps.Family> photoSessions = new java.util.HashMap<>();
    private FingerSteps fingers;

    private GuidedCase(Vault vault, FieldContext context, String caseId, CaseForm form, Checklist checklist,
            CaseProgress progress) {
        this.vault = vault;
        this.context = context;
        this.caseId = caseId;
        this.form = form;
        this.progress = progress;
        this.catalogue = CaseLayout.catalogueOn(progress.visitDate, context.clock().getZone());
        this.checklist = checklist;
    }

    /** A new draft case holding {@code form}. */
    static GuidedCase create(Vault vault, FieldContext context, CaseForm form, Optional<String> workOrder,
            LocalDate visitDate) {
        return create(vault, context, form, workOrder, visitDate, List.of());
    }

    /**
     * As {@link #create(Vault, FieldContext, CaseForm, Optional, LocalDate)}, with items of the caller's that link the
     * case to where it came from (a group session, say), stored in the same transaction; their slots must not be
     * the guided case's own.
     */
    static GuidedCase create(Vault vault, FieldContext context, CaseForm form, Optional<String> workOrder,
            LocalDate visitDate, List<NewItem> links) {
        CaseProgress progress = new CaseProgress(visitDate, workOrder);
        GuidedCase c = new GuidedCase(vault, context, null, form, null, progress);
        Checklist checklist = c.regenerate(form);
        List<NewItem> items = new ArrayList<>(c.structured(form, checklist, progress));
        for (NewItem link : links) {
            if (items.stream().anyMatch(i -> i.slot().equals(link.slot()))) {
                throw new IllegalArgumentException("slot " + link.slot() + " is the guided case's own");
            }
            items.add(link);
        }
        CaseSummary created = vault.cases().create(c.label(form, checklist), false, items);
        GuidedCase opened = new GuidedCase(vault, context, created.id(), form, checklist, progress);
        return opened;
    }

    /** Opens a stored case where the officer left it. */
    public static GuidedCase open(Vault vault, String caseId, FieldContext context) {
        Objects.requireNonNull(caseId, "caseId");
        CaseForm form = FormJson.read(vault.cases().read(caseId, CaseLayout.FORM_SLOT));
        CaseProgress progress = CaseProgress.read(vault.cases().read(caseId, CaseProgress.SLOT));
        Catalogue catalogue = CaseLayout.catalogueOn(progress.visitDate, context.clock().getZone());
        Checklist checklist = null;
        if (has(vault, caseId, CaseLayout.CHECKLIST_SLOT)) {
            checklist = Checklist.restore(catalogue, form,
                    ChecklistJson.read(vault.cases().read(caseId, CaseLayout.CHECKLIST_SLOT)));
        }
        return new GuidedCase(vault, context, caseId, form, checklist, progress);
    }

    static Header header(Vault vault, String caseId) {
        if (!has(vault, caseId, CaseLayout.FORM_SLOT)) {
            return new Header(Optional.empty(), Optional.empty(), Optional.empty());
        }
        CaseForm form = FormJson.read(vault.cases().read(caseId, CaseLayout.FORM_SLOT));
        return new Header(
                Optional.ofNullable(form.applicant()).map(Applicant::name).filter(n -> n != null && !n.isBlank()),
                Optional.ofNullable(form.contact()).map(Contact::address).filter(a -> a != null && !a.isBlank()),
                Optional.ofNullable(form.visit()).map(VisitBasis::reason));
    }

    public String caseId() {
        return caseId;
    }

    public synchronized CaseSummary summary() {
        return vault.cases().get(caseId);
    }

    public synchronized Optional<String> workOrderId() {
        return progress.workOrder;
    }

    public synchronized LocalDate visitDate() {
        return progress.visitDate;
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    public synchronized CaseForm form() {
        return form;
    }

    /** The checklist, once identity and applications are valid (else empty). */
    public synchronized Optional<Checklist> checklist() {
        return formProblems().isEmpty() ? Optional.ofNullable(checklist) : Optional.empty();
    }

    /** The newest packet this case was sealed into (its id is what the officer may quote to HQ), if any. */
    public synchronized Optional<org.doorstep.vault.PacketRecord> packet() {
        List<org.doorstep.vault.PacketRecord> packets = vault.packets().ofCase(caseId);
        return packets.isEmpty() ? Optional.empty() : Optional.of(packets.get(packets.size() - 1));
    }

    /**
     * Why a completed case would not be sealed now (not enrolled, revoked, or its packet would not fit the outbox),
     * if it would not. The sync service seals such a case once the reason is gone.
     */
    public synchronized Optional<CaseCompletion.Blocker> sealingBlocker() {
        // the capacity completion itself uses, so that the review page says what completion decides
        CaseCompletion completion = new CaseCompletion(vault, context.clock(), context.random(), context.outboxCapacity());
        if (caseId == null || vault.cases().get(caseId).state() != org.doorstep.vault.CaseState.COMPLETE) {
            return completion.sealingBlocker();
        }
        try {
            return completion.sealingBlocker(caseId);
        } catch (java.io.IOException e) {
            return completion.sealingBlocker();
        }
    }

    /** The step the officer was last on. */
    public synchronized Step currentStep() {
        return progress.step;
    }

    /** Moves to {@code step} (any step may be visited; the indicator shows what is missing), and saves that. */
    public synchronized void goTo(Step step) {
        if (step == Step.COMPLETE) {
            throw new IllegalArgumentException("a case is completed with complete(), not by going to the step");
        }
        requireDraft();
        CaseProgress next = progress.copy();
        next.step = step;
        save(form, checklist, next, List.of());
    }

    // ---- validation -------------------------------------------------------------------------------------------

    /** What is still wrong or missing in {@code step}, in plain words; empty when the step is done. */
    public synchronized List<StepProblem> problems(Step step, Locale locale) {
        Messages domain = Messages.of(locale);
        FieldMessages words = FieldMessages.of(locale);
        List<StepProblem> out = new ArrayList<>();
        switch (step) {
            case IDENTITY, APPLICATIONS -> {
                for (Problem p : formProblems()) {
                    if (stepOf(p) == step) {
                        out.add(new StepProblem(step, p.path(), domain.format(p)));
                    }
                }
            }
            case CHECKLIST -> {
                Optional<Checklist> list = checklist();
                if (list.isEmpty()) {
                    out.add(new StepProblem(step, "$", words.text("checklist.formFirst")));
                } else {
                    Completion completion = list.get().completion();
                    for (ChecklistItem i : completion.missingCore()) {
                        out.add(new StepProblem(step, i.key().toString(),
                                words.text("checklist.missingCore", i.material().name().in(locale))));
                    }
                    for (ChecklistItem i : completion.undecided()) {
                        out.add(new StepProblem(step, i.key().toString(),
                                words.text("checklist.undecided", i.material().name().in(locale))));
                    }
                }
            }
            case PHOTO -> {
                if (checklist().isEmpty()) {
                    out.add(new StepProblem(step, "$", words.text("checklist.formFirst")));
                }
                for (DocumentFamily family : photoFamilies()) {
                    CaseProgress.Photo photo = progress.photos.get(family.id());
                    String name = family.name().in(locale);
                    if (photo == null || photo.attempts().isEmpty()) {
                        out.add(new StepProblem(step, family.id(), words.text("photo.none", name)));
                    } else if (!photo.accepted()) {
                        out.add(new StepProblem(step, family.id(), words.text("photo.notAccepted", name)));
                    }
                }
            }
            case FINGERPRINTS -> {
                if (checklist().isEmpty()) {
                    out.add(new StepProblem(step, "$", words.text("checklist.formFirst")));
                } else {
                    out.addAll(fingerSteps().problems(progress, locale));
                }
            }
            case SIGNATURES -> {
                Set<SignerRole> signed = signedRoles();
                if (signed.stream().noneMatch(APPLICANT_SIDE::contains)) {
                    out.add(new StepProblem(step, SignerRole.APPLICANT.name(), words.text("signature.applicantMissing")));
                }
                if (!signed.contains(SignerRole.OFFICER)) {
                    out.add(new StepProblem(step, SignerRole.OFFICER.name(), words.text("signature.officerMissing")));
                }
            }
            case REVIEW -> {
                for (Step s : List.of(Step.IDENTITY, Step.APPLICATIONS, Step.CHECKLIST, Step.PHOTO, Step.FINGERPRINTS,
                        Step.SIGNATURES)) {
                    out.addAll(problems(s, locale));
                }
            }
            case COMPLETE -> {
                if (summary().state() == CaseState.DRAFT) {
                    out.add(new StepProblem(step, "$", words.text("complete.notYet")));
                }
            }
        }
        return List.copyOf(out);
    }

    /** The steps before review that still have problems: what the step indicator marks as missing. */
    public synchronized List<Step> missing() {
        List<Step> missing = new ArrayList<>();
        for (Step s : List.of(Step.IDENTITY, Step.APPLICATIONS, Step.CHECKLIST, Step.PHOTO, Step.FINGERPRINTS,
                Step.SIGNATURES)) {
            if (!problems(s, Locale.ENGLISH).isEmpty()) {
                missing.add(s);
            }
        }
        return List.copyOf(missing);
    }

    private List<Problem> formProblems() {
        return new FormValidator(catalogue).validate(form, progress.visitDate);
    }

    private static Step stepOf(Problem p) {
        for (String prefix : IDENTITY_PATHS) {
            if (p.path().equals(prefix) || p.path().startsWith(prefix + ".") || p.path().startsWith(prefix + "[")) {
                return Step.IDENTITY;
            }
        }
        return Step.APPLICATIONS;
    }

    // ---- identity and applications ----------------------------------------------------------------------------

    /**
     * Saves the identity step as typed (a draft may hold wrong values; {@link #problems} says what is wrong).
     *
     * @return the step's problems after saving
     */
    public synchronized List<StepProblem> saveIdentity(Applicant applicant, Guardian guardian, Agent agent,
            VisitBasis visit, Contact contact, Locale locale) {
        requireDraft();
        CaseForm next = new CaseForm(applicant, guardian, agent, visit, form.applications(), form.urgent(),
                form.delivery(), contact, form.relief());
        saveForm(next);
        return problems(Step.IDENTITY, locale);
    }

    /**
     * Attaches the scan that proves the visit reason (a disability certificate, a doctor's letter, the company's
     * letter for a group session) and names it as the form's evidence ({@value #VISIT_EVIDENCE_SLOT}); a later scan
     * replaces it.
     *
     * @return the identity step's problems after saving
     * @throws FieldException the scan is unreadable or too small (nothing changed)
     */
    public synchronized List<StepProblem> attachVisitEvidence(byte[] content, Locale locale) throws FieldException {
        requireDraft();
        ScannedDocument scan;
        try {
            scan = ScannedDocument.read(content);
        } catch (ScanProblem e) {
            throw new FieldException(e::message, e);
        }
        VisitBasis visit = new VisitBasis(form.visit() == null ? null : form.visit().reason(), VISIT_EVIDENCE_SLOT);
        CaseForm next = new CaseForm(form.applicant(), form.guardian(), form.agent(), visit, form.applications(),
                form.urgent(), form.delivery(), form.contact(), form.relief());
        save(next, regenerate(next), progress.copy(),
                List.of(new NewItem(ItemKind.SCAN, VISIT_EVIDENCE_SLOT, scan.mediaType(), content)));
        relabel();
        return problems(Step.IDENTITY, locale);
    }

    /** Whether the form names a scan proving the visit reason. */
    public synchronized boolean hasVisitEvidence() {
        return form.visit() != null && VISIT_EVIDENCE_SLOT.equals(form.visit().evidence())
                && has(vault, caseId, VISIT_EVIDENCE_SLOT);
    }

    /** Saves the applications step (the documents asked for on the one form, urgency, delivery, fee relief). */
    public synchronized List<StepProblem> saveApplications(List<Application> applications, Urgency urgent,
            Delivery delivery, FeeRelief relief, Locale locale) {
        requireDraft();
        CaseForm next = new CaseForm(form.applicant(), form.guardian(), form.agent(), form.visit(), applications, urgent,
                delivery, form.contact(), relief);
        saveForm(next);
        return problems(Step.APPLICATIONS, locale);
    }

    private void saveForm(CaseForm next) {
        Checklist regenerated = regenerate(next);
        save(next, regenerated, progress.copy(), List.of());
        relabel();
    }

    /** The checklist for {@code next}, keeping the statuses of items still needed; the old one while it is invalid. */
    private Checklist regenerate(CaseForm next) {
        if (!new FormValidator(catalogue).validate(next, progress.visitDate).isEmpty()) {
            return checklist;
        }
        return checklist == null ? Checklist.generate(catalogue, next, progress.visitDate)
                : Checklist.generate(catalogue, next, progress.visitDate, checklist);
    }

    private void relabel() {
        String label = label(form, checklist);
        CaseSummary now = vault.cases().get(caseId);
        if (!label.equals(now.label())) {
            vault.cases().relabel(caseId, label, now.urgent() || form.urgent() != null);
        }
    }

    private String label(CaseForm f, Checklist c) {
        if (c != null && new FormValidator(catalogue).validate(f, progress.visitDate).isEmpty()) {
            return CaseLayout.label(f, c);
        }
        if (f.applicant() != null && f.applicant().name() != null && !f.applicant().name().isBlank()) {
            return f.applicant().name().strip();
        }
        return FieldMessages.of(Locale.ROOT).text("case.unnamed");
    }

    // ---- checklist and notice ---------------------------------------------------------------------------------

    /**
     * Attaches a scanned document (JPEG, PNG or PDF, checked by content) to its checklist item.
     *
     * @throws FieldException the scan is unreadable or too small, or the item is not on the checklist
     */
    public synchronized ChecklistItem attachScan(ItemKey key, byte[] content) throws FieldException {
        requireDraft();
        Checklist list = requireChecklist();
        ChecklistItem item = list.item(key).orElseThrow(() -> FieldException.of("checklist.noSuchItem", key));
        ScannedDocument scan;
        try {
            scan = ScannedDocument.read(content);
        } catch (ScanProblem e) {
            throw new FieldException(e::message, e);
        }
        String slot = scanSlot(key);
        Checklist next;
        try {
            next = list.attach(key, slot);
        } catch (InvalidInputException e) {
            throw new FieldException(l -> Messages.of(l).format(e.problems().get(0)), e);
        }
        save(form, next, progress.copy(), List.of(new NewItem(ItemKind.SCAN, slot, scan.mediaType(), content)));
        return next.item(item.key()).orElseThrow();
    }

    /** The scan attached to {@code key}, if any. */
    public synchronized Optional<byte[]> scan(ItemKey key) {
        String slot = scanSlot(key);
        return has(vault, caseId, slot) ? Optional.of(vault.cases().read(caseId, slot)) : Optional.empty();
    }

    /**
     * Accepts a secondary item as handed in later, by {@code deadline} (or the catalogue's default when null).
     *
     * @throws FieldException a core item, a deadline outside what the catalogue allows, an unknown item
     */
    public synchronized ChecklistItem acceptPending(ItemKey key, LocalDate deadline) throws FieldException {
        requireDraft();
        Checklist list = requireChecklist();
        list.item(key).orElseThrow(() -> FieldException.of("checklist.noSuchItem", key));
        Checklist next;
        try {
            next = deadline == null ? list.acceptPending(key) : list.acceptPending(key, deadline);
        } catch (InvalidInputException e) {
            throw new FieldException(l -> ProblemText.withoutLabel(e.problems().get(0), l), e);
        }
        save(form, next, progress.copy(), List.of());
        return next.item(key).orElseThrow();
    }

    /** The one-time notice for the applicant (self-contained HTML, Chinese), as the checklist stands now. */
    public synchronized String noticeHtml() throws FieldException {
        Checklist list = requireChecklist();
        org.doorstep.vault.keys.Officer officer = vault.officer()
                .orElseThrow(() -> FieldException.of("vault.locked"));
        return OneTimeNotice.html(catalogue, form, list, new NoticeContext(summary().shortId(), context.office(),
                new Officer(officer.id(), officer.name()), LocalDate.now(context.clock())));
    }

    /** The notice as blocks for a printer ({@link PrintableNotice}), from the same page {@link #noticeHtml()} makes. */
    public synchronized List<PrintableNotice.Block> noticeBlocks() throws FieldException {
        return PrintableNotice.of(noticeHtml());
    }

    /** Writes the notice to {@code file} (through a temporary file, so a half-written notice is never left). */
    public synchronized Path saveNotice(Path file) throws FieldException, IOException {
        String html = noticeHtml();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, html, StandardCharsets.UTF_8);
        return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Checklist requireChecklist() throws FieldException {
        return checklist().orElseThrow(() -> FieldException.of("checklist.formFirst"));
    }

    private static String scanSlot(ItemKey key) {
        return SCAN_SLOT + key.material() + (key.isCaseLevel() ? "" : "." + key.type());
    }

    // ---- photo ------------------------------------------------------------------------------------------------

    /** The document families of this case that need a photo (one photo each), from the checklist's captures. */
    public synchronized List<DocumentFamily> photoFamilies() {
        return checklist().map(c -> c.captures().stream().map(CaptureNeed::family).filter(f -> f.photo() != null)
                .toList()).orElse(List.of());
    }

    /**
     * Whether {@code family}'s photo is settled: its chosen attempt passed every check, or the officer kept an
     * attempt with a reason. Until then the family still needs the officer (a retake, or keeping one with a reason),
     * even though {@link #chosenPhoto} already names the best attempt so far.
     */
    public synchronized boolean photoAccepted(String family) {
        photoSteps(family); // refuses a family this case does not need
        CaseProgress.Photo photo = progress.photos.get(family);
        return photo != null && photo.accepted();
    }

    /**
     * The family the photo screen shows when the officer arrives: the first whose photo is not settled
     * ({@link #photoAccepted}), so that after a failed attempt the officer stays on that family for the second and
     * third attempts or to keep one with a reason; the first family once all are settled; empty when the case needs
     * no photo.
     */
    public synchronized Optional<DocumentFamily> photoFamilyToTake() {
        List<DocumentFamily> families = photoFamilies();
        return families.stream().filter(f -> !photoAccepted(f.id())).findFirst()
                .or(() -> families.stream().findFirst());
    }

    /** The photo rules of {@code family} (the guide on the photo screen is drawn from them). */
    public org.doorstep.photo.PhotoSpec photoSpec(String family) {
        return PhotoSteps.spec(photoFamilies().stream().filter(f -> f.id().equals(family)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("this case needs no photo for '" + family + "'")));
    }

    /** The attempts kept for {@code family}'s photo (at most three), with every check's result. */
    public synchronized List<Attempt> photoAttempts(String family) {
        return photoSteps(family).session().attempts();
    }

    /** The attempt the case uses for {@code family}: the best by the checks, or the officer's choice. */
    public synchronized Optional<Attempt> chosenPhoto(String family) {
        return photoSteps(family).session().chosen();
    }

    public synchronized Optional<Attempt> bestPhoto(String family) {
        return photoSteps(family).session().best();
    }

    public synchronized boolean canTakePhoto(String family) {
        return photoSteps(family).session().canAttempt();
    }

    /**
     * Takes one attempt from {@code source} (the file chooser's import or a camera) and saves it. Slow (face
     * detection): call it off the UI thread.
     *
     * @throws FieldException the source gave no picture (nothing was used up), or three attempts are kept
     */
    public synchronized Attempt takePhoto(String family, PhotoSource source) throws FieldException {
        requireDraft();
        PhotoSteps.Family steps = photoSteps(family);
        if (!steps.session().canAttempt()) {
            throw FieldException.of("photo.attemptsUsedUp");
        }
        org.doorstep.photo.Assessment assessment;
        try {
            assessment = steps.assess(source);
        } catch (PhotoInputException e) {
            throw new FieldException(e::reason, e);
        }
        PhotoSteps.Family next = steps.with(assessment);
        savePhoto(family, next, next.attemptItems());
        photoSessions.put(family, next);
        return next.last();
    }

    /** Keeps attempt {@code number} on the officer's responsibility, with a reason (required). */
    public synchronized void choosePhoto(String family, int number, String reason) throws FieldException {
        requireDraft();
        if (reason == null || reason.isBlank()) {
            throw FieldException.of("photo.reasonRequired");
        }
        PhotoSteps.Family steps = photoSteps(family);
        if (number < 1 || number > steps.session().attempts().size()) {
            throw FieldException.of("photo.noSuchAttempt", number);
        }
        String officer = vault.officer().map(org.doorstep.vault.keys.Officer::id)
                .orElseThrow(() -> FieldException.of("vault.locked"));
        PhotoSteps.Family next = steps.withOverride(number, officer, reason.strip());
        savePhoto(family, next, List.of());
        photoSessions.put(family, next);
    }

    private void savePhoto(String family, PhotoSteps.Family next, List<NewItem> extra) {
        CaseProgress p = progress.copy();
        p.photos.put(family, next.record());
        List<NewItem> items = new ArrayList<>(extra);
        next.session().chosen().flatMap(a -> a.assessment().jpeg())
                .ifPresent(jpeg -> items.add(new NewItem(ItemKind.PHOTO, PHOTO_SLOT + family, "image/jpeg", jpeg)));
        save(form, checklist, p, items);
    }

    private PhotoSteps.Family photoSteps(String family) {
        DocumentFamily f = photoFamilies().stream().filter(x -> x.id().equals(family)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("this case needs no photo for '" + family + "'"));
        return photoSessions.computeIfAbsent(family, id -> PhotoSteps.restore(f, progress.photos.get(id), n -> {
            String slot = photoAttemptSlot(id, n);
            return has(vault, caseId, slot) ? Optional.of(vault.cases().read(caseId, slot)) : Optional.empty();
        }, context));
    }

    static String photoAttemptSlot(String family, int number) {
        return PHOTO_ATTEMPT_SLOT + family + "." + number;
    }

    // ---- fingerprints -----------------------------------------------------------------------------------------

    /** What the case asks of fingerprints: required, optional or none, and how many. */
    public synchronized Optional<CaptureNeed> fingerNeed() {
        return checklist().flatMap(c -> c.captures().stream().filter(n -> n.fingerprints() != FingerprintRequirement.NONE)
                .max(java.util.Comparator.comparing((CaptureNeed n) -> n.fingerprints() == FingerprintRequirement.REQUIRED)
                        .thenComparingInt(CaptureNeed::fingers)));
    }

    /** The finger to capture next, empty when the fingers are done. */
    public synchronized Optional<FingerPosition> nextFinger() {
        return checklist().isEmpty() ? Optional.empty() : fingerSteps().next(progress);
    }

    public synchronized List<FingerCaptureSession.Kept> keptFingers() {
        return fingerSteps().session().keptCaptures();
    }

    public synchronized Map<FingerPosition, ExceptionReason> fingerExceptions() {
        Map<FingerPosition, ExceptionReason> out = new EnumMap<>(FingerPosition.class);
        progress.exceptions.forEach((p, e) -> out.put(p, e.reason()));
        return out;
    }

    /** Attempts left for {@code position} (three per finger by default). */
    public synchronized int fingerAttemptsLeft(FingerPosition position) {
        return Math.max(0, context.fingerOptions().attemptsPerFinger() - progress.fingerAttempts.getOrDefault(position, 0));
    }

    /**
     * Captures {@code position} once with {@code driver} (an import of a chosen file, the simulator, a scanner) and
     * saves the best capture so far. Slow (quality and same-finger check): call it off the UI thread.
     *
     * @throws FieldException the driver or the image failed (nothing changed), or the finger's attempts are used up
     */
    public synchronized FingerCaptureSession.Attempt captureFinger(FingerprintDriver driver, FingerPosition position)
            throws FieldException {
        requireDraft();
        if (fingerAttemptsLeft(position) == 0) {
            throw FieldException.of("finger.attemptsUsedUp");
        }
        FingerSteps steps = fingerSteps();
        FingerSteps.Captured captured;
        try {
            captured = steps.capture(driver, position);
        } catch (FingerprintException e) {
            throw new FieldException(e::message, e);
        }
        CaseProgress p = progress.copy();
        steps.record(captured, p, context.fingerOptions());
        try {
            save(form, checklist, p, captured.items());
        } catch (RuntimeException e) {
            fingers = null; // the session took the capture: rebuild it from what is stored
            throw e;
        }
        return captured.attempt();
    }

    /** Forgets a finger's captures and exception (the wrong finger was captured), and saves that. */
    public synchronized void retakeFinger(FingerPosition position) {
        requireDraft();
        FingerSteps steps = fingerSteps();
        CaseProgress p = progress.copy();
        p.fingers.remove(position);
        p.fingerAttempts.remove(position);
        p.exceptions.remove(position);
        save(form, checklist, p, List.of());
        removeIfPresent(FINGER_SLOT + FingerSteps.slotName(position));
        removeIfPresent(FINGER_EXCEPTION_SLOT + FingerSteps.slotName(position));
        steps.session().discard(position);
    }

    /**
     * Records that {@code position} cannot be captured, with the reason, a note and a photo of the hand (required
     * unless the finger was unusable after every attempt).
     */
    public synchronized void recordFingerException(FingerPosition position, ExceptionReason reason, String note,
            byte[] photo) throws FieldException {
        requireDraft();
        if (progress.fingers.containsKey(position)) {
            throw FieldException.of("finger.capturedAlready");
        }
        FingerException exception;
        try {
            exception = FingerException.of(position, reason, note, photo);
        } catch (FingerprintException e) {
            throw new FieldException(e::message, e);
        }
        CaseProgress p = progress.copy();
        p.exceptions.put(position, new CaseProgress.Exception(reason, exception.note(), exception.photo().isPresent()));
        List<NewItem> items = exception.photo().map(b -> List.of(new NewItem(ItemKind.PHOTO,
                FINGER_EXCEPTION_SLOT + FingerSteps.slotName(position), exception.photoMediaType().orElseThrow(), b)))
                .orElse(List.of());
        save(form, checklist, p, items);
    }

    private FingerSteps fingerSteps() {
        if (fingers == null) {
            fingers = FingerSteps.restore(fingerNeed(), progress, context.fingerOptions(),
                    position -> vault.cases().read(caseId, FINGER_SLOT + FingerSteps.slotName(position)));
        }
        return fingers;
    }

    // ---- signatures -------------------------------------------------------------------------------------------

    /**
     * Saves a signature drawn on the pad (replacing an earlier one of the same signer).
     *
     * @throws FieldException the signature has too little ink or is otherwise not a signature
     */
    public synchronized void sign(Signature signature) throws FieldException {
        requireDraft();
        List<SignatureProblem> problems = SignatureCheck.check(signature);
        if (!problems.isEmpty()) {
            throw new FieldException(problems.get(0)::message);
        }
        save(form, checklist, progress.copy(), List.of(new NewItem(ItemKind.SIGNATURE, signatureSlot(signature.role()),
                CaseLayout.JSON_MEDIA_TYPE, SignatureJson.write(signature))));
    }

    public synchronized Set<SignerRole> signedRoles() {
        Set<SignerRole> roles = java.util.EnumSet.noneOf(SignerRole.class);
        for (ItemInfo i : vault.cases().items(caseId)) {
            for (SignerRole r : SignerRole.values()) {
                if (i.slot().equals(signatureSlot(r))) {
                    roles.add(r);
                }
            }
        }
        return roles;
    }

    private static String signatureSlot(SignerRole role) {
        return SIGNATURE_SLOT + role.name().toLowerCase(Locale.ROOT);
    }

    // ---- completion -------------------------------------------------------------------------------------------

    /**
     * Completes the case: refused while anything is missing; otherwise the photo attempts not chosen are dropped,
     * the case becomes complete and, when the laptop is enrolled with HQ and the outbox has room for it, is sealed
     * into the outbox (otherwise it waits, complete, and the outcome says why). Slow when sealing: call it off the UI
     * thread.
     */
    public synchronized CaseCompletion.Outcome complete() throws FieldException, IOException {
        requireDraft();
        List<Step> missing = missing();
        if (!missing.isEmpty()) {
            throw new FieldException(l -> FieldMessages.of(l).text("complete.missing",
                    String.join(", ", missing.stream().map(s -> s.label(l)).toList())));
        }
        CaseProgress p = progress.copy();
        p.step = Step.COMPLETE;
        save(form, checklist, p, List.of());
        for (ItemInfo i : vault.cases().items(caseId)) {
            if (i.slot().startsWith(PHOTO_ATTEMPT_SLOT)) {
                vault.cases().remove(caseId, i.slot());
            }
        }
        return new CaseCompletion(vault, context.clock(), context.random(), context.outboxCapacity()).complete(caseId,
                "completed by the officer (guided case)");
    }

    // ---- storage ----------------------------------------------------------------------------------------------

    /** Saves the form, checklist and progress with {@code extra} in one transaction, then keeps them here. */
    private void save(CaseForm f, Checklist c, CaseProgress p, List<NewItem> extra) {
        List<NewItem> items = new ArrayList<>(structured(f, c, p));
        items.addAll(extra);
        vault.cases().put(caseId, items);
        form = f;
        checklist = c;
        progress = p;
    }

    private List<NewItem> structured(CaseForm f, Checklist c, CaseProgress p) {
        List<NewItem> items = new ArrayList<>();
        items.add(new NewItem(ItemKind.FORM, CaseLayout.FORM_SLOT, CaseLayout.JSON_MEDIA_TYPE, FormJson.write(f)));
        if (c != null) {
            items.add(new NewItem(ItemKind.FORM, CaseLayout.CHECKLIST_SLOT, CaseLayout.JSON_MEDIA_TYPE,
                    ChecklistJson.write(c)));
        }
        items.add(new NewItem(ItemKind.FORM, CaseProgress.SLOT, CaseLayout.JSON_MEDIA_TYPE, p.write()));
        return items;
    }

    private void removeIfPresent(String slot) {
        if (has(vault, caseId, slot)) {
            vault.cases().remove(caseId, slot);
        }
    }

    private void requireDraft() {
        CaseState state = vault.cases().get(caseId).state();
        if (state != CaseState.DRAFT) {
            throw new IllegalStateException("case " + caseId + " is " + state.id() + ": only a draft can be changed");
        }
    }

    private static boolean has(Vault vault, String caseId, String slot) {
        return vault.cases().items(caseId).stream().anyMatch(i -> i.slot().equals(slot));
    }
}
