package org.doorstep.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.doorstep.domain.DeliveryMethod;
import org.doorstep.domain.GuardianRelation;
import org.doorstep.domain.VisitReason;
import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.domain.checklist.Checklist;
import org.doorstep.domain.checklist.ChecklistItem;
import org.doorstep.domain.checklist.ChecklistJson;
import org.doorstep.domain.form.CaseForm;
import org.doorstep.domain.form.FormJson;
import org.doorstep.domain.form.Guardian;
import org.doorstep.vault.AuditAction;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.Fixture;
import org.doorstep.vault.ItemKind;
import org.doorstep.vault.NewItem;
import org.doorstep.vault.Vault;
import org.doorstep.vault.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole session against a real encrypted vault on disk: create, import, call, board, restart, summary. */
class GroupSessionsTest {

    private static final Catalogue CATALOGUE = Catalogue.builtIn();

    @TempDir
    Path dir;

    private static CompanyWideFields postToCompany() {
        return new CompanyWideFields("深圳市腾讯计算机系统有限公司", "深圳市南山区海天二路33号", true, "李经理", "13800138000", "广东省",
                "深圳市", "南山区", "海天二路33号腾讯滨海大厦", "518054", "李经理", "13800138000");
    }

    @Test
    void aSessionRunsAndResumesAfterTheVaultIsClosedAndReopened() throws Exception {
        Fixture f = new Fixture(dir);
        String sessionId;
        String liCase;
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            GroupSessions sessions = new GroupSessions(vault, CATALOGUE, f.clock);
            GroupSession s = sessions.create(CompanyTest.GOOD, postToCompany());
            sessionId = s.id();
            ImportReport report = sessions.importRoster(sessionId,
                    Rosters.csv(Rosters.THREE_AND_ONE_BAD, StandardCharsets.UTF_8, true));
            assertEquals(3, report.added().size());
            assertEquals(1, report.refusedRows());
            assertEquals(3, sessions.get(sessionId).entries().size());

            RosterEntry zhang = sessions.callNext(sessionId);
            assertEquals("张伟", zhang.name());
            assertEquals(BoardState.IN_PROGRESS, zhang.state());
            assertEquals("李娜", sessions.nextApplicant(sessionId).orElseThrow().name(), "the next waiting one");

            CaseForm form = FormJson.read(vault.cases().read(zhang.caseId(), VaultCaseStarter.FORM_SLOT));
            assertEquals("张伟", form.applicant().name());
            assertEquals("11010519491231002X", form.applicant().idNumber());
            assertEquals(VisitReason.COMPANY_GROUP, form.visit().reason());
            assertEquals(DeliveryMethod.POSTAL, form.delivery().method());
            assertEquals("518054", form.delivery().address().postcode());
            assertEquals("李经理", form.contact().emergencyName());
            assertEquals("passport", form.applications().get(0).type());
            String link = new String(vault.cases().read(zhang.caseId(), VaultCaseStarter.GROUP_SLOT), StandardCharsets.UTF_8);
            assertTrue(link.contains("\"employerName\":\"深圳市腾讯计算机系统有限公司\"") && link.contains(sessionId), link);
            assertTrue(vault.cases().get(zhang.caseId()).label().startsWith("张伟 · 深圳市腾讯计算机系统有限公司 · 普通护照"));

            GroupInputException notYet = assertThrows(GroupInputException.class, () -> sessions.markDone(sessionId, zhang.id()));
            assertEquals("「看板」：此人的案件还没有完成", notYet.messages(Locale.SIMPLIFIED_CHINESE).get(0).replace("第 2 行「看板」：", "「看板」："));
            vault.cases().moveTo(zhang.caseId(), CaseState.COMPLETE, null);
            assertEquals(BoardState.DONE, sessions.refresh(sessionId).entry(zhang.id()).orElseThrow().state());

            RosterEntry li = sessions.callNext(sessionId);
            liCase = li.caseId();
            RosterEntry wang = sessions.get(sessionId).nextApplicant().orElseThrow();
            sessions.followUp(sessionId, wang.id(), "户口簿未带");
            assertThrows(GroupInputException.class, () -> sessions.followUp(sessionId, li.id(), "  "), "a reason is required");
            assertThrows(GroupInputException.class, () -> sessions.start(sessionId, zhang.id()), "done is final");
            assertTrue(sessions.nextApplicant(sessionId).isEmpty());
        }
        try (Vault vault = f.reopenUnlocked()) {
            GroupSessions sessions = new GroupSessions(vault, CATALOGUE, f.clock);
            assertEquals(List.of(sessionId), sessions.list().stream().map(GroupSession::id).toList(), "resumable");
            GroupSession s = sessions.get(sessionId);
            assertEquals(List.of(BoardState.DONE, BoardState.IN_PROGRESS, BoardState.FOLLOW_UP),
                    s.entries().stream().map(RosterEntry::state).toList());
            assertEquals(liCase, s.entries().get(1).caseId());
            assertEquals("户口簿未带", s.entries().get(2).reason());
            assertEquals(postToCompany(), s.fields());
            assertEquals(CompanyTest.GOOD, s.company());

            SessionSummary summary = sessions.summary(sessionId, Locale.SIMPLIFIED_CHINESE);
            assertEquals(Map.of(BoardState.WAITING, 0, BoardState.IN_PROGRESS, 1, BoardState.DONE, 1, BoardState.FOLLOW_UP, 1),
                    summary.counts());
            assertEquals(List.of("王芳"), summary.followUps().stream().map(RosterEntry::name).toList());
            assertEquals(List.of("李娜"), summary.notFinished().stream().map(RosterEntry::name).toList());

            sessions.end(sessionId);
            assertThrows(GroupInputException.class, () -> sessions.callNext(sessionId));
            assertThrows(GroupInputException.class, () -> sessions.importRoster(sessionId,
                    Rosters.csv(Rosters.THREE_AND_ONE_BAD, StandardCharsets.UTF_8, false)));
            long audited = vault.auditEntries(1, 10_000).stream().filter(e -> e.action() == AuditAction.GROUP_SESSION).count();
            assertEquals(7, audited, "create, import, two starts, done, follow-up, end: each audited once");
            assertTrue(vault.auditEntries(1, 10_000).stream().noneMatch(e -> String.valueOf(e.detail()).contains("张伟")
                    || String.valueOf(e.detail()).contains("11010519491231002X")), "no personal data in the trail");
            assertTrue(vault.verifyAudit().intact());
        }
    }

    @Test
    void aBadCompanyOrABadFileStoresNothing() throws Exception {
        Fixture f = new Fixture(dir);
        try (Vault vault = f.setUp(CryptoSuite.GM)) {
            GroupSessions sessions = new GroupSessions(vault, CATALOGUE, f.clock);
            GroupInputException bad = assertThrows(GroupInputException.class, () -> sessions.create(
                    new Company("某公司", "914403001922038217", "李", "13800138000", "深圳"), postToCompany()));
            assertEquals(List.of("company.creditCode"), bad.problems().stream().map(GroupProblem::column).toList());
            assertEquals(List.of(), sessions.list());

            GroupSession s = sessions.create(CompanyTest.GOOD, CompanyWideFields.defaultsFor(CompanyTest.GOOD));
            sessions.importRoster(s.id(), Rosters.xlsx(Rosters.THREE_AND_ONE_BAD));
            int revision = sessions.get(s.id()).revision();
            byte[] good = Rosters.xlsx(Rosters.THREE_AND_ONE_BAD);
            assertThrows(RosterFileException.class,
                    () -> sessions.importRoster(s.id(), java.util.Arrays.copyOf(good, good.length - 100)));
            ImportReport again = sessions.importRoster(s.id(), Rosters.csv(Rosters.THREE_AND_ONE_BAD, StandardCharsets.UTF_8, false));
            assertEquals(0, again.added().size(), "everyone is already on the roster");
            assertEquals(GroupProblem.Code.ALREADY_IN_SESSION, again.problems().get(0).code());
            assertEquals(revision, sessions.get(s.id()).revision(), "nothing saved for a refused file or no new rows");
            assertEquals(3, sessions.get(s.id()).entries().size());
        }
    }

    @Test
    void theSummaryListsMaterialsAcceptedPendingFromTheCaseChecklist() throws Exception {
        Fixture f = new Fixture(dir);
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            GroupSessions sessions = new GroupSessions(vault, CATALOGUE, f.clock);
            GroupSession s = sessions.create(CompanyTest.GOOD, postToCompany());
            // a child travelling with a parent employee: the parent-relation proof is the catalogue's secondary material
            sessions.importRoster(s.id(), Rosters.csv(List.of(List.of("姓名", "身份证号码", "手机号码", "办理证件"),
                    List.of("张小伟", "110105201503070013", "", "护照")), StandardCharsets.UTF_8, false));
            RosterEntry zhang = sessions.callNext(s.id());
            CaseForm started = FormJson.read(vault.cases().read(zhang.caseId(), "form"));
            CaseForm form = new CaseForm(started.applicant(), new Guardian("王芳", "310115199203045625",
                    GuardianRelation.MOTHER, "13800138000"), null, started.visit(), started.applications(), null,
                    started.delivery(), started.contact(), null);
            vault.cases().put(zhang.caseId(), List.of(new NewItem(ItemKind.FORM, "form", "application/json",
                    FormJson.write(form))));
            LocalDate visit = LocalDate.of(2026, 11, 21);
            Checklist checklist = Checklist.generate(CATALOGUE, form, visit);
            ChecklistItem secondary = checklist.items().stream()
                    .filter(i -> i.level() == org.doorstep.domain.catalogue.Level.SECONDARY).findFirst()
                    .orElseThrow(() -> new AssertionError("no secondary material for a company-group passport"));
            Checklist pending = checklist.acceptPending(secondary.key());
            vault.cases().put(zhang.caseId(), List.of(new NewItem(ItemKind.FORM, "checklist", "application/json",
                    ChecklistJson.write(pending))));
            SessionSummary summary = sessions.summary(s.id(), Locale.SIMPLIFIED_CHINESE);
            assertEquals(1, summary.pending().size());
            SessionSummary.Pending p = summary.pending().get(0);
            assertEquals("张小伟", p.name());
            assertEquals(secondary.material().name().zh(), p.material());
            assertNotNull(p.deadline());
        }
    }
}
