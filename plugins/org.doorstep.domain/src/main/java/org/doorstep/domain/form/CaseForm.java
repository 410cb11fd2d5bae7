package org.doorstep.domain.form;

import java.time.LocalDate;
import java.util.List;

import org.doorstep.domain.DeliveryMethod;
import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.catalogue.Situation;
import org.doorstep.domain.identity.IdentityNumber;

/**
 * The one form (一张表单) of a case: one applicant on one visit, every document they ask for. Optional parts
 * are {@code null} when absent. The form holds what the officer entered; {@link FormValidator} judges it
 * against the catalogue, {@link FormJson} reads and writes it.
 *
 * @param applicant    who applies
 * @param guardian     required for a minor, else optional
 * @param agent        someone acting for the applicant, optional
 * @param visit        why the officer visits
 * @param applications at least one
 * @param urgent       urgent processing, optional
 * @param delivery     collect or postal
 * @param contact      where the applicant lives, whom else to call
 * @param relief       fee relief asked for, optional
 */
public record CaseForm(Applicant applicant, Guardian guardian, Agent agent, VisitBasis visit,
        List<Application> applications, Urgency urgent, Delivery delivery, Contact contact, FeeRelief relief) {

    public CaseForm {
        applications = applications == null ? List.of() : List.copyOf(applications);
    }

    /**
     * The applicant's identity number, checked on {@code visitDate}.
     *
     * @throws InvalidInputException at {@code $.applicant.idNumber} if it is missing or invalid
     */
    public IdentityNumber applicantIdentity(LocalDate visitDate) {
        String text = applicant == null ? null : applicant.idNumber();
        try {
            return IdentityNumber.parse(text, visitDate);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.problems().stream().map(p -> p.at("$.applicant.idNumber")).toList());
        }
    }

    /**
     * The facts the catalogue's conditions test, on {@code visitDate}.
     *
     * @throws InvalidInputException if the applicant's identity number is invalid (the age is unknown)
     */
    public Situation situationOn(LocalDate visitDate) {
        int age = applicantIdentity(visitDate).ageOn(visitDate);
        return new Situation(age, guardian == null ? null : guardian.relation(), agent != null,
                visit == null ? null : visit.reason(), urgent == null ? null : urgent.reason(),
                delivery != null && delivery.method() == DeliveryMethod.POSTAL, relief == null ? null : relief.basis());
    }
}
