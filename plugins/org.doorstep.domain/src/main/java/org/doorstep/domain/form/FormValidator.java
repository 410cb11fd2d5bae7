package org.doorstep.domain.form;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.doorstep.domain.DeliveryMethod;
import org.doorstep.domain.GuardianRelation;
import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.Issue;
import org.doorstep.domain.Problem;
import org.doorstep.domain.ProblemCode;
import org.doorstep.domain.VisitReason;
import org.doorstep.domain.catalogue.ApplicationType;
import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.domain.catalogue.Condition;
import org.doorstep.domain.catalogue.Endorsement;
import org.doorstep.domain.catalogue.IssueRule;
import org.doorstep.domain.catalogue.PriorDocumentRule;
import org.doorstep.domain.identity.Gender;
import org.doorstep.domain.identity.IdentityKind;
import org.doorstep.domain.identity.IdentityNumber;
import org.doorstep.domain.internal.Fields;

/**
 * Judges a {@link CaseForm} against a catalogue on the visit date and lists every problem, each at its
 * field. An empty list means the form can be completed (as far as the form goes; the checklist decides
 * about materials).
 *
 * <p>Rules: the applicant's name, a valid identity number of a mainland resident, and a way to reach them;
 * a guardian for an applicant under 18, who is an adult, is not the applicant, and whose relation fits the
 * gender and the applicant's age; an adult agent who is not the applicant; a visit reason, 60+ only for an
 * applicant aged 60 or more on the visit date, and evidence for the other reasons; at least one application,
 * each of a type and issue the catalogue offers, one per type, with endorsements of that type only (each once,
 * with a validity the endorsement offers; at least one for an endorsement-only application), and the previous
 * document described as the catalogue's issue says; for urgent processing a reason, evidence and a date not
 * before the visit; a delivery method and, for postal delivery, a complete address; fee relief with its basis
 * and evidence.
 */
public final class FormValidator {

    private final Catalogue catalogue;

    public FormValidator(Catalogue catalogue) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    }

    /** Every problem of {@code form} on {@code visitDate}, in the order of the form's fields. */
    public List<Problem> validate(CaseForm form, LocalDate visitDate) {
        List<Problem> problems = new ArrayList<>();
        Optional<IdentityNumber> applicant = applicant(form.applicant(), visitDate, problems);
        Optional<Integer> age = applicant.map(n -> n.ageOn(visitDate));
        guardian(form.guardian(), applicant, age, visitDate, problems);
        agent(form.agent(), applicant, visitDate, problems);
        visit(form.visit(), age, problems);
        applications(form.applications(), problems);
        urgent(form.urgent(), visitDate, problems);
        delivery(form.delivery(), problems);
        contact(form.contact(), form.applicant(), problems);
        relief(form.relief(), problems);
        return List.copyOf(problems);
    }

    private Optional<IdentityNumber> applicant(Applicant a, LocalDate visitDate, List<Problem> problems) {
        if (a == null) {
            problems.add(Problem.of("$.applicant", ProblemCode.FORM_REQUIRED));
            return Optional.empty();
        }
        Fields.name(a.name(), "$.applicant.name", problems);
        Optional<IdentityNumber> id = identity(a.idNumber(), "$.applicant.idNumber", visitDate, problems);
        if (id.isPresent() && id.get().kind() != IdentityKind.MAINLAND_RESIDENT) {
            problems.add(Problem.of("$.applicant.idNumber", ProblemCode.FORM_NOT_MAINLAND_RESIDENT));
            id = Optional.empty();
        }
        Fields.phone(a.phone(), "$.applicant.phone", problems);
        return id;
    }

    private static Optional<IdentityNumber> identity(String text, String path, LocalDate visitDate,
            List<Problem> problems) {
        try {
            return Optional.of(IdentityNumber.parse(text, visitDate));
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> problems.add(p.at(path)));
            return Optional.empty();
        }
    }

    private void guardian(Guardian g, Optional<IdentityNumber> applicant, Optional<Integer> age, LocalDate visitDate,
            List<Problem> problems) {
        boolean minor = age.isPresent() && age.get() < Condition.ADULT_AGE;
        if (g == null) {
            if (minor) {
                problems.add(Problem.of("$.guardian", ProblemCode.FORM_GUARDIAN_REQUIRED, age.get()));
            }
            return;
        }
        Fields.name(g.name(), "$.guardian.name", problems);
        Optional<IdentityNumber> id = person(g.idNumber(), "$.guardian.idNumber", applicant, visitDate, problems);
        GuardianRelation relation = g.relation();
        if (relation == null) {
            problems.add(Problem.of("$.guardian.relation", ProblemCode.FORM_REQUIRED));
        } else {
            if (minor && (relation == GuardianRelation.SPOUSE || relation == GuardianRelation.CHILD)) {
                problems.add(Problem.of("$.guardian.relation", ProblemCode.FORM_RELATION_FOR_MINOR));
            }
            if (id.isPresent() && (relation == GuardianRelation.FATHER && id.get().gender() != Gender.MALE
                    || relation == GuardianRelation.MOTHER && id.get().gender() != Gender.FEMALE)) {
                problems.add(Problem.of("$.guardian.relation", ProblemCode.FORM_RELATION_GENDER));
            }
        }
        Fields.phone(g.phone(), "$.guardian.phone", problems);
    }

    private void agent(Agent a, Optional<IdentityNumber> applicant, LocalDate visitDate, List<Problem> problems) {
        if (a == null) {
            return;
        }
        Fields.name(a.name(), "$.agent.name", problems);
        person(a.idNumber(), "$.agent.idNumber", applicant, visitDate, problems);
        Fields.text(a.relation(), true, Fields.MAX_NAME, "$.agent.relation", problems);
        if (Fields.required(a.phone(), "$.agent.phone", problems)) {
            Fields.phone(a.phone(), "$.agent.phone", problems);
        }
    }

    /** A guardian or agent: a valid number (any kind of holder), an adult, not the applicant. */
    private static Optional<IdentityNumber> person(String text, String path, Optional<IdentityNumber> applicant,
            LocalDate visitDate, List<Problem> problems) {
        Optional<IdentityNumber> id = identity(text, path, visitDate, problems);
        if (id.isPresent()) {
            int age = id.get().ageOn(visitDate);
            if (applicant.isPresent() && applicant.get().equals(id.get())) {
                problems.add(Problem.of(path, ProblemCode.FORM_SAME_PERSON));
            } else if (age < Condition.ADULT_AGE) {
                problems.add(Problem.of(path, ProblemCode.FORM_MUST_BE_ADULT, age));
            }
        }
        return id;
    }

    private static void visit(VisitBasis v, Optional<Integer> age, List<Problem> problems) {
        if (v == null || v.reason() == null) {
            problems.add(Problem.of(v == null ? "$.visit" : "$.visit.reason", ProblemCode.FORM_REQUIRED));
            return;
        }
        if (v.reason() == VisitReason.AGED_60_PLUS && age.isPresent() && age.get() < 60) {
            problems.add(Problem.of("$.visit.reason", ProblemCode.FORM_NOT_AGED_60, age.get()));
        }
        if (v.reason().needsEvidence() && Fields.blank(v.evidence())) {
            problems.add(Problem.of("$.visit.evidence", ProblemCode.FORM_EVIDENCE_REQUIRED));
        } else if (!Fields.blank(v.evidence())) {
            Fields.itemRef(v.evidence(), "$.visit.evidence", problems);
        }
    }

    private void applications(List<Application> applications, List<Problem> problems) {
        if (applications.isEmpty()) {
            problems.add(Problem.of("$.applications", ProblemCode.FORM_NO_APPLICATION));
            return;
        }
        Set<String> types = new HashSet<>();
        for (int i = 0; i < applications.size(); i++) {
            String at = "$.applications[" + i + "]";
            Application a = applications.get(i);
            if (a == null || Fields.blank(a.type())) {
                problems.add(Problem.of(at + ".type", ProblemCode.FORM_REQUIRED));
                continue;
            }
            Optional<ApplicationType> type = catalogue.type(a.type());
            if (type.isEmpty()) {
                problems.add(Problem.of(at + ".type", ProblemCode.FORM_UNKNOWN_TYPE, a.type()));
                continue;
            }
            if (!types.add(a.type())) {
                problems.add(Problem.of(at + ".type", ProblemCode.FORM_DUPLICATE_TYPE, type.get().name()));
            }
            application(a, type.get(), at, problems);
        }
    }

    private static void application(Application a, ApplicationType type, String at, List<Problem> problems) {
        if (a.issue() == null) {
            problems.add(Problem.of(at + ".issue", ProblemCode.FORM_REQUIRED));
            return;
        }
        Optional<IssueRule> issue = type.issue(a.issue());
        if (issue.isEmpty()) {
            problems.add(Problem.of(at + ".issue", ProblemCode.FORM_ISSUE_NOT_OFFERED, a.issue(), type.name()));
            return;
        }
        endorsements(a, type, at, problems);
        prior(a.prior(), issue.get(), type, at, problems);
    }

    private static void endorsements(Application a, ApplicationType type, String at, List<Problem> problems) {
        if (a.issue() == Issue.ENDORSEMENT_ONLY && a.endorsements().isEmpty()) {
            problems.add(Problem.of(at + ".endorsements", ProblemCode.FORM_ENDORSEMENT_REQUIRED));
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < a.endorsements().size(); j++) {
            String e = at + ".endorsements[" + j + "]";
            EndorsementRequest r = a.endorsements().get(j);
            if (r == null || Fields.blank(r.id())) {
                problems.add(Problem.of(e + ".id", ProblemCode.FORM_REQUIRED));
                continue;
            }
            Optional<Endorsement> endorsement = type.endorsement(r.id());
            if (endorsement.isEmpty()) {
                problems.add(Problem.of(e + ".id", ProblemCode.FORM_ENDORSEMENT_NOT_OF_TYPE, r.id(), type.name()));
                continue;
            }
            if (!seen.add(r.id())) {
                problems.add(Problem.of(e + ".id", ProblemCode.FORM_ENDORSEMENT_TWICE, endorsement.get().name()));
            }
            if (Fields.blank(r.validity())) {
                problems.add(Problem.of(e + ".validity", ProblemCode.FORM_REQUIRED));
            } else if (endorsement.get().validity(r.validity()).isEmpty()) {
                problems.add(Problem.of(e + ".validity", ProblemCode.FORM_VALIDITY_NOT_OFFERED, r.validity(),
                        endorsement.get().name()));
            }
        }
    }

    private static void prior(PriorDocument prior, IssueRule issue, ApplicationType type, String at,
            List<Problem> problems) {
        if (issue.prior() == PriorDocumentRule.NONE) {
            if (prior != null && !Fields.blank(prior.number())) {
                problems.add(Problem.of(at + ".prior", ProblemCode.FORM_PRIOR_UNEXPECTED, issue.name()));
            }
            return;
        }
        String number = prior == null ? null : prior.number();
        if (Fields.blank(number)) {
            if (issue.prior() == PriorDocumentRule.NUMBER_REQUIRED) {
                problems.add(Problem.of(at + ".prior.number", ProblemCode.FORM_PRIOR_NUMBER_REQUIRED, issue.name()));
            }
            return;
        }
        String n = java.text.Normalizer.normalize(number, java.text.Normalizer.Form.NFKC).strip()
                .toUpperCase(java.util.Locale.ROOT);
        if (!type.isDocumentNumber(n)) {
            problems.add(Problem.of(at + ".prior.number", ProblemCode.FORM_DOCUMENT_NUMBER, number.strip(), type.name()));
        }
    }

    private static void urgent(Urgency u, LocalDate visitDate, List<Problem> problems) {
        if (u == null) {
            return;
        }
        if (u.reason() == null) {
            problems.add(Problem.of("$.urgent.reason", ProblemCode.FORM_REQUIRED));
        }
        if (Fields.blank(u.evidence())) {
            problems.add(Problem.of("$.urgent.evidence", ProblemCode.FORM_EVIDENCE_REQUIRED));
        } else {
            Fields.itemRef(u.evidence(), "$.urgent.evidence", problems);
        }
        if (u.neededBy() != null && u.neededBy().isBefore(visitDate)) {
            problems.add(Problem.of("$.urgent.neededBy", ProblemCode.FORM_DATE_PAST, u.neededBy()));
        }
        Fields.text(u.note(), false, Fields.MAX_TEXT, "$.urgent.note", problems);
    }

    private static void delivery(Delivery d, List<Problem> problems) {
        if (d == null || d.method() == null) {
            problems.add(Problem.of(d == null ? "$.delivery" : "$.delivery.method", ProblemCode.FORM_REQUIRED));
            return;
        }
        PostalAddress a = d.address();
        if (d.method() == DeliveryMethod.COLLECT) {
            if (a != null) {
                problems.add(Problem.of("$.delivery.address", ProblemCode.FORM_ADDRESS_UNEXPECTED));
            }
            return;
        }
        if (a == null) {
            problems.add(Problem.of("$.delivery.address", ProblemCode.FORM_REQUIRED));
            return;
        }
        Fields.name(a.recipient(), "$.delivery.address.recipient", problems);
        if (Fields.required(a.phone(), "$.delivery.address.phone", problems)) {
            Fields.phone(a.phone(), "$.delivery.address.phone", problems);
        }
        Fields.text(a.province(), true, Fields.MAX_NAME, "$.delivery.address.province", problems);
        Fields.text(a.city(), true, Fields.MAX_NAME, "$.delivery.address.city", problems);
        Fields.text(a.district(), false, Fields.MAX_NAME, "$.delivery.address.district", problems);
        Fields.text(a.street(), true, Fields.MAX_TEXT, "$.delivery.address.street", problems);
        Fields.postcode(a.postcode(), "$.delivery.address.postcode", problems);
    }

    private static void contact(Contact c, Applicant applicant, List<Problem> problems) {
        if (c == null) {
            problems.add(Problem.of("$.contact", ProblemCode.FORM_REQUIRED));
            return;
        }
        Fields.text(c.address(), true, Fields.MAX_TEXT, "$.contact.address", problems);
        boolean hasName = !Fields.blank(c.emergencyName());
        boolean hasPhone = !Fields.blank(c.emergencyPhone());
        if (hasName) {
            Fields.name(c.emergencyName(), "$.contact.emergencyName", problems);
        }
        if (hasPhone) {
            Fields.phone(c.emergencyPhone(), "$.contact.emergencyPhone", problems);
        }
        if (hasName != hasPhone) {
            problems.add(Problem.of(hasName ? "$.contact.emergencyPhone" : "$.contact.emergencyName",
                    ProblemCode.FORM_REQUIRED));
        }
        // elderly applicants often have no phone of their own; someone must be reachable
        if (applicant != null && Fields.blank(applicant.phone()) && !hasPhone) {
            problems.add(Problem.of("$.applicant.phone", ProblemCode.FORM_NO_PHONE));
        }
    }

    private static void relief(FeeRelief r, List<Problem> problems) {
        if (r == null) {
            return;
        }
        if (r.basis() == null) {
            problems.add(Problem.of("$.relief.basis", ProblemCode.FORM_REQUIRED));
        }
        if (Fields.blank(r.evidence())) {
            problems.add(Problem.of("$.relief.evidence", ProblemCode.FORM_EVIDENCE_REQUIRED));
        } else {
            Fields.itemRef(r.evidence(), "$.relief.evidence", problems);
        }
    }
}
