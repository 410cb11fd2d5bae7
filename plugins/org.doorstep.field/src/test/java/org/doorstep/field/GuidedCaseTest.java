package org.doorstep.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.doorstep.capture.signature.SignerRole;
import org.doorstep.domain.DeliveryMethod;
import org.doorstep.domain.Issue;
import org.doorstep.domain.VisitReason;
import org.doorstep.domain.checklist.ChecklistItem;
import org.doorstep.domain.catalogue.Level;
import org.doorstep.domain.form.Applicant;
import org.doorstep.domain.form.Application;
import org.doorstep.domain.form.Contact;
import org.doorstep.domain.form.Delivery;
import org.doorstep.domain.form.VisitBasis;
import org.doorstep.fingerprint.FingerCaptureSession;
import org.doorstep.fingerprint.FingerPosition;
import org.doorstep.fingerprint.SourceKind;
import org.doorstep.fingerprint.drivers.ImageImportDriver;
import org.doorstep.photo.Attempt;
import org.doorstep.photo.CheckId;
import org.doorstep.photo.FileImportSource;
import org.doorstep.photo.ImageLimits;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.ItemInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A home visit through the guided case on a real vault (encrypted Derby on disk), with the photo and the
 * fingerprints imported from real images: started from HQ's work order, left half way, resumed after the vault
 * was closed and opened again, completed.
 */
class GuidedCaseTest {

    private static final String ID = "11010519491231002X";
    private static final String ADDRESS = "北京市西城区某街道 1 号 3 单元 201";

    @TempDir
    Path dir;
    @TempDir
    Path files;

    @Test
    void homeVisitFromAWorkOrderIsSavedAfterEveryStepResumedAfterARestartAndCompleted() throws Exception {
        try (FieldFixture f = new FieldFixture(dir)) {
            f.workOrder(1, "WO-2026-000123", "张三", ID, ADDRESS);
            List<Visit> visits = f.visits().list();
            assertEquals(1, visits.size());
            assertEquals("张三", visits.get(0).applicant());
            assertEquals(ADDRESS, visits.get(0).address());
            assertEquals(Optional.of(VisitReason.AGED_60_PLUS), visits.get(0).reason());
            assertFalse(visits.get(0).started());

            GuidedCase c = f.visits().start("WO-2026-000123");
            assertEquals(Step.IDENTITY, c.currentStep());
            Visit started = f.visits().list().get(0);
            assertEquals(Optional.of(c.caseId()), started.caseId());
            assertEquals(Optional.of(CaseState.DRAFT), started.state());
            assertEquals(1, f.visits().list().size(), "a started work order is listed once, not again as ad hoc");

            // identity: a mistyped number is explained in the domain's words, in both languages
            List<StepProblem> wrong = c.saveIdentity(new Applicant("张三", "110105194912310021", null), null, null,
                    new VisitBasis(VisitReason.AGED_60_PLUS, null), new Contact(ADDRESS, "李强", "13900000000"),
                    Locale.SIMPLIFIED_CHINESE);
            assertEquals(List.of("$.applicant.idNumber"), wrong.stream().map(StepProblem::path).toList());
            assertNotEquals(wrong.get(0).text(), c.problems(Step.IDENTITY, Locale.ENGLISH).get(0).text());
            assertTrue(c.missing().contains(Step.IDENTITY));
            assertEquals(List.of(), c.saveIdentity(new Applicant("张三", ID, null), null, null,
                    new VisitBasis(VisitReason.AGED_60_PLUS, null), new Contact(ADDRESS, "李强", "13900000000"),
                    Locale.SIMPLIFIED_CHINESE));

            // applications: one form, two documents
            c.goTo(Step.APPLICATIONS);
            assertEquals(List.of(), c.saveApplications(List.of(new Application("passport", Issue.FIRST, List.of(), null),
                    new Application("hk-macau-permit", Issue.FIRST, List.of(), null)), null,
                    new Delivery(DeliveryMethod.COLLECT, null), null, Locale.SIMPLIFIED_CHINESE));
            assertEquals("张三 · 普通护照 + 往来港澳通行证", c.summary().label());

            // checklist: every core item scanned, every secondary one accepted pending with the default deadline
            c.goTo(Step.CHECKLIST);
            List<ChecklistItem> items = c.checklist().orElseThrow().items();
            assertFalse(c.problems(Step.CHECKLIST, Locale.SIMPLIFIED_CHINESE).isEmpty());
            for (ChecklistItem item : items) {
                if (item.isPresent()) {
                    continue;
                }
                if (item.level() == Level.CORE) {
                    assertTrue(c.attachScan(item.key(), FieldFixture.resource("scan-id-card.pdf")).isPresent());
                    assertTrue(c.scan(item.key()).isPresent());
                } else {
                    ChecklistItem pending = c.acceptPending(item.key(), null);
                    assertTrue(pending.isPending() && pending.deadline().isPresent());
                }
            }
            assertEquals(List.of(), c.problems(Step.CHECKLIST, Locale.SIMPLIFIED_CHINESE));
            Path notice = c.saveNotice(files.resolve("notice.html"));
            String html = Files.readString(notice);
            assertTrue(html.contains("张三") && html.contains("<html"), html.substring(0, Math.min(200, html.length())));
            assertFalse(html.contains(ID), "the notice masks the identity number");

            // photo: obama.jpg leaves too little room above the crown; the officer keeps it with a reason
            c.goTo(Step.PHOTO);
            String family = c.photoFamilies().get(0).id();
            Attempt first = c.takePhoto(family, new FileImportSource(FieldFixture.file(files, "obama.jpg"), ImageLimits.DEFAULT));
            assertEquals(1, first.number());
            assertFalse(first.assessment().check(CheckId.HEAD_POSITION).passed());
            assertTrue(first.assessment().check(CheckId.FACE_COUNT).passed());
            assertEquals(1, c.problems(Step.PHOTO, Locale.ENGLISH).size());
            c.choosePhoto(family, 1, "卧床老人无法调整坐姿，照片经核对可用");
            assertEquals(List.of(), c.problems(Step.PHOTO, Locale.ENGLISH));

            // fingerprints imported from files: the second finger first given as the first one again
            c.goTo(Step.FINGERPRINTS);
            Path probe = FieldFixture.file(files, "probe.png");
            Path matching = FieldFixture.file(files, "matching.png");
            Path nonmatching = FieldFixture.file(files, "nonmatching.png");
            FingerPosition firstFinger = c.nextFinger().orElseThrow();
            FingerCaptureSession.Attempt a1 = c.captureFinger(new ImageImportDriver(p -> Optional.of(probe)), firstFinger);
            assertTrue(a1.accepted(), "probe.png scores " + a1.quality().score());
            FingerPosition secondFinger = c.nextFinger().orElseThrow();
            assertNotEquals(firstFinger, secondFinger);
            FingerCaptureSession.Attempt same = c.captureFinger(new ImageImportDriver(p -> Optional.of(matching)), secondFinger);
            assertFalse(same.sameFingerAs().isEmpty(), "matching.png is the same finger as probe.png");
            assertFalse(same.kept());
            assertEquals(2, c.fingerAttemptsLeft(secondFinger));
            assertEquals(Optional.of(secondFinger), c.nextFinger());

            // the officer leaves; the laptop is shut down and started again
            Map<String, String> before = f.snapshot(c.caseId());
            String caseId = c.caseId();
            f.restart();
            GuidedCase resumed = f.visits().resume(caseId);
            assertEquals(before, f.snapshot(caseId));
            assertEquals(Step.FINGERPRINTS, resumed.currentStep());
            assertEquals(List.of(Step.FINGERPRINTS, Step.SIGNATURES), resumed.missing());
            assertEquals(Optional.of(secondFinger), resumed.nextFinger());
            assertEquals(2, resumed.fingerAttemptsLeft(secondFinger));
            List<Attempt> attempts = resumed.photoAttempts(family);
            assertEquals(1, attempts.size());
            assertEquals(first.assessment().score(), attempts.get(0).assessment().score(), 1e-9);
            assertEquals(first.assessment().check(CheckId.HEAD_POSITION).reason(Locale.ENGLISH),
                    attempts.get(0).assessment().check(CheckId.HEAD_POSITION).reason(Locale.ENGLISH));
            assertEquals(Optional.of(1), resumed.chosenPhoto(family).map(Attempt::number));
            assertEquals(List.of(a1.quality().score()),
                    resumed.keptFingers().stream().map(k -> k.quality().score()).toList());
            // the same-finger check still knows the first finger after the restart
            FingerCaptureSession.Attempt again = resumed.captureFinger(new ImageImportDriver(p -> Optional.of(matching)),
                    secondFinger);
            assertFalse(again.sameFingerAs().isEmpty());
            FingerCaptureSession.Attempt a2 = resumed.captureFinger(new ImageImportDriver(p -> Optional.of(nonmatching)),
                    secondFinger);
            assertTrue(a2.accepted() && a2.sameFingerAs().isEmpty(), "nonmatching.png scores " + a2.quality().score());
            assertEquals(Optional.empty(), resumed.nextFinger());
            assertEquals(List.of(), resumed.problems(Step.FINGERPRINTS, Locale.ENGLISH));

            // signatures, review, completion
            resumed.goTo(Step.SIGNATURES);
            assertThrows(FieldException.class, resumed::complete);
            resumed.sign(FieldFixture.signature(SignerRole.APPLICANT, "张三"));
            resumed.sign(FieldFixture.signature(SignerRole.OFFICER, "王警官"));
            assertEquals(Set.of(SignerRole.APPLICANT, SignerRole.OFFICER), resumed.signedRoles());
            resumed.goTo(Step.REVIEW);
            assertEquals(List.of(), resumed.problems(Step.REVIEW, Locale.SIMPLIFIED_CHINESE));
            assertEquals(List.of(), resumed.missing());

            CaseCompletion.Outcome done = resumed.complete();
            assertEquals(CaseState.COMPLETE, done.summary().state());
            assertEquals(Optional.of(CaseCompletion.Blocker.NOT_ENROLLED), done.waiting(),
                    "not enrolled with HQ: completed and waiting to be sealed");
            Set<String> slots = f.vault.cases().items(caseId).stream().map(ItemInfo::slot).collect(Collectors.toSet());
            assertTrue(slots.containsAll(Set.of("form", "checklist", "field", "photo." + family, "signature.applicant",
                    "signature.officer", "finger." + FingerSteps.slotName(firstFinger),
                    "finger." + FingerSteps.slotName(secondFinger))), slots.toString());
            assertTrue(slots.stream().noneMatch(s -> s.startsWith("photo-attempt.")), slots.toString());
            assertEquals(CaseState.COMPLETE, f.visits().list().get(0).state().orElseThrow());
            assertTrue(f.vault.verifyAudit().intact(), "the audit trail verifies");

            // after a restart the completed case reads the same and can no longer be changed
            f.restart();
            GuidedCase closed = f.visits().resume(caseId);
            assertEquals(Step.COMPLETE, closed.currentStep());
            assertEquals(List.of(), closed.problems(Step.COMPLETE, Locale.ENGLISH));
            assertThrows(IllegalStateException.class, () -> closed.goTo(Step.PHOTO));
            assertEquals(SourceKind.IMPORT, closed.keptFingers().get(0).capture().source());
        }
    }

    @Test
    void anAdHocCaseIsListedUnderItsApplicantOnceNamed() throws Exception {
        try (FieldFixture f = new FieldFixture(dir)) {
            GuidedCase c = f.visits().startAdHoc();
            assertEquals("临时案件", c.summary().label());
            assertEquals(List.of(Step.IDENTITY, Step.APPLICATIONS, Step.CHECKLIST, Step.PHOTO, Step.FINGERPRINTS,
                    Step.SIGNATURES), c.missing());
            c.saveIdentity(new Applicant("李四", ID, null), null, null, new VisitBasis(VisitReason.AGED_60_PLUS, null),
                    new Contact("北京市东城区某胡同 5 号", null, null), Locale.ENGLISH);
            Visit v = f.visits().list().get(0);
            assertFalse(v.fromWorkOrder());
            assertEquals("李四", v.applicant());
            assertEquals("北京市东城区某胡同 5 号", v.address());
            assertEquals("李四", c.summary().label());
        }
    }

    @Test
    void aFailedPhotoKeepsTheOfficerOnItsFamilyUntilOneIsKeptWithAReason() throws Exception {
        try (FieldFixture f = new FieldFixture(dir)) {
            GuidedCase c = f.visits().startAdHoc();
            c.saveIdentity(new Applicant("张三", ID, null), null, null, new VisitBasis(VisitReason.AGED_60_PLUS, null),
                    new Contact(ADDRESS, "李强", "13900000000"), Locale.ENGLISH);
            // a passport and an identity card: two document families, two photos to different rules
            assertEquals(List.of(), c.saveApplications(List.of(new Application("passport", Issue.FIRST, List.of(), null),
                    new Application("resident-id-card", Issue.RENEWAL, List.of(), null)), null,
                    new Delivery(DeliveryMethod.COLLECT, null), null, Locale.ENGLISH));
            assertEquals(List.of("exit-entry", "id-card"), c.photoFamilies().stream().map(d -> d.id()).toList());
            assertEquals("exit-entry", c.photoFamilyToTake().orElseThrow().id());

            Attempt first = c.takePhoto("exit-entry", new FileImportSource(FieldFixture.file(files, "obama.jpg"),
                    ImageLimits.DEFAULT));
            assertFalse(first.assessment().passed());
            // the best attempt so far is "chosen", but the family is not settled: the officer stays on it
            assertTrue(c.chosenPhoto("exit-entry").isPresent());
            assertFalse(c.photoAccepted("exit-entry"));
            assertEquals("exit-entry", c.photoFamilyToTake().orElseThrow().id());
            assertTrue(c.canTakePhoto("exit-entry"));

            Attempt second = c.takePhoto("exit-entry", new FileImportSource(FieldFixture.file(files, "biden.jpg"),
                    ImageLimits.DEFAULT));
            assertEquals(2, second.number());
            assertFalse(second.assessment().passed(), "the shared portraits fail the exit-entry checks");
            assertEquals("exit-entry", c.photoFamilyToTake().orElseThrow().id(), "still on it for the third attempt");
            int best = c.bestPhoto("exit-entry").orElseThrow().number();
            c.choosePhoto("exit-entry", best, "卧床老人无法调整坐姿，照片经核对可用");
            assertTrue(c.photoAccepted("exit-entry"));
            assertEquals("id-card", c.photoFamilyToTake().orElseThrow().id(), "then the identity card's photo");
            assertEquals(1, c.problems(Step.PHOTO, Locale.ENGLISH).size());

            // the same after the officer leaves and the laptop restarts
            String caseId = c.caseId();
            f.restart();
            GuidedCase resumed = f.visits().resume(caseId);
            assertTrue(resumed.photoAccepted("exit-entry"));
            assertFalse(resumed.photoAccepted("id-card"));
            assertEquals("id-card", resumed.photoFamilyToTake().orElseThrow().id());
            resumed.takePhoto("id-card", new FileImportSource(FieldFixture.file(files, "obama.jpg"), ImageLimits.DEFAULT));
            resumed.choosePhoto("id-card", 1, "卧床老人无法调整坐姿，照片经核对可用");
            assertEquals(List.of(), resumed.problems(Step.PHOTO, Locale.ENGLISH));
            assertEquals("exit-entry", resumed.photoFamilyToTake().orElseThrow().id(), "all settled: the first again");
        }
    }

    @Test
    void todaysListShowsWhatIsDueTodayAndWhatIsOverdueButNotLaterOrders() throws Exception {
        try (FieldFixture f = new FieldFixture(dir)) {
            java.time.LocalDate today = java.time.LocalDate.now(f.context.clock());
            f.workOrder(1, "WO-TOMORROW", "赵六", ID, ADDRESS, today.plusDays(1));
            f.workOrder(2, "WO-TODAY", "张三", ID, ADDRESS, today);
            f.workOrder(3, "WO-OVERDUE", "李四", ID, ADDRESS, today.minusDays(2));
            GuidedCase adHoc = f.visits().startAdHoc();
            adHoc.saveIdentity(new Applicant("王五", ID, null), null, null, new VisitBasis(VisitReason.AGED_60_PLUS, null),
                    new Contact("北京市东城区某胡同 5 号", null, null), Locale.ENGLISH);

            Visits.Day day = f.visits().today();
            assertEquals(today, day.date());
            assertEquals(List.of("李四", "张三", "王五"), day.visits().stream().map(Visit::applicant).toList(),
                    "overdue first, then today's, then the cases begun on the spot");
            assertEquals(List.of(Visit.Timing.OVERDUE, Visit.Timing.TODAY, Visit.Timing.AD_HOC),
                    day.visits().stream().map(v -> v.timing(today)).toList());
            assertEquals(1, day.later(), "tomorrow's order is counted, not listed");
            assertEquals(4, f.visits().list().size());
        }
    }

    @Test
    void aVisitReasonOtherThanAgeIsProvedByAScanAttachedInTheIdentityStep() throws Exception {
        try (FieldFixture f = new FieldFixture(dir)) {
            GuidedCase c = f.visits().startAdHoc();
            List<StepProblem> problems = c.saveIdentity(new Applicant("张三", ID, null), null, null,
                    new VisitBasis(VisitReason.DISABLED, null), new Contact(ADDRESS, "李强", "13900000000"), Locale.ENGLISH);
            assertEquals(List.of("$.visit.evidence"), problems.stream().map(StepProblem::path).toList());
            assertFalse(c.hasVisitEvidence());
            assertThrows(FieldException.class, () -> c.attachVisitEvidence("not a scan".getBytes(), Locale.ENGLISH));
            assertEquals(List.of(), c.attachVisitEvidence(FieldFixture.resource("scan-id-card.pdf"), Locale.ENGLISH));
            assertTrue(c.hasVisitEvidence());
            String caseId = c.caseId();
            f.restart();
            GuidedCase resumed = f.visits().resume(caseId);
            assertTrue(resumed.hasVisitEvidence());
            assertEquals(GuidedCase.VISIT_EVIDENCE_SLOT, resumed.form().visit().evidence());
            assertEquals(List.of(), resumed.problems(Step.IDENTITY, Locale.ENGLISH));
        }
    }

    @Test
    void badInputIsRefusedInPlainWordsAndLeavesTheStoredCaseIntact() throws Exception {
        try (FieldFixture f = new FieldFixture(dir)) {
            f.workOrder(1, "WO-2", "张三", ID, ADDRESS);
            GuidedCase c = f.visits().start("WO-2");
            c.saveIdentity(new Applicant("张三", ID, null), null, null, new VisitBasis(VisitReason.AGED_60_PLUS, null),
                    new Contact(ADDRESS, "李强", "13900000000"), Locale.ENGLISH);
            c.saveApplications(List.of(new Application("passport", Issue.FIRST, List.of(), null)), null,
                    new Delivery(DeliveryMethod.COLLECT, null), null, Locale.ENGLISH);
            ChecklistItem core = c.checklist().orElseThrow().items().stream().filter(i -> i.level() == Level.CORE)
                    .filter(i -> !i.isPresent()).findFirst().orElseThrow();
            String family = c.photoFamilies().get(0).id();
            Map<String, String> before = f.snapshot(c.caseId());

            byte[] obama = FieldFixture.resource("obama.jpg");
            Path truncated = files.resolve("truncated.jpg");
            Files.write(truncated, Arrays.copyOf(obama, obama.length / 3));
            Path text = files.resolve("finger.png");
            Files.writeString(text, "not a fingerprint");

            List<FieldException> refused = List.of(
                    assertThrows(FieldException.class, () -> c.attachScan(core.key(), "not a scan".getBytes())),
                    assertThrows(FieldException.class, () -> c.acceptPending(core.key(), null)),
                    assertThrows(FieldException.class, () -> c.acceptPending(core.key(), c.visitDate().plusYears(5))),
                    assertThrows(FieldException.class, () -> c.takePhoto(family, new FileImportSource(truncated,
                            ImageLimits.DEFAULT))),
                    assertThrows(FieldException.class, () -> c.choosePhoto(family, 1, " ")),
                    assertThrows(FieldException.class, () -> c.captureFinger(new ImageImportDriver(p -> Optional.of(text)),
                            FingerPosition.RIGHT_THUMB)),
                    assertThrows(FieldException.class, () -> c.captureFinger(new ImageImportDriver(p -> Optional.empty()),
                            FingerPosition.RIGHT_THUMB)),
                    assertThrows(FieldException.class, () -> c.recordFingerException(FingerPosition.LEFT_THUMB,
                            org.doorstep.fingerprint.ExceptionReason.INJURED, "包扎", null)),
                    assertThrows(FieldException.class, () -> c.sign(new org.doorstep.capture.signature.Signature(
                            SignerRole.APPLICANT, "张三", 600, 200, List.of(), java.time.Instant.now()))),
                    assertThrows(FieldException.class, c::complete));
            for (FieldException e : refused) {
                String zh = e.text(Locale.SIMPLIFIED_CHINESE);
                String en = e.text(Locale.ENGLISH);
                assertFalse(zh.isBlank() || en.isBlank());
                assertNotEquals(zh, en, "said in both languages: " + en);
            }
            assertEquals(before, f.snapshot(c.caseId()), "nothing stored changed");
            assertEquals(0, c.photoAttempts(family).size(), "a file that gave no picture uses up no attempt");
            assertEquals(3, c.fingerAttemptsLeft(FingerPosition.RIGHT_THUMB));

            f.restart();
            assertEquals(before, f.snapshot(c.caseId()), "nothing stored changed, seen after a restart");
        }
    }
}
