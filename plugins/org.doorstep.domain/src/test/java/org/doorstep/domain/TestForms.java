package org.doorstep.domain;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.doorstep.domain.form.Applicant;
import org.doorstep.domain.form.Application;
import org.doorstep.domain.form.CaseForm;
import org.doorstep.domain.form.Contact;
import org.doorstep.domain.form.Delivery;
import org.doorstep.domain.form.EndorsementRequest;
import org.doorstep.domain.form.Guardian;
import org.doorstep.domain.form.PostalAddress;
import org.doorstep.domain.form.PriorDocument;
import org.doorstep.domain.form.VisitBasis;

/** Forms for tests: a valid starting point and people of known ages on {@link #VISIT}. */
public final class TestForms {

    public static final LocalDate VISIT = LocalDate.of(2025, 6, 1);

    /** The standard's example: a woman born 31 December 1949, 75 on the visit date. */
    public static final String ELDERLY = "11010519491231002X";
    /** A boy born 20 May 2012, 13 on the visit date. */
    public static final String BOY = withCheck("32010220120520003");
    /** A man born 15 March 1980. */
    public static final String FATHER = withCheck("32010219800315001");
    /** A woman born 4 July 1982. */
    public static final String MOTHER = withCheck("32010219820704002");
    /** A man born 1 January 1970. */
    public static final String SON = withCheck("11010219700101003");

    private TestForms() {
    }

    /** An identity number with its check character computed from the definition (2^(17-i) mod 11). */
    public static String withCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * BigInteger.TWO.pow(17 - i).mod(BigInteger.valueOf(11)).intValue();
        }
        for (int v = 0; v <= 10; v++) {
            if ((sum + v) % 11 == 1) {
                return first17 + (v == 10 ? "X" : String.valueOf(v));
            }
        }
        throw new AssertionError();
    }

    /** A complete, valid form: a 75-year-old applies for a first passport and an HK/Macau permit with a family-visit endorsement. */
    public static CaseForm elderly() {
        return new CaseForm(new Applicant("王秀英", ELDERLY, "13800000000"), null, null,
                new VisitBasis(VisitReason.AGED_60_PLUS, null),
                List.of(new Application("passport", Issue.FIRST, List.of(), null),
                        new Application("hk-macau-permit", Issue.FIRST,
                                List.of(new EndorsementRequest("family-visit", "single")), null)),
                null, new Delivery(DeliveryMethod.COLLECT, null),
                new Contact("北京市西城区某街道 1 号", "李强", "13900000000"), null);
    }

    /** A complete, valid form: a 13-year-old with his father applies for a first passport. */
    public static CaseForm minor() {
        return new CaseForm(new Applicant("张小明", BOY, null), new Guardian("张伟", FATHER, GuardianRelation.FATHER,
                "13700000000"), null, new VisitBasis(VisitReason.SERIOUSLY_ILL, "scan.diagnosis"),
                List.of(new Application("passport", Issue.FIRST, List.of(), null)), null,
                new Delivery(DeliveryMethod.COLLECT, null), new Contact("南京市玄武区某路 2 号", "张伟", "13700000000"),
                null);
    }

    public static PostalAddress address() {
        return new PostalAddress("王秀英", "13800000000", "北京市", "北京市", "西城区", "某街道 1 号", "100032");
    }

    public static CaseForm withApplications(CaseForm f, Application... applications) {
        return new CaseForm(f.applicant(), f.guardian(), f.agent(), f.visit(), List.of(applications), f.urgent(),
                f.delivery(), f.contact(), f.relief());
    }

    public static CaseForm withApplicant(CaseForm f, Applicant a) {
        return new CaseForm(a, f.guardian(), f.agent(), f.visit(), f.applications(), f.urgent(), f.delivery(),
                f.contact(), f.relief());
    }

    public static CaseForm withGuardian(CaseForm f, Guardian g) {
        return new CaseForm(f.applicant(), g, f.agent(), f.visit(), f.applications(), f.urgent(), f.delivery(),
                f.contact(), f.relief());
    }

    public static CaseForm withAgent(CaseForm f, org.doorstep.domain.form.Agent a) {
        return new CaseForm(f.applicant(), f.guardian(), a, f.visit(), f.applications(), f.urgent(), f.delivery(),
                f.contact(), f.relief());
    }

    public static CaseForm withVisit(CaseForm f, VisitBasis v) {
        return new CaseForm(f.applicant(), f.guardian(), f.agent(), v, f.applications(), f.urgent(), f.delivery(),
                f.contact(), f.relief());
    }

    public static CaseForm withUrgent(CaseForm f, org.doorstep.domain.form.Urgency u) {
        return new CaseForm(f.applicant(), f.guardian(), f.agent(), f.visit(), f.applications(), u, f.delivery(),
                f.contact(), f.relief());
    }

    public static CaseForm withDelivery(CaseForm f, Delivery d) {
        return new CaseForm(f.applicant(), f.guardian(), f.agent(), f.visit(), f.applications(), f.urgent(), d,
                f.contact(), f.relief());
    }

    public static CaseForm withContact(CaseForm f, Contact c) {
        return new CaseForm(f.applicant(), f.guardian(), f.agent(), f.visit(), f.applications(), f.urgent(),
                f.delivery(), c, f.relief());
    }

    public static CaseForm withRelief(CaseForm f, org.doorstep.domain.form.FeeRelief r) {
        return new CaseForm(f.applicant(), f.guardian(), f.agent(), f.visit(), f.applications(), f.urgent(),
                f.delivery(), f.contact(), r);
    }

    public static Application apply(String type, Issue issue, String prior, String... endorsements) {
        List<EndorsementRequest> list = new ArrayList<>();
        for (String e : endorsements) {
            String[] parts = e.split("/");
            list.add(new EndorsementRequest(parts[0], parts.length > 1 ? parts[1] : "single"));
        }
        return new Application(type, issue, list, prior == null ? null : new PriorDocument(prior));
    }
}
