package org.doorstep.field;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.doorstep.domain.Issue;
import org.doorstep.domain.form.Applicant;
import org.doorstep.domain.form.Application;
import org.doorstep.domain.form.CaseForm;
import org.doorstep.domain.form.Contact;
import org.doorstep.domain.form.VisitBasis;
import org.doorstep.sync.vault.WorkOrder;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.CaseSummary;
import org.doorstep.vault.NewItem;
import org.doorstep.vault.StoredWorkOrder;
import org.doorstep.vault.Vault;

/**
 * The officer's visits: HQ's work orders (each with the case started from it, once started) and the cases begun
 * on the spot, still drafts. Starting a visit creates the case's draft with what HQ already knows filled in.
 */
public final class Visits {

    private final Vault vault;
    private final FieldContext context;

    public Visits(Vault vault, FieldContext context) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.context = Objects.requireNonNull(context, "context");
    }

    /** Work orders first (in the order HQ sent them), then the ad-hoc drafts, newest last. */
    public List<Visit> list() {
        List<Visit> visits = new ArrayList<>();
        Set<String> fromOrders = new HashSet<>();
        for (StoredWorkOrder stored : vault.hqInbox().workOrders()) {
            WorkOrder order = WorkOrder.of(stored);
            Optional<CaseState> state = Optional.empty();
            if (stored.caseId() != null) {
                fromOrders.add(stored.caseId());
                state = Optional.of(vault.cases().get(stored.caseId()).state());
            }
            visits.add(new Visit(Optional.of(order.orderId()), Optional.ofNullable(stored.caseId()),
                    order.applicant().name(), order.address(), Optional.of(order.reason()), state, order.due()));
        }
        for (CaseSummary c : vault.cases().list()) {
            if (c.state() != CaseState.DRAFT || fromOrders.contains(c.id())) {
                continue;
            }
            GuidedCase.Header header = GuidedCase.header(vault, c.id());
            visits.add(new Visit(Optional.empty(), Optional.of(c.id()), header.applicant().orElse(c.label()),
                    header.address().orElse(""), header.reason(), Optional.of(c.state()), Optional.empty()));
        }
        return List.copyOf(visits);
    }

    /**
     * The visits of one day, as the officer's list shows them.
     *
     * @param date   the day
     * @param visits work orders due that day (or without a date), those overdue and not yet finished, and the
     *               ad-hoc drafts; overdue first, then today's, then the ad-hoc ones
     * @param later  work orders due after that day, not shown
     */
    public record Day(LocalDate date, List<Visit> visits, int later) {
        public Day {
            visits = List.copyOf(visits);
        }
    }

    /**
     * Today's visits (by the laptop's clock): what is due today, what is overdue and still open, and the cases begun
     * on the spot. A work order finished on an earlier day drops off; one finished today stays, so the officer sees
     * the day's progress.
     */
    public Day today() {
        LocalDate today = currentDate();
        List<Visit> overdue = new ArrayList<>();
        List<Visit> due = new ArrayList<>();
        List<Visit> adHoc = new ArrayList<>();
        int later = 0;
        for (Visit v : list()) {
            switch (v.timing(today)) {
                case OVERDUE -> {
                    if (v.open()) {
                        overdue.add(v);
                    }
                }
                case TODAY -> due.add(v);
                case LATER -> later++;
                case AD_HOC -> adHoc.add(v);
            }
        }
        List<Visit> shown = new ArrayList<>(overdue);
        shown.addAll(due);
        shown.addAll(adHoc);
        return new Day(today, shown, later);
    }

    /**
     * Starts the case of HQ's work order {@code orderId}: applicant, address, visit reason and the documents asked
     * for are filled in; the order is linked to the case. Starting an order already started opens its case.
     */
    public GuidedCase start(String orderId) {
        StoredWorkOrder stored = vault.hqInbox().workOrder(orderId)
                .orElseThrow(() -> new IllegalArgumentException("no work order " + orderId));
        if (stored.caseId() != null) {
            return GuidedCase.open(vault, stored.caseId(), context);
        }
        WorkOrder order = WorkOrder.of(stored);
        List<Application> applications = order.documents().stream()
                .map(type -> new Application(type, Issue.FIRST, List.of(), null)).toList();
        CaseForm form = new CaseForm(new Applicant(order.applicant().name(), order.applicant().idNumber().orElse(null),
                order.applicant().phone().orElse(null)), null, null, new VisitBasis(order.reason(), null), applications,
                null, null, new Contact(order.address(), null, null), null);
        GuidedCase created = GuidedCase.create(vault, context, form, Optional.of(orderId), currentDate());
        vault.hqInbox().attachWorkOrder(orderId, created.caseId());
        return created;
    }

    /** Starts a case without a work order (a neighbour asks while the officer is there). */
    public GuidedCase startAdHoc() {
        return GuidedCase.create(vault, context, new CaseForm(null, null, null, null, List.of(), null, null, null, null),
                Optional.empty(), currentDate());
    }

    /**
     * Starts a case whose form was filled in elsewhere (a group session: the roster and the company-wide fields),
     * with the caller's items that link it back there, in one transaction.
     */
    public GuidedCase startPrefilled(CaseForm form, List<NewItem> links) {
        return GuidedCase.create(vault, context, Objects.requireNonNull(form, "form"), Optional.empty(), currentDate(),
                List.copyOf(links));
    }

    /** Opens a started case to carry on where the officer left it. */
    public GuidedCase resume(String caseId) {
        return GuidedCase.open(vault, caseId, context);
    }

    private LocalDate currentDate() {
        return LocalDate.now(context.clock());
    }
}
