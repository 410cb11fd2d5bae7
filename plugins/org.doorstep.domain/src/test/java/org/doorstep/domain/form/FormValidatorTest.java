package org.doorstep.domain.form;

import static org.doorstep.domain.TestForms.VISIT;
import static org.doorstep.domain.TestForms.apply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.doorstep.domain.DeliveryMethod;
import org.doorstep.domain.GuardianRelation;
import org.doorstep.domain.Issue;
import org.doorstep.domain.Messages;
import org.doorstep.domain.Problem;
import org.doorstep.domain.ProblemCode;
import org.doorstep.domain.ReliefBasis;
import org.doorstep.domain.TestForms;
import org.doorstep.domain.UrgentReason;
import org.doorstep.domain.VisitReason;
import org.doorstep.domain.catalogue.Catalogue;
import org.junit.jupiter.api.Test;

class FormValidatorTest {

    private static final Catalogue CATALOGUE = Catalogue.builtIn();
    private final FormValidator validator = new FormValidator(CATALOGUE);

    private List<Problem> problems(CaseForm form) {
        return validator.validate(form, VISIT);
    }

    /** "CODE path" of each problem, for compact assertions. */
    private List<String> found(CaseForm form) {
        return problems(form).stream().map(p -> p.code() + " " + p.path()).toList();
    }

    private Problem single(CaseForm form) {
        List<Problem> problems = problems(form);
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    @Test
    void completeFormsHaveNoProblems() {
        assertEquals(List.of(), problems(TestForms.elderly()));
        assertEquals(List.of(), problems(TestForms.minor()));
    }

    @Test
    void aMinorNeedsAGuardian() {
        Problem p = single(TestForms.withGuardian(TestForms.minor(), null));
        assertEquals(ProblemCode.FORM_GUARDIAN_REQUIRED, p.code());
        assertEquals("$.guardian", p.path());
        assertEquals("监护人：申请人未满 18 周岁（13 岁），须由监护人陪同申请", p.message(Locale.SIMPLIFIED_CHINESE));
        assertEquals("Guardian: the applicant is under 18 (13) and must apply with a guardian", p.message(Locale.ENGLISH));
    }

    @Test
    void minorityEndsOnTheEighteenthBirthday() {
        // born 1 June 2007: 18 on the visit date, so no guardian is needed; a day later born, still a minor
        CaseForm adult = TestForms.withApplicant(TestForms.withGuardian(TestForms.minor(), null),
                new Applicant("张小明", TestForms.withCheck("32010220070601003"), "13600000000"));
        assertEquals(List.of(), problems(adult));
        CaseForm minor = TestForms.withApplicant(adult, new Applicant("张小明", TestForms.withCheck("32010220070602003"), null));
        assertEquals(List.of("FORM_GUARDIAN_REQUIRED $.guardian"), found(minor));
    }

    @Test
    void theGuardianIsAnAdultOtherThanTheApplicantWithARelationThatFits() {
        CaseForm f = TestForms.minor();
        assertEquals(List.of("FORM_RELATION_GENDER $.guardian.relation"),
                found(TestForms.withGuardian(f, new Guardian("张伟", TestForms.MOTHER, GuardianRelation.FATHER, null))));
        assertEquals(List.of("FORM_RELATION_FOR_MINOR $.guardian.relation"),
                found(TestForms.withGuardian(f, new Guardian("张伟", TestForms.FATHER, GuardianRelation.SPOUSE, null))));
        assertEquals(List.of("FORM_MUST_BE_ADULT $.guardian.idNumber"),
                found(TestForms.withGuardian(f, new Guardian("张哥", TestForms.withCheck("32010220080101001"),
                        GuardianRelation.OTHER, null))));
        assertEquals(List.of("FORM_SAME_PERSON $.guardian.idNumber"),
                found(TestForms.withGuardian(f, new Guardian("张小明", TestForms.BOY, GuardianRelation.OTHER, null))));
        String wrongCheck = TestForms.FATHER.substring(0, 17) + (TestForms.FATHER.endsWith("0") ? "1" : "0");
        assertEquals(List.of("ID_CHECK $.guardian.idNumber"),
                found(TestForms.withGuardian(f, new Guardian("张伟", wrongCheck, GuardianRelation.FATHER, null))));
    }

    @Test
    void aged60PlusNeedsAnApplicantOf60OnTheVisitDate() {
        CaseForm sixtyTomorrow = TestForms.withApplicant(TestForms.elderly(),
                new Applicant("王秀英", TestForms.withCheck("11010519650602002"), "13800000000"));
        Problem p = single(sixtyTomorrow);
        assertEquals(ProblemCode.FORM_NOT_AGED_60, p.code());
        assertEquals("上门原因：申请人现为 59 岁，不符合“年满 60 周岁”", p.message(Locale.SIMPLIFIED_CHINESE));
        CaseForm sixtyToday = TestForms.withApplicant(TestForms.elderly(),
                new Applicant("王秀英", TestForms.withCheck("11010519650601002"), "13800000000"));
        assertEquals(List.of(), problems(sixtyToday));
    }

    @Test
    void otherVisitReasonsNeedEvidence() {
        CaseForm f = TestForms.withVisit(TestForms.elderly(), new org.doorstep.domain.form.VisitBasis(VisitReason.DISABLED, null));
        assertEquals(List.of("FORM_EVIDENCE_REQUIRED $.visit.evidence"), found(f));
        f = TestForms.withVisit(f, new VisitBasis(VisitReason.DISABLED, "Scan Disability!"));
        assertEquals(List.of("FORM_ITEM_REF $.visit.evidence"), found(f));
        f = TestForms.withVisit(f, new VisitBasis(VisitReason.DISABLED, "scan.disability"));
        assertEquals(List.of(), found(f));
        assertEquals(List.of("FORM_REQUIRED $.visit"), found(TestForms.withVisit(f, null)));
    }

    @Test
    void urgentProcessingNeedsAReasonEvidenceAndAFutureDate() {
        CaseForm f = TestForms.withUrgent(TestForms.elderly(), new Urgency(null, " ", LocalDate.of(2025, 5, 31), null));
        assertEquals(List.of("FORM_REQUIRED $.urgent.reason", "FORM_EVIDENCE_REQUIRED $.urgent.evidence",
                "FORM_DATE_PAST $.urgent.neededBy"), found(f));
        f = TestForms.withUrgent(f, new Urgency(UrgentReason.FUNERAL, "scan.urgent", VISIT, "父亲在加拿大去世"));
        assertEquals(List.of(), found(f));
    }

    @Test
    void postalDeliveryNeedsACompleteAddress() {
        CaseForm f = TestForms.withDelivery(TestForms.elderly(), new Delivery(DeliveryMethod.POSTAL, null));
        assertEquals(List.of("FORM_REQUIRED $.delivery.address"), found(f));
        f = TestForms.withDelivery(f, new Delivery(DeliveryMethod.POSTAL,
                new PostalAddress("王秀英", "138", " ", "北京市", null, "", "10003")));
        assertEquals(List.of("FORM_PHONE $.delivery.address.phone", "FORM_REQUIRED $.delivery.address.province",
                "FORM_REQUIRED $.delivery.address.street", "FORM_POSTCODE $.delivery.address.postcode"), found(f));
        f = TestForms.withDelivery(f, new Delivery(DeliveryMethod.POSTAL, TestForms.address()));
        assertEquals(List.of(), found(f));
        f = TestForms.withDelivery(f, new Delivery(DeliveryMethod.COLLECT, TestForms.address()));
        assertEquals(List.of("FORM_ADDRESS_UNEXPECTED $.delivery.address"), found(f));
    }

    @Test
    void atLeastOneApplicationOfAKnownTypeEachTypeOnce() {
        assertEquals(List.of("FORM_NO_APPLICATION $.applications"), found(TestForms.withApplications(TestForms.elderly())));
        assertEquals(List.of("FORM_UNKNOWN_TYPE $.applications[0].type"),
                found(TestForms.withApplications(TestForms.elderly(), apply("visa", Issue.FIRST, null))));
        Problem p = single(TestForms.withApplications(TestForms.elderly(), apply("passport", Issue.FIRST, null),
                apply("passport", Issue.FIRST, null)));
        assertEquals("第 2 项申请的证件类型：“普通护照”已在前面申请过，每种证件只能申请一次", p.message(Locale.SIMPLIFIED_CHINESE));
    }

    @Test
    void endorsementsMustBelongToTheirPermit() {
        Problem p = single(TestForms.withApplications(TestForms.elderly(),
                apply("passport", Issue.FIRST, null, "family-visit")));
        assertEquals(ProblemCode.FORM_ENDORSEMENT_NOT_OF_TYPE, p.code());
        assertEquals("$.applications[0].endorsements[0].id", p.path());
        assertEquals("Endorsement 1 of application 1: \"family-visit\" is not an endorsement of the Ordinary passport",
                p.message(Locale.ENGLISH));
        // "invited" exists for Taiwan but not for Hong Kong and Macao
        assertEquals(List.of("FORM_ENDORSEMENT_NOT_OF_TYPE $.applications[0].endorsements[1].id"),
                found(TestForms.withApplications(TestForms.elderly(),
                        apply("hk-macau-permit", Issue.FIRST, null, "business", "invited"))));
        assertEquals(List.of(), found(TestForms.withApplications(TestForms.elderly(),
                apply("taiwan-permit", Issue.FIRST, null, "invited"))));
        assertEquals(List.of("FORM_ENDORSEMENT_TWICE $.applications[0].endorsements[1].id"),
                found(TestForms.withApplications(TestForms.elderly(),
                        apply("hk-macau-permit", Issue.FIRST, null, "business/single", "business/double"))));
        assertEquals(List.of("FORM_VALIDITY_NOT_OFFERED $.applications[0].endorsements[0].validity"),
                found(TestForms.withApplications(TestForms.elderly(),
                        apply("hk-macau-permit", Issue.FIRST, null, "other/double"))));
    }

    @Test
    void anEndorsementOnlyApplicationNeedsAnEndorsementAndThePermitHeld() {
        assertEquals(List.of("FORM_ENDORSEMENT_REQUIRED $.applications[0].endorsements",
                "FORM_PRIOR_NUMBER_REQUIRED $.applications[0].prior.number"),
                found(TestForms.withApplications(TestForms.elderly(), apply("hk-macau-permit", Issue.ENDORSEMENT_ONLY, null))));
        assertEquals(List.of(), found(TestForms.withApplications(TestForms.elderly(),
                apply("hk-macau-permit", Issue.ENDORSEMENT_ONLY, "C12345678", "individual-tourism/double"))));
        assertEquals(List.of("FORM_ISSUE_NOT_OFFERED $.applications[0].issue"),
                found(TestForms.withApplications(TestForms.elderly(), apply("passport", Issue.ENDORSEMENT_ONLY, "E12345678"))));
    }

    @Test
    void renewalAndReplacementDescribeThePriorDocumentAsTheCatalogueSays() {
        assertEquals(List.of("FORM_PRIOR_NUMBER_REQUIRED $.applications[0].prior.number"),
                found(TestForms.withApplications(TestForms.elderly(), apply("passport", Issue.RENEWAL, null))));
        assertEquals(List.of("FORM_DOCUMENT_NUMBER $.applications[0].prior.number"),
                found(TestForms.withApplications(TestForms.elderly(), apply("passport", Issue.RENEWAL, "C12345678"))));
        assertEquals(List.of(), found(TestForms.withApplications(TestForms.elderly(), apply("passport", Issue.RENEWAL, "EA1234567"))));
        assertEquals(List.of(), found(TestForms.withApplications(TestForms.elderly(), apply("passport", Issue.RENEWAL, "e12345678"))));
        // a lost passport's number may be unknown
        assertEquals(List.of(), found(TestForms.withApplications(TestForms.elderly(), apply("passport", Issue.REPLACE_LOST, null))));
        assertEquals(List.of("FORM_PRIOR_UNEXPECTED $.applications[0].prior"),
                found(TestForms.withApplications(TestForms.elderly(), apply("passport", Issue.FIRST, "E12345678"))));
        // an ID card is identified by the identity number: nothing more to say
        assertEquals(List.of(), found(TestForms.withApplications(TestForms.elderly(), apply("resident-id-card", Issue.RENEWAL, null))));
    }

    @Test
    void theApplicantIsAMainlandResidentWithAValidNumberNameAndPhone() {
        Problem p = single(TestForms.withApplicant(TestForms.elderly(), new Applicant("王秀英", "11010519491231002", "13800000000")));
        assertEquals("申请人公民身份号码：应为 18 位，现为 17 位", p.message(Locale.SIMPLIFIED_CHINESE));
        assertEquals("Applicant's identity number: must have 18 characters, not 17", p.message(Locale.ENGLISH));
        assertEquals(List.of("FORM_NOT_MAINLAND_RESIDENT $.applicant.idNumber"),
                found(TestForms.withApplicant(TestForms.elderly(),
                        new Applicant("陈大文", TestForms.withCheck("81000019500101001"), "13800000000"))));
        assertEquals(List.of("FORM_NAME $.applicant.name", "FORM_PHONE $.applicant.phone"),
                found(TestForms.withApplicant(TestForms.elderly(), new Applicant("<script>alert(1)</script>", TestForms.ELDERLY, "12345"))));
        assertEquals(List.of(), found(TestForms.withApplicant(TestForms.elderly(),
                new Applicant("阿依古丽·买买提", TestForms.ELDERLY, "+86 138-0000-0000"))));
        assertEquals(List.of(), found(TestForms.withApplicant(TestForms.elderly(),
                new Applicant("王秀英", TestForms.ELDERLY, "010-6512 3456"))));
    }

    @Test
    void someoneMustBeReachableByPhone() {
        CaseForm f = TestForms.withContact(TestForms.withApplicant(TestForms.elderly(),
                new Applicant("王秀英", TestForms.ELDERLY, null)), new Contact("北京市西城区某街道 1 号", null, null));
        assertEquals(List.of("FORM_NO_PHONE $.applicant.phone"), found(f));
        f = TestForms.withContact(f, new Contact("北京市西城区某街道 1 号", "李强", null));
        assertEquals(List.of("FORM_REQUIRED $.contact.emergencyPhone", "FORM_NO_PHONE $.applicant.phone"), found(f));
    }

    @Test
    void anAgentIsAnAdultWithAPhone() {
        assertEquals(List.of(), found(TestForms.withAgent(TestForms.elderly(), new Agent("李强", TestForms.SON, "儿子", "13900000000"))));
        assertEquals(List.of("FORM_SAME_PERSON $.agent.idNumber", "FORM_REQUIRED $.agent.phone"),
                found(TestForms.withAgent(TestForms.elderly(), new Agent("王秀英", TestForms.ELDERLY, "本人", null))));
    }

    @Test
    void feeReliefNeedsABasisAndEvidence() {
        assertEquals(List.of("FORM_REQUIRED $.relief.basis", "FORM_EVIDENCE_REQUIRED $.relief.evidence"),
                found(TestForms.withRelief(TestForms.elderly(), new FeeRelief(null, null))));
        assertEquals(List.of(), found(TestForms.withRelief(TestForms.elderly(),
                new FeeRelief(ReliefBasis.MINIMUM_LIVING_ALLOWANCE, "scan.dibao"))));
    }

    @Test
    void everyMessageNamesItsFieldInBothLanguages() {
        CaseForm bad = new CaseForm(new Applicant("", "123", "x"), new Guardian(null, null, null, "y"),
                new Agent("1", "2", null, null), new VisitBasis(VisitReason.DISABLED, null),
                List.of(apply("passport", Issue.RENEWAL, "bad", "family-visit"), apply("hk-macau-permit", Issue.FIRST, null,
                        "family-visit/triple")),
                new Urgency(null, null, LocalDate.of(2020, 1, 1), null),
                new Delivery(DeliveryMethod.POSTAL, new PostalAddress(null, null, null, null, null, null, null)),
                new Contact(null, null, null), new FeeRelief(null, "Bad Ref"));
        List<Problem> problems = problems(bad);
        assertTrue(problems.size() >= 25, problems.toString());
        for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
            Messages m = Messages.of(locale);
            for (Problem p : problems) {
                String label = m.label(p.path());
                assertTrue(!label.startsWith("$"), "no label for " + p.path() + " in " + locale);
                String message = m.format(p);
                assertTrue(message.startsWith(label + (locale == Locale.ENGLISH ? ": " : "：")), message);
                assertTrue(message.length() > label.length() + 3, message);
            }
        }
        String all = problems.stream().map(p -> p.message(Locale.SIMPLIFIED_CHINESE)).collect(Collectors.joining("\n"));
        assertTrue(all.contains("第 2 项申请第 1 个签注的有效次数：“探亲”签注没有“triple”这种有效次数"), all);
    }
}
