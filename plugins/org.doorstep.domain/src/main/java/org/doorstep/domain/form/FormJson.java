package org.doorstep.domain.form;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.doorstep.domain.DeliveryMethod;
import org.doorstep.domain.GuardianRelation;
import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.Issue;
import org.doorstep.domain.ProblemCode;
import org.doorstep.domain.ReliefBasis;
import org.doorstep.domain.UrgentReason;
import org.doorstep.domain.VisitReason;
import org.doorstep.domain.internal.JsonObject;
import org.doorstep.domain.internal.StrictJson;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The case form as {@code doorstep-form/1} JSON, the case's {@code form} item in the vault:
 *
 * <pre>
 * {"format": "doorstep-form/1",
 *  "applicant": {"name": "张三", "idNumber": "11010519491231002X", "phone": "13800000000"},
 *  "guardian": {"name", "idNumber", "relation": "father|mother|spouse|child|other", "phone"},
 *  "agent": {"name", "idNumber", "relation", "phone"},
 *  "visit": {"reason": "aged-60-plus|disabled|seriously-ill|company-group", "evidence": "scan.disability"},
 *  "applications": [{"type": "hk-macau-permit", "issue": "first|renewal|replace-damaged|replace-lost|endorsement-only",
 *                    "endorsements": [{"id": "family-visit", "validity": "single"}], "prior": {"number": "C12345678"}}],
 *  "urgent": {"reason": "funeral|…", "evidence": "scan.urgent", "neededBy": "2025-06-10", "note": "…"},
 *  "delivery": {"method": "collect|postal", "address": {"recipient", "phone", "province", "city", "district",
 *               "street", "postcode"}},
 *  "contact": {"address", "emergencyName", "emergencyPhone"},
 *  "relief": {"basis": "minimum-living-allowance|extreme-poverty|entitled-dependant|hardship", "evidence"}}
 * </pre>
 *
 * Reading is strict about structure (unknown fields, wrong types, unknown vocabulary values, malformed JSON:
 * one problem naming the path) and lenient about content: texts are kept as typed, even blank, because a
 * draft may be incomplete; {@link FormValidator} judges the content. Writing omits absent parts.
 */
public final class FormJson {

    public static final String FORMAT = "doorstep-form/1";
    public static final int MAX_BYTES = 1024 * 1024;

    private static final Set<String> TOP = Set.of("format", "applicant", "guardian", "agent", "visit", "applications",
            "urgent", "delivery", "contact", "relief");
    private static final Set<String> APPLICANT = Set.of("name", "idNumber", "phone");
    private static final Set<String> GUARDIAN = Set.of("name", "idNumber", "relation", "phone");
    private static final Set<String> AGENT = Set.of("name", "idNumber", "relation", "phone");
    private static final Set<String> VISIT = Set.of("reason", "evidence");
    private static final Set<String> APPLICATION = Set.of("type", "issue", "endorsements", "prior");
    private static final Set<String> ENDORSEMENT = Set.of("id", "validity");
    private static final Set<String> PRIOR = Set.of("number");
    private static final Set<String> URGENT = Set.of("reason", "evidence", "neededBy", "note");
    private static final Set<String> DELIVERY = Set.of("method", "address");
    private static final Set<String> ADDRESS = Set.of("recipient", "phone", "province", "city", "district", "street",
            "postcode");
    private static final Set<String> CONTACT = Set.of("address", "emergencyName", "emergencyPhone");
    private static final Set<String> RELIEF = Set.of("basis", "evidence");

    private FormJson() {
    }

    /**
     * Reads a form.
     *
     * @throws InvalidInputException with one problem naming the path, for malformed JSON or a wrong structure
     */
    public static CaseForm read(byte[] json) {
        JsonObject top = JsonObject.of(StrictJson.parse(json, MAX_BYTES), "$", TOP);
        String format = top.text("format");
        if (!format.equals(FORMAT)) {
            throw JsonObject.fail(top.path("format"), ProblemCode.JSON_FORMAT, format, FORMAT);
        }
        JsonObject a = top.optObject("applicant", APPLICANT);
        Applicant applicant = a == null ? null : new Applicant(a.optText("name"), a.optText("idNumber"), a.optText("phone"));
        JsonObject g = top.optObject("guardian", GUARDIAN);
        Guardian guardian = g == null ? null : new Guardian(g.optText("name"), g.optText("idNumber"),
                g.optVocabulary("relation", GuardianRelation.class), g.optText("phone"));
        JsonObject ag = top.optObject("agent", AGENT);
        Agent agent = ag == null ? null : new Agent(ag.optText("name"), ag.optText("idNumber"), ag.optText("relation"),
                ag.optText("phone"));
        JsonObject v = top.optObject("visit", VISIT);
        VisitBasis visit = v == null ? null : new VisitBasis(v.optVocabulary("reason", VisitReason.class),
                v.optText("evidence"));
        List<Application> applications = new ArrayList<>();
        for (JsonObject o : top.objects("applications", APPLICATION)) {
            List<EndorsementRequest> endorsements = new ArrayList<>();
            for (JsonObject e : o.objects("endorsements", ENDORSEMENT)) {
                endorsements.add(new EndorsementRequest(e.optText("id"), e.optText("validity")));
            }
            JsonObject p = o.optObject("prior", PRIOR);
            applications.add(new Application(o.optText("type"), o.optVocabulary("issue", Issue.class), endorsements,
                    p == null ? null : new PriorDocument(p.optText("number"))));
        }
        JsonObject u = top.optObject("urgent", URGENT);
        Urgency urgent = u == null ? null : new Urgency(u.optVocabulary("reason", UrgentReason.class),
                u.optText("evidence"), u.optDate("neededBy"), u.optText("note"));
        JsonObject d = top.optObject("delivery", DELIVERY);
        Delivery delivery = null;
        if (d != null) {
            JsonObject ad = d.optObject("address", ADDRESS);
            delivery = new Delivery(d.optVocabulary("method", DeliveryMethod.class), ad == null ? null
                    : new PostalAddress(ad.optText("recipient"), ad.optText("phone"), ad.optText("province"),
                            ad.optText("city"), ad.optText("district"), ad.optText("street"), ad.optText("postcode")));
        }
        JsonObject c = top.optObject("contact", CONTACT);
        Contact contact = c == null ? null
                : new Contact(c.optText("address"), c.optText("emergencyName"), c.optText("emergencyPhone"));
        JsonObject r = top.optObject("relief", RELIEF);
        FeeRelief relief = r == null ? null
                : new FeeRelief(r.optVocabulary("basis", ReliefBasis.class), r.optText("evidence"));
        return new CaseForm(applicant, guardian, agent, visit, applications, urgent, delivery, contact, relief);
    }

    /** Writes a form as compact UTF-8 JSON; {@link #read} reads it back equal. */
    public static byte[] write(CaseForm form) {
        ObjectNode top = StrictJson.object();
        top.put("format", FORMAT);
        if (form.applicant() != null) {
            ObjectNode a = top.putObject("applicant");
            put(a, "name", form.applicant().name());
            put(a, "idNumber", form.applicant().idNumber());
            put(a, "phone", form.applicant().phone());
        }
        if (form.guardian() != null) {
            Guardian g = form.guardian();
            ObjectNode o = top.putObject("guardian");
            put(o, "name", g.name());
            put(o, "idNumber", g.idNumber());
            put(o, "relation", g.relation() == null ? null : g.relation().id());
            put(o, "phone", g.phone());
        }
        if (form.agent() != null) {
            Agent g = form.agent();
            ObjectNode o = top.putObject("agent");
            put(o, "name", g.name());
            put(o, "idNumber", g.idNumber());
            put(o, "relation", g.relation());
            put(o, "phone", g.phone());
        }
        if (form.visit() != null) {
            ObjectNode o = top.putObject("visit");
            put(o, "reason", form.visit().reason() == null ? null : form.visit().reason().id());
            put(o, "evidence", form.visit().evidence());
        }
        ArrayNode apps = top.putArray("applications");
        for (Application app : form.applications()) {
            ObjectNode o = apps.addObject();
            put(o, "type", app.type());
            put(o, "issue", app.issue() == null ? null : app.issue().id());
            if (!app.endorsements().isEmpty()) {
                ArrayNode es = o.putArray("endorsements");
                for (EndorsementRequest e : app.endorsements()) {
                    ObjectNode eo = es.addObject();
                    put(eo, "id", e.id());
                    put(eo, "validity", e.validity());
                }
            }
            if (app.prior() != null) {
                put(o.putObject("prior"), "number", app.prior().number());
            }
        }
        if (form.urgent() != null) {
            Urgency u = form.urgent();
            ObjectNode o = top.putObject("urgent");
            put(o, "reason", u.reason() == null ? null : u.reason().id());
            put(o, "evidence", u.evidence());
            put(o, "neededBy", u.neededBy() == null ? null : u.neededBy().toString());
            put(o, "note", u.note());
        }
        if (form.delivery() != null) {
            ObjectNode o = top.putObject("delivery");
            put(o, "method", form.delivery().method() == null ? null : form.delivery().method().id());
            PostalAddress ad = form.delivery().address();
            if (ad != null) {
                ObjectNode ao = o.putObject("address");
                put(ao, "recipient", ad.recipient());
                put(ao, "phone", ad.phone());
                put(ao, "province", ad.province());
                put(ao, "city", ad.city());
                put(ao, "district", ad.district());
                put(ao, "street", ad.street());
                put(ao, "postcode", ad.postcode());
            }
        }
        if (form.contact() != null) {
            ObjectNode o = top.putObject("contact");
            put(o, "address", form.contact().address());
            put(o, "emergencyName", form.contact().emergencyName());
            put(o, "emergencyPhone", form.contact().emergencyPhone());
        }
        if (form.relief() != null) {
            ObjectNode o = top.putObject("relief");
            put(o, "basis", form.relief().basis() == null ? null : form.relief().basis().id());
            put(o, "evidence", form.relief().evidence());
        }
        return StrictJson.write(top);
    }

    private static void put(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}
