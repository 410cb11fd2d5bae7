package org.doorstep.group;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.doorstep.domain.DeliveryMethod;
import org.doorstep.domain.VisitReason;
import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.domain.form.Applicant;
import org.doorstep.domain.form.Application;
import org.doorstep.domain.form.CaseForm;
import org.doorstep.domain.form.Contact;
import org.doorstep.domain.form.Delivery;
import org.doorstep.domain.form.FormJson;
import org.doorstep.domain.form.VisitBasis;
import org.doorstep.vault.CaseStore;
import org.doorstep.vault.ItemKind;
import org.doorstep.vault.NewItem;
import org.doorstep.vault.Vault;

/**
 * Creates a draft case directly in the vault: the form ({@code doorstep-form/1}, slot {@code form}) with the
 * applicant, the documents asked for (issue left for the officer), the visit reason "company group", delivery by post
 * to the company when the session says so, and the shared contact; plus slot {@code group}
 * ({@code doorstep-group-link/1}): the session, the company and the employer named on the forms.
 */
public final class VaultCaseStarter implements CaseStarter {

    public static final String FORM_SLOT = "form";
    public static final String GROUP_SLOT = "group";
    static final String LINK_FORMAT = "doorstep-group-link/1";

    /**
     * Stores the pre-filled case: the form, the items linking it to the session, and the label; returns its id. The
     * field product passes the guided case's own start ({@code org.doorstep.field.Visits#startPrefilled}), so the
     * officer carries the case on through the guided steps; without one the case is stored with just these items.
     */
    @FunctionalInterface
    public interface CaseCreator {
        String create(CaseForm form, List<NewItem> links, String label);
    }

    private final Catalogue catalogue;
    private final CaseCreator creator;

    public VaultCaseStarter(Vault vault, Catalogue catalogue) {
        this(catalogue, (form, links, label) -> {
            List<NewItem> items = new ArrayList<>();
            items.add(new NewItem(ItemKind.FORM, FORM_SLOT, "application/json", FormJson.write(form)));
            items.addAll(links);
            return vault.cases().create(label, false, items).id();
        });
    }

    public VaultCaseStarter(Catalogue catalogue, CaseCreator creator) {
        this.catalogue = catalogue;
        this.creator = creator;
    }

    @Override
    public String start(GroupSession session, RosterEntry entry) {
        CompanyWideFields f = session.fields();
        List<Application> applications = new ArrayList<>();
        for (String type : entry.documents()) {
            applications.add(new Application(type, null, List.of(), null));
        }
        Delivery delivery = f.postToCompany() ? new Delivery(DeliveryMethod.POSTAL, f.postalAddress()) : null;
        Contact contact = new Contact(entry.address() != null ? entry.address() : f.employerAddress(), f.contactName(),
                f.contactPhone());
        CaseForm form = new CaseForm(new Applicant(entry.name(), entry.idNumber(), entry.phone()), null, null,
                new VisitBasis(VisitReason.COMPANY_GROUP, null), applications, null, delivery, contact, null);
        ObjectNode link = new ObjectMapper().createObjectNode();
        link.put("format", LINK_FORMAT);
        link.put("session", session.id());
        link.put("entry", entry.id());
        link.put("company", session.company().name());
        link.put("creditCode", session.company().creditCode());
        link.put("employerName", f.employerName());
        link.put("employerAddress", f.employerAddress());
        return creator.create(form, List.of(new NewItem(ItemKind.FORM, GROUP_SLOT, "application/json",
                link.toString().getBytes(StandardCharsets.UTF_8))), label(session, entry));
    }

    private String label(GroupSession session, RosterEntry entry) {
        String docs = DocumentNames.names(catalogue, entry.documents(), Locale.SIMPLIFIED_CHINESE);
        String label = entry.name() + " · " + session.company().name() + " · " + docs;
        return label.length() > CaseStore.MAX_LABEL ? label.substring(0, CaseStore.MAX_LABEL) : label;
    }
}
