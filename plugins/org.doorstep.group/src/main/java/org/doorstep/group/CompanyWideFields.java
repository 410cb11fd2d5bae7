package org.doorstep.group;

import java.util.ArrayList;
import java.util.List;

import org.doorstep.domain.form.PostalAddress;

/**
 * What the officer fills once for everybody in a session: the employer named on the forms, delivery of the finished
 * documents by post to the company (to one recipient there), and the contact person every case names for questions.
 *
 * @param postToCompany whether the documents go by post to the company; then the postal fields are required
 */
public record CompanyWideFields(String employerName, String employerAddress, boolean postToCompany, String recipient,
        String recipientPhone, String province, String city, String district, String street, String postcode,
        String contactName, String contactPhone) {

    public CompanyWideFields {
        employerName = Fields.clean(employerName);
        employerAddress = Fields.clean(employerAddress);
        recipient = Fields.clean(recipient);
        recipientPhone = Fields.clean(recipientPhone);
        province = Fields.clean(province);
        city = Fields.clean(city);
        district = Fields.clean(district);
        street = Fields.clean(street);
        postcode = Fields.clean(postcode);
        contactName = Fields.clean(contactName);
        contactPhone = Fields.clean(contactPhone);
    }

    /** A start from the company form: its name and address as employer, its contact as shared contact; no post. */
    public static CompanyWideFields defaultsFor(Company company) {
        return new CompanyWideFields(company.name(), company.address(), false, company.contactName(),
                company.contactPhone(), null, null, null, null, null, company.contactName(), company.contactPhone());
    }

    public List<GroupProblem> problems() {
        List<GroupProblem> problems = new ArrayList<>();
        Fields.text(problems, 0, "fields.employerName", employerName, true, 100);
        Fields.text(problems, 0, "fields.employerAddress", employerAddress, true, 200);
        Fields.text(problems, 0, "fields.contactName", contactName, true, 50);
        Fields.phone(problems, 0, "fields.contactPhone", contactPhone, true);
        if (postToCompany) {
            Fields.text(problems, 0, "fields.recipient", recipient, true, 50);
            Fields.phone(problems, 0, "fields.recipientPhone", recipientPhone, true);
            Fields.text(problems, 0, "fields.province", province, true, 20);
            Fields.text(problems, 0, "fields.city", city, true, 30);
            Fields.text(problems, 0, "fields.district", district, false, 30);
            Fields.text(problems, 0, "fields.street", street, true, 200);
            if (postcode == null) {
                problems.add(GroupProblem.of(0, "fields.postcode", GroupProblem.Code.REQUIRED));
            } else if (!postcode.matches("\\d{6}")) {
                problems.add(GroupProblem.of(0, "fields.postcode", GroupProblem.Code.POSTCODE, postcode));
            }
        }
        return problems;
    }

    /** The postal address for the form, when the documents go to the company. */
    public PostalAddress postalAddress() {
        return postToCompany ? new PostalAddress(recipient, recipientPhone, province, city, district, street, postcode) : null;
    }
}
