package org.doorstep.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The company a group session is held at. Fields hold what the officer typed (trimmed); {@link #problems()} says what
 * is wrong, in the order of the form.
 *
 * @param creditCode the unified social credit code (统一社会信用代码), GB 32100-2015
 */
public record Company(String name, String creditCode, String contactName, String contactPhone, String address) {

    public Company {
        name = Fields.clean(name);
        creditCode = creditCode == null || Fields.clean(creditCode) == null ? null : CreditCode.normalise(creditCode);
        contactName = Fields.clean(contactName);
        contactPhone = Fields.clean(contactPhone);
        address = Fields.clean(address);
    }

    /** Everything wrong with the form; empty when the company can be used. */
    public List<GroupProblem> problems() {
        List<GroupProblem> problems = new ArrayList<>();
        Fields.text(problems, 0, "company.name", name, true, 100);
        CreditCode.check(creditCode, 0, "company.creditCode").ifPresent(problems::add);
        Fields.text(problems, 0, "company.contactName", contactName, true, 50);
        Fields.phone(problems, 0, "company.contactPhone", contactPhone, true);
        Fields.text(problems, 0, "company.address", address, true, 200);
        return problems;
    }

    /** The problems as sentences, for a form's message area. */
    public List<String> messages(Locale locale) {
        return problems().stream().map(p -> p.message(locale)).toList();
    }
}
