package org.doorstep.cli;

/**
 * Pieces of case files for tests: a valid form and visit record that a test changes in one place to see that
 * change refused. The visit is on {@link #VISIT_DATE}, at 09:30 Beijing time.
 */
final class CaseFiles {

    static final String VISIT_DATE = "2026-11-20";

    /** A 76-year-old applies for a first passport and collects it; valid on {@link #VISIT_DATE}. */
    static final String FORM = """
            {"format": "doorstep-form/1",
             "applicant": {"name": "张三", "idNumber": "11010519491231002X", "phone": "13800000000"},
             "visit": {"reason": "aged-60-plus"},
             "applications": [{"type": "passport", "issue": "first"}],
             "delivery": {"method": "collect"},
             "contact": {"address": "北京市西城区某街道 1 号"}}""";

    /**
     * {@link #FORM} with a Hong Kong/Macao permit and a family-visit endorsement, so that its checklist has a
     * secondary item (kinship-proof) besides the core ones (resident-id-card, relative-hkmo-id).
     */
    static final String FORM_WITH_PERMIT = FORM.replace("""
            [{"type": "passport", "issue": "first"}]""", """
            [{"type": "passport", "issue": "first"},
              {"type": "hk-macau-permit", "issue": "first", "endorsements": [{"id": "family-visit", "validity": "single"}]}]""");

    /** The record of the visit of {@link #FORM}; the applicant signed in the case item {@code signature}. */
    static final String VISIT = """
            {"format": "doorstep-visit/1", "officer": {"id": "J10023", "name": "王警官"},
             "start": "2026-11-20T09:30:00+08:00", "end": "2026-11-20T10:00:00+08:00",
             "address": "北京市西城区某街道 1 号", "why": {"reason": "aged-60-plus"},
             "presence": {"kind": "signed", "signature": "signature"}}""";

    private CaseFiles() {
    }

    /** A case file with {@code form} and further members ({@code , "attachments": […]} …) after it. */
    static String caseWith(String form, String more) {
        return "{\"format\": \"doorstep-case/2\", \"label\": \"张三\", \"visitDate\": \"" + VISIT_DATE + "\", \"form\": "
                + form + more + "}";
    }

    /** A valid case file of {@link #FORM} with further members. */
    static String caseWith(String more) {
        return caseWith(FORM, more);
    }
}
