package org.doorstep.domain.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.doorstep.domain.DeliveryMethod;
import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.Issue;
import org.doorstep.domain.Problem;
import org.doorstep.domain.ProblemCode;
import org.doorstep.domain.ReliefBasis;
import org.doorstep.domain.TestForms;
import org.doorstep.domain.UrgentReason;
import org.junit.jupiter.api.Test;

class FormJsonTest {

    private static Problem problem(String json) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FormJson.read(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, e.problems().size(), e.problems().toString());
        return e.problems().get(0);
    }

    @Test
    void aFormReadsBackEqualToWhatWasWritten() {
        CaseForm full = TestForms.withRelief(TestForms.withUrgent(TestForms.withAgent(TestForms.withDelivery(
                TestForms.withApplications(TestForms.minor(), TestForms.apply("passport", Issue.RENEWAL, "E12345678"),
                        TestForms.apply("hk-macau-permit", Issue.ENDORSEMENT_ONLY, "C12345678", "business/double", "other")),
                new Delivery(DeliveryMethod.POSTAL, TestForms.address())),
                new Agent("李强", TestForms.SON, "舅舅", "13900000000")),
                new Urgency(UrgentReason.STUDY_START, "scan.admission", LocalDate.of(2025, 8, 20), "9 月开学")),
                new FeeRelief(ReliefBasis.HARDSHIP, "scan.hardship"));
        assertEquals(full, FormJson.read(FormJson.write(full)));
        CaseForm sparse = new CaseForm(new Applicant("", null, null), null, null, null, List.of(), null, null, null, null);
        assertEquals(sparse, FormJson.read(FormJson.write(sparse)));
    }

    @Test
    void theWrittenFormIsTheDocumentedFormat() {
        String json = new String(FormJson.write(TestForms.elderly()), StandardCharsets.UTF_8);
        assertEquals("{\"format\":\"doorstep-form/1\",\"applicant\":{\"name\":\"王秀英\",\"idNumber\":\"11010519491231002X\","
                + "\"phone\":\"13800000000\"},\"visit\":{\"reason\":\"aged-60-plus\"},\"applications\":[{\"type\":\"passport\","
                + "\"issue\":\"first\"},{\"type\":\"hk-macau-permit\",\"issue\":\"first\",\"endorsements\":[{\"id\":\"family-visit\","
                + "\"validity\":\"single\"}]}],\"delivery\":{\"method\":\"collect\"},\"contact\":{\"address\":\"北京市西城区某街道 1 号\","
                + "\"emergencyName\":\"李强\",\"emergencyPhone\":\"13900000000\"}}", json);
    }

    @Test
    void unknownFieldsAreNamedByPath() {
        Problem p = problem("{\"format\":\"doorstep-form/1\",\"applications\":[{\"type\":\"passport\",\"colour\":\"red\"}]}");
        assertEquals(ProblemCode.JSON_UNKNOWN_FIELD, p.code());
        assertEquals("$.applications[0].colour", p.path());
        assertEquals("$.applications[0].colour：不认识的字段“colour”", p.message(Locale.SIMPLIFIED_CHINESE));
    }

    @Test
    void wrongTypesAreNamedByTheFieldsLabel() {
        Problem p = problem("{\"format\":\"doorstep-form/1\",\"applicant\":{\"name\":42}}");
        assertEquals("申请人姓名：应为文本", p.message(Locale.SIMPLIFIED_CHINESE));
        assertEquals("Applicant's name: must be text", p.message(Locale.ENGLISH));
        p = problem("{\"format\":\"doorstep-form/1\",\"applications\":{\"type\":\"passport\"}}");
        assertEquals("Applications: must be an array ([...])", p.message(Locale.ENGLISH));
        p = problem("{\"format\":\"doorstep-form/1\",\"urgent\":{\"neededBy\":\"10/06/2025\"}}");
        assertEquals("Date the documents are needed: \"10/06/2025\" is not a date; write it like 2025-03-01",
                p.message(Locale.ENGLISH));
    }

    @Test
    void unknownValuesListWhatIsAllowed() {
        Problem p = problem("{\"format\":\"doorstep-form/1\",\"visit\":{\"reason\":\"elderly\"}}");
        assertEquals("上门原因：“elderly”不是可用的值，可用值为：aged-60-plus, disabled, seriously-ill, company-group",
                p.message(Locale.SIMPLIFIED_CHINESE));
    }

    @Test
    void malformedJsonAndOtherFormatsAreRefused() {
        Problem p = problem("{\"format\":\"doorstep-form/1\",\n\"applicant\":{\"name\":\"王\"");
        assertEquals(ProblemCode.JSON_MALFORMED, p.code());
        assertEquals(2, p.args().get(0));
        assertEquals(ProblemCode.JSON_REQUIRED, problem("{}").code());
        assertEquals(ProblemCode.JSON_FORMAT, problem("{\"format\":\"doorstep-case/1\"}").code());
        assertEquals(ProblemCode.JSON_NOT_OBJECT, problem("\"form\"").code());
    }
}
