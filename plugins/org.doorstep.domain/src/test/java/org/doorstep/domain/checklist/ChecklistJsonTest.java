package org.doorstep.domain.checklist;

import static org.doorstep.domain.TestForms.VISIT;
import static org.doorstep.domain.TestForms.apply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.Issue;
import org.doorstep.domain.ProblemCode;
import org.doorstep.domain.TestForms;
import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.domain.form.CaseForm;
import org.junit.jupiter.api.Test;

class ChecklistJsonTest {

    private static final Catalogue CATALOGUE = Catalogue.builtIn();

    @Test
    void aSavedChecklistIsRestoredWithItsStatuses() {
        CaseForm form = TestForms.withApplications(TestForms.elderly(), apply("passport", Issue.RENEWAL, "E12345678"),
                apply("hk-macau-permit", Issue.FIRST, null, "family-visit"));
        Checklist c = Checklist.generate(CATALOGUE, form, VISIT)
                .attach(ItemKey.of("resident-id-card"), "scan.id-card")
                .acceptPending(ItemKey.of("kinship-proof"), VISIT.plusDays(9));
        byte[] json = ChecklistJson.write(c);
        ChecklistJson.Saved saved = ChecklistJson.read(json);
        assertEquals(1, saved.catalogueVersion());
        Checklist restored = Checklist.restore(CATALOGUE, form, saved);
        assertEquals(c.items(), restored.items());
        assertEquals(c.visitDate(), restored.visitDate());
    }

    @Test
    void inconsistentStatusesAreRefusedByPath() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ChecklistJson.read((
                "{\"format\":\"doorstep-checklist/1\",\"catalogueVersion\":1,\"visitDate\":\"2025-06-01\",\"items\":["
                        + "{\"material\":\"kinship-proof\",\"status\":\"pending\"}]}").getBytes(StandardCharsets.UTF_8)));
        assertEquals("$.items[0].deadline", e.problems().get(0).path());
        assertEquals(ProblemCode.JSON_REQUIRED, e.problems().get(0).code());
        e = assertThrows(InvalidInputException.class, () -> ChecklistJson.read((
                "{\"format\":\"doorstep-checklist/1\",\"catalogueVersion\":1,\"visitDate\":\"2025-06-01\",\"items\":["
                        + "{\"material\":\"kinship-proof\",\"status\":\"missing\",\"scan\":\"scan.x\"}]}").getBytes(StandardCharsets.UTF_8)));
        assertEquals("$.items[0].scan", e.problems().get(0).path());
    }
}
