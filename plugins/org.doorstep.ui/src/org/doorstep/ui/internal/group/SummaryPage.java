package org.doorstep.ui.internal.group;

import java.util.Locale;

import org.doorstep.group.BoardState;
import org.doorstep.group.GroupSession;
import org.doorstep.group.RosterEntry;
import org.doorstep.group.SessionSummary;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/** The end-of-session summary: counts per state, follow-ups with reasons, who is not finished, pending materials. */
final class SummaryPage {

    private final Composite page;
    private final GroupSessionsView view;
    private final Label heading;
    private final Text text;
    private final org.eclipse.swt.widgets.Button back;
    private String sessionId;

    SummaryPage(Composite page, GroupSessionsView view) {
        this.page = Ui.id(page, GroupIds.SUMMARY);
        this.view = view;
        GroupMessages m = view.messages();
        heading = Ui.heading(page, "", 2);
        text = Ui.id(new Text(page, SWT.MULTI | SWT.WRAP | SWT.READ_ONLY | SWT.V_SCROLL | SWT.BORDER), GroupIds.SUMMARY_TEXT);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(600, 300).applyTo(text);
        back = Ui.button(page, GroupIds.SUMMARY_BACK, m.back, () -> view.showSession(sessionId));
        Ui.button(page, GroupIds.SUMMARY_TO_START, m.backToStart, view::showStart);
    }

    Composite control() {
        return page;
    }

    void show(GroupSession session) {
        sessionId = session.id();
        GroupMessages m = view.messages();
        Locale locale = view.locale();
        SessionSummary s = view.sessions().summary(session.id(), locale);
        heading.setText(Ui.format(m.summaryHeading, locale, s.company()));
        StringBuilder b = new StringBuilder();
        b.append(Ui.format(m.summaryCounts, locale, s.total(), s.counts().get(BoardState.DONE),
                s.counts().get(BoardState.IN_PROGRESS), s.counts().get(BoardState.WAITING),
                s.counts().get(BoardState.FOLLOW_UP))).append("\n\n");
        b.append(m.summaryFollowUps).append('\n');
        if (s.followUps().isEmpty()) {
            b.append("  ").append(m.summaryNone).append('\n');
        }
        for (RosterEntry e : s.followUps()) {
            b.append("  ").append(Ui.format(m.summaryFollowUp, locale, e.name(), e.reason())).append('\n');
        }
        b.append('\n').append(m.summaryNotFinished).append('\n');
        if (s.notFinished().isEmpty()) {
            b.append("  ").append(m.summaryNone).append('\n');
        }
        for (RosterEntry e : s.notFinished()) {
            b.append("  ").append(e.name()).append(" (").append(e.state().label(locale)).append(")\n");
        }
        b.append('\n').append(m.summaryPending).append('\n');
        if (s.pending().isEmpty()) {
            b.append("  ").append(m.summaryNone).append('\n');
        }
        for (SessionSummary.Pending p : s.pending()) {
            b.append("  ").append(Ui.format(m.summaryPendingItem, locale, p.name(), p.material(),
                    p.deadline() == null ? "-" : p.deadline().toString())).append('\n');
        }
        text.setText(b.toString());
        back.setEnabled(session.ended() == null);
        page.layout(true, true);
    }
}
