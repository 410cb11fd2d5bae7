package org.doorstep.domain.checklist;

import static org.doorstep.domain.TestForms.VISIT;
import static org.doorstep.domain.TestForms.apply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import org.doorstep.domain.DeliveryMethod;
import org.doorstep.domain.GuardianRelation;
import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.Issue;
import org.doorstep.domain.ProblemCode;
import org.doorstep.domain.ReliefBasis;
import org.doorstep.domain.TestForms;
import org.doorstep.domain.UrgentReason;
import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.domain.catalogue.FingerprintRequirement;
import org.doorstep.domain.catalogue.Level;
import org.doorstep.domain.form.Agent;
import org.doorstep.domain.form.Applicant;
import org.doorstep.domain.form.CaseForm;
import org.doorstep.domain.form.Delivery;
import org.doorstep.domain.form.FeeRelief;
import org.doorstep.domain.form.Guardian;
import org.doorstep.domain.form.Urgency;
import org.junit.jupiter.api.Test;

class ChecklistTest {

    private static final Catalogue CATALOGUE = Catalogue.builtIn();
    private static final ItemKey ID_CARD = ItemKey.of("resident-id-card");
    private static final ItemKey HK_RELATIVE = ItemKey.of("relative-hkmo-id");
    private static final ItemKey KINSHIP = ItemKey.of("kinship-proof");

    private static Checklist of(CaseForm form) {
        return Checklist.generate(CATALOGUE, form, VISIT);
    }

    private static List<String> keys(Checklist c) {
        return c.items().stream().map(i -> i.key() + ":" + i.level().id()).toList();
    }

    @Test
    void anElderlyApplicantOwesHerIdCardAndTheFamilyVisitsMaterials() {
        Checklist c = of(TestForms.elderly());
        assertEquals(List.of("resident-id-card:core", "relative-hkmo-id:core", "kinship-proof:secondary"), keys(c));
        ChecklistItem id = c.item(ID_CARD).orElseThrow();
        assertEquals(2, id.reasons().size(), "both the passport and the permit ask for it");
        assertEquals("age>=16", id.reasons().get(0).conditions().get(0).text());
        assertEquals("family-visit", c.item(HK_RELATIVE).orElseThrow().reasons().get(0).endorsement());
        assertTrue(c.items().stream().allMatch(ChecklistItem::isMissing));
    }

    @Test
    void eachItemSaysWhyItIsNeededInBothLanguages() {
        Checklist c = of(TestForms.elderly());
        assertEquals(List.of("普通护照（首次申请）；申请人年满 16 周岁", "往来港澳通行证（首次申请）；申请人年满 16 周岁"),
                c.because(c.item(ID_CARD).orElseThrow(), Locale.SIMPLIFIED_CHINESE));
        assertEquals(List.of("Exit-entry permit for travelling to and from Hong Kong and Macao (first issue) · Family visit endorsement"),
                c.because(c.item(KINSHIP).orElseThrow(), Locale.ENGLISH));
        Checklist urgent = of(TestForms.withUrgent(TestForms.elderly(), new Urgency(UrgentReason.FUNERAL, null, null, null)));
        assertEquals(List.of("Urgent: Funeral abroad"),
                urgent.because(urgent.item(ItemKey.of("funeral-proof")).orElseThrow(), Locale.ENGLISH));
    }

    @Test
    void aMissingCoreItemBlocksCompletionAndAnUndecidedSecondaryOneToo() {
        Checklist c = of(TestForms.elderly());
        Completion completion = c.completion();
        assertFalse(completion.canComplete());
        assertEquals(List.of(ID_CARD, HK_RELATIVE), completion.missingCore().stream().map(ChecklistItem::key).toList());
        assertEquals(List.of(KINSHIP), completion.undecided().stream().map(ChecklistItem::key).toList());

        c = c.attach(ID_CARD, "scan.id-card").acceptPending(KINSHIP);
        assertEquals(List.of(HK_RELATIVE), c.completion().missingCore().stream().map(ChecklistItem::key).toList());
        assertFalse(c.canComplete());
        c = c.attach(HK_RELATIVE, "scan.hk-id");
        assertTrue(c.canComplete());
        assertEquals(List.of(KINSHIP), c.owed().stream().map(ChecklistItem::key).toList());
        assertEquals("scan.id-card", c.item(ID_CARD).orElseThrow().scan().orElseThrow());
    }

    @Test
    void pendingDeadlinesDefaultFromTheCatalogueAndStayWithinItsLimit() {
        Checklist c = of(TestForms.elderly());
        assertEquals(VISIT.plusDays(15), c.acceptPending(KINSHIP).item(KINSHIP).orElseThrow().deadline().orElseThrow());
        assertEquals(VISIT.plusDays(3), c.acceptPending(KINSHIP, VISIT.plusDays(3)).item(KINSHIP).orElseThrow()
                .deadline().orElseThrow());
        assertEquals(VISIT.plusDays(30), c.acceptPending(KINSHIP, VISIT.plusDays(30)).item(KINSHIP).orElseThrow()
                .deadline().orElseThrow());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> c.acceptPending(KINSHIP, VISIT.plusDays(31)));
        assertEquals(ProblemCode.CHECK_DEADLINE, e.problems().get(0).code());
        assertEquals("Deadline of checklist item 3: the deadline 2025-07-02 is not from 2025-06-02 to 2025-07-01",
                e.messages(Locale.ENGLISH).get(0));
        assertThrows(InvalidInputException.class, () -> c.acceptPending(KINSHIP, VISIT));
    }

    @Test
    void coreItemsCannotBeAcceptedPending() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> of(TestForms.elderly()).acceptPending(ID_CARD));
        assertEquals(ProblemCode.CHECK_CORE_NOT_PENDING, e.problems().get(0).code());
        assertEquals("材料清单第 1 项：“申请人居民身份证”是核心材料，不能容缺受理", e.messages(Locale.SIMPLIFIED_CHINESE).get(0));
    }

    @Test
    void unknownItemsAndBadScanReferencesAreRefused() {
        Checklist c = of(TestForms.elderly());
        assertEquals(ProblemCode.CHECK_UNKNOWN_ITEM, assertThrows(InvalidInputException.class,
                () -> c.attach(ItemKey.of("household-register"), "scan.hukou")).problems().get(0).code());
        assertEquals(ProblemCode.FORM_ITEM_REF, assertThrows(InvalidInputException.class,
                () -> c.attach(ID_CARD, "../etc/passwd")).problems().get(0).code());
    }

    @Test
    void aMinorNeedsTheHouseholdRegisterAndTheGuardiansProofsAndTheVisitEvidenceCountsAsPresent() {
        Checklist c = of(TestForms.minor());
        assertEquals(List.of("household-register:core", "guardian-id:core", "guardian-relation-proof:secondary",
                "medical-certificate:core"), keys(c));
        assertEquals("scan.diagnosis", c.item(ItemKey.of("medical-certificate")).orElseThrow().scan().orElseThrow());
    }

    @Test
    void anAdultWithAGuardianNeedsTheCourtRulingAndTheDesignation() {
        CaseForm f = TestForms.withGuardian(TestForms.elderly(), new Guardian("李强", TestForms.SON, GuardianRelation.CHILD, "13900000000"));
        List<String> keys = keys(of(f));
        assertTrue(keys.containsAll(List.of("guardian-id:core", "guardianship-designation:core", "capacity-ruling:core")), keys.toString());
        assertFalse(keys.contains("guardian-relation-proof:secondary"));
    }

    @Test
    void anAgentBringsAnIdAndTheApplicantsAuthorisation() {
        CaseForm f = TestForms.withAgent(TestForms.elderly(), new Agent("李强", TestForms.SON, "儿子", "13900000000"));
        assertTrue(keys(of(f)).containsAll(List.of("agent-id:core", "agent-authorisation:core")));
    }

    @Test
    void eachPreviousDocumentIsItsOwnItem() {
        Checklist c = of(TestForms.withApplications(TestForms.elderly(), apply("passport", Issue.RENEWAL, "E12345678"),
                apply("hk-macau-permit", Issue.REPLACE_LOST, null), apply("taiwan-permit", Issue.REPLACE_DAMAGED, "L12345678")));
        assertEquals(List.of("resident-id-card:core", "prior-document@passport:core", "loss-statement@hk-macau-permit:core",
                "prior-document@taiwan-permit:core"), keys(c));
    }

    @Test
    void aPreviousDocumentsScanStaysWithItsApplicationWhenAnotherIsRemoved() {
        CaseForm both = TestForms.withApplications(TestForms.elderly(), apply("passport", Issue.RENEWAL, "E12345678"),
                apply("hk-macau-permit", Issue.RENEWAL, "C12345678"));
        Checklist c = of(both).attach(ItemKey.of("prior-document", "hk-macau-permit"), "scan.old-permit");
        Checklist permitOnly = Checklist.generate(CATALOGUE, TestForms.withApplications(TestForms.elderly(),
                apply("hk-macau-permit", Issue.RENEWAL, "C12345678")), VISIT, c);
        assertEquals("scan.old-permit", permitOnly.item(ItemKey.of("prior-document", "hk-macau-permit")).orElseThrow()
                .scan().orElseThrow());
        assertEquals(1, permitOnly.items().stream().filter(ChecklistItem::isPresent).count());
    }

    @Test
    void theIdCardsMaterialsDependOnTheIssue() {
        assertEquals(List.of("household-register:core"),
                keys(of(TestForms.withApplications(TestForms.elderly(), apply("resident-id-card", Issue.REPLACE_LOST, null)))));
        assertEquals(List.of("prior-document@resident-id-card:core"),
                keys(of(TestForms.withApplications(TestForms.elderly(), apply("resident-id-card", Issue.RENEWAL, null)))));
        assertEquals(List.of("household-register:core"), keys(of(TestForms.withApplications(TestForms.elderly(),
                apply("resident-id-card", Issue.FIRST, null), apply("temporary-id-card", Issue.FIRST, null)))));
    }

    @Test
    void urgentTreatmentAbroadNeedsTheMedicalProofWhichTheFormsEvidenceProvides() {
        CaseForm f = TestForms.withUrgent(TestForms.elderly(), new Urgency(UrgentReason.TREATMENT_ABROAD, null, null, null));
        ChecklistItem proof = of(f).item(ItemKey.of("treatment-abroad-proof")).orElseThrow();
        assertEquals(Level.CORE, proof.level());
        assertTrue(proof.isMissing());
        f = TestForms.withUrgent(f, new Urgency(UrgentReason.TREATMENT_ABROAD, "scan.hospital", null, null));
        assertEquals("scan.hospital", of(f).item(ItemKey.of("treatment-abroad-proof")).orElseThrow().scan().orElseThrow());
    }

    @Test
    void feesAddUpPerDocumentAndEndorsement() {
        FeeSummary fees = of(TestForms.elderly()).fees();
        assertEquals(List.of("120", "60", "15"), fees.lines().stream().map(l -> l.amount().toPlainString()).toList());
        assertEquals(new BigDecimal("195"), fees.total());
        assertEquals("往来港澳通行证 · 探亲签注（一次有效）", fees.lines().get(2).item().zh());
        assertEquals("Ordinary passport (first issue)", fees.lines().get(0).item().en());
    }

    @Test
    void postageIsChargedPerFamilyAndWaivedFrom60() {
        CaseForm f = TestForms.withDelivery(TestForms.withApplications(TestForms.elderly(), apply("passport", Issue.FIRST, null),
                apply("resident-id-card", Issue.RENEWAL, null)), new Delivery(DeliveryMethod.POSTAL, TestForms.address()));
        FeeSummary fees = of(f).fees();
        List<FeeLine> postage = fees.lines().stream().filter(l -> l.kind() == org.doorstep.domain.catalogue.FeeKind.POSTAGE).toList();
        assertEquals(2, postage.size());
        assertTrue(postage.stream().allMatch(l -> l.waiver().orElseThrow().id().equals("postage-aged-60-plus")));
        assertEquals(new BigDecimal("140"), fees.total());
        assertEquals(new BigDecimal("40"), fees.waived());
        // a 13-year-old pays postage
        CaseForm minor = TestForms.withDelivery(TestForms.minor(), new Delivery(DeliveryMethod.POSTAL, TestForms.address()));
        assertEquals(new BigDecimal("140"), of(minor).fees().total());
    }

    @Test
    void idCardFeeReliefFollowsItsBasisAndIssue() {
        CaseForm first = TestForms.withApplications(TestForms.elderly(), apply("resident-id-card", Issue.FIRST, null));
        assertEquals(new BigDecimal("20"), of(first).fees().total());
        CaseForm allowance = TestForms.withRelief(first, new FeeRelief(ReliefBasis.MINIMUM_LIVING_ALLOWANCE, "scan.dibao"));
        assertEquals(BigDecimal.ZERO, of(allowance).fees().total().stripTrailingZeros());
        assertEquals("scan.dibao", of(allowance).item(ItemKey.of("relief-certificate")).orElseThrow().scan().orElseThrow());
        CaseForm hardship = TestForms.withRelief(first, new FeeRelief(ReliefBasis.HARDSHIP, "scan.hardship"));
        assertEquals(new BigDecimal("10"), of(hardship).fees().total());
        CaseForm lost = TestForms.withApplications(allowance, apply("resident-id-card", Issue.REPLACE_LOST, null));
        assertEquals(new BigDecimal("40"), of(lost).fees().total(), "the waiver covers first application and renewal only");
    }

    @Test
    void capturesFollowTheStrictestFingerprintRuleOfEachFamily() {
        List<CaptureNeed> elderly = of(TestForms.elderly()).captures();
        assertEquals(1, elderly.size());
        assertEquals("exit-entry", elderly.get(0).family().id());
        assertEquals(FingerprintRequirement.REQUIRED, elderly.get(0).fingerprints());
        assertEquals(2, elderly.get(0).fingers());
        assertEquals(FingerprintRequirement.OPTIONAL, of(TestForms.minor()).captures().get(0).fingerprints());
        CaseForm temporaryOnly = TestForms.withApplications(TestForms.elderly(), apply("temporary-id-card", Issue.FIRST, null));
        assertEquals(FingerprintRequirement.NONE, of(temporaryOnly).captures().get(0).fingerprints());
        CaseForm both = TestForms.withApplications(TestForms.elderly(), apply("temporary-id-card", Issue.FIRST, null),
                apply("resident-id-card", Issue.REPLACE_LOST, null));
        CaptureNeed idCards = of(both).captures().get(0);
        assertEquals(FingerprintRequirement.REQUIRED, idCards.fingerprints());
        assertEquals(List.of("temporary-id-card", "resident-id-card"), idCards.types());
    }

    @Test
    void regeneratingAfterAFormChangeKeepsWhatIsStillNeeded() {
        Checklist before = of(TestForms.elderly()).attach(ID_CARD, "scan.id-card").acceptPending(KINSHIP, VISIT.plusDays(7));
        CaseForm changed = TestForms.withApplications(TestForms.elderly(), apply("passport", Issue.FIRST, null),
                apply("hk-macau-permit", Issue.FIRST, null, "family-visit", "business"));
        Checklist after = Checklist.generate(CATALOGUE, changed, VISIT, before);
        assertEquals("scan.id-card", after.item(ID_CARD).orElseThrow().scan().orElseThrow());
        assertEquals(VISIT.plusDays(7), after.item(KINSHIP).orElseThrow().deadline().orElseThrow());
        assertTrue(after.item(ItemKey.of("business-filing")).orElseThrow().isMissing());
        Checklist passportOnly = Checklist.generate(CATALOGUE,
                TestForms.withApplications(TestForms.elderly(), apply("passport", Issue.FIRST, null)), VISIT, after);
        assertEquals(List.of("resident-id-card:core"), keys(passportOnly));
    }

    @Test
    void aCaseWithoutAValidIdentityNumberHasNoChecklist() {
        CaseForm f = TestForms.withApplicant(TestForms.elderly(), new Applicant("王秀英", "110105194912310021", null));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> of(f));
        assertEquals("$.applicant.idNumber", e.problems().get(0).path());
        assertEquals(ProblemCode.ID_CHECK, e.problems().get(0).code());
    }
}
