package org.doorstep.ui.internal.parts;

import java.text.MessageFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.doorstep.core.status.Subscription;
import org.doorstep.core.sync.DeliveredCase;
import org.doorstep.core.sync.OutboxCase;
import org.doorstep.core.sync.SyncEngineState;
import org.doorstep.core.sync.SyncOverview;
import org.doorstep.core.sync.SyncService;
import org.doorstep.sync.LinkState;
import org.doorstep.ui.WidgetIds;
import org.doorstep.ui.internal.Messages;
import org.doorstep.ui.internal.StatusTexts;
import org.doorstep.ui.internal.vault.Forms;
import org.doorstep.ui.internal.vault.LocalizedTexts;
import org.doorstep.ui.internal.vault.ShellIds;
import org.doorstep.ui.internal.vault.ShellMessages;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The sync view: whether the sync service runs, the link to HQ and what went wrong in plain words, the backlog
 * and last contact, the outbox with a progress bar per case, "sync now", and the cases HQ receipted with the
 * status HQ last sent for each. Everything comes from the core's {@link SyncService}; nothing is decided here.
 */
public class SyncPart {

    private Subscription subscription;
    private Messages messages;
    private ShellMessages shell;
    private Locale locale;
    private volatile SyncOverview last;

    private Composite parent;
    private Label heading;
    private Label engine;
    private Label problem;
    private Label link;
    private Label backlog;
    private Label lastContact;
    private Label handedOver;
    private ProgressBar handedOverBar;
    private Button syncNow;
    private Label outboxHeading;
    private Composite outbox;
    private Label deliveredHeading;
    private Composite delivered;

    @Inject
    private UISynchronize uiSync;

    /** At creation and whenever the language switch changes the application's locale. */
    @Inject
    void translate(@Optional @Named(TranslationService.LOCALE) Object newLocale, LocalizedTexts texts) {
        if (newLocale == null) {
            return; // being uninjected
        }
        locale = LocalizedTexts.toLocale(newLocale);
        messages = texts.of(Messages.class, locale);
        shell = texts.of(ShellMessages.class, locale);
        uiSync.asyncExec(this::refresh);
    }

    @PostConstruct
    public void createControls(Composite parent, SyncService sync, UISynchronize ui) {
        this.parent = parent;
        Widgets.id(parent, WidgetIds.SECTION_SYNC);
        GridLayoutFactory.fillDefaults().margins(16, 16).spacing(0, 10).applyTo(parent);
        heading = Widgets.cssClass(new Label(parent, SWT.NONE), "heading");
        engine = line(ShellIds.SYNC_ENGINE);
        problem = Widgets.cssClass(line(ShellIds.SYNC_PROBLEM), "problem");
        link = line(ShellIds.SYNC_LINK);
        backlog = line(ShellIds.SYNC_BACKLOG);
        lastContact = line(ShellIds.SYNC_LAST_CONTACT);
        handedOver = line(ShellIds.SYNC_HANDED_OVER);
        handedOverBar = new ProgressBar(parent, SWT.HORIZONTAL | SWT.SMOOTH);
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 24).applyTo(handedOverBar);
        syncNow = Forms.button(parent, "", ShellIds.SYNC_NOW, sync::syncNow);
        GridDataFactory.swtDefaults().hint(SWT.DEFAULT, Forms.CONTROL_HEIGHT).minSize(200, Forms.CONTROL_HEIGHT)
                .applyTo(syncNow);

        ScrolledComposite scroll = new ScrolledComposite(parent, SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(scroll);
        Composite lists = new Composite(scroll, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 8).applyTo(lists);
        scroll.setContent(lists);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        outboxHeading = Widgets.cssClass(new Label(lists, SWT.NONE), "subheading");
        outbox = Widgets.id(new Composite(lists, SWT.NONE), ShellIds.SYNC_OUTBOX);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(16, 6).applyTo(outbox);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(outbox);
        deliveredHeading = Widgets.cssClass(new Label(lists, SWT.NONE), "subheading");
        delivered = Widgets.id(new Composite(lists, SWT.NONE), ShellIds.SYNC_DELIVERED);
        GridLayoutFactory.fillDefaults().spacing(0, 6).applyTo(delivered);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(delivered);
        scroll.addListener(SWT.Resize, e -> scroll.setMinSize(lists.computeSize(scroll.getClientArea().width, SWT.DEFAULT)));

        subscription = sync.subscribe(overview -> {
            last = overview;
            ui.asyncExec(this::refresh);
        });
    }

    private Label line(String id) {
        Label label = Widgets.id(new Label(parent, SWT.WRAP), id);
        GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(label);
        return label;
    }

    private void refresh() {
        SyncOverview o = last;
        if (parent == null || parent.isDisposed() || o == null || messages == null) {
            return;
        }
        StatusTexts texts = new StatusTexts(messages, locale);
        heading.setText(messages.sync_heading);
        engine.setText(engineText(o));
        boolean offlineWithReason = o.engine() == SyncEngineState.RUNNING && o.status().link() != LinkState.ONLINE
                && o.problem().isPresent();
        problem.setText(offlineWithReason
                ? shell.sync_problem_offline + "\n" + format(shell.sync_problem_detail, o.problem().get())
                : "");
        link.setText(texts.linkLine(o.status()));
        backlog.setText(texts.backlog(o.status()) + (o.outboxFull() ? "\n" + shell.sync_outbox_full : ""));
        lastContact.setText(texts.lastContact(o.status()));
        long pending = o.status().backlogBytes();
        long handed = Math.max(0, pending - o.unsentBytes());
        handedOver.setText(format(shell.sync_handedOver, StatusTexts.bytes(handed), StatusTexts.bytes(pending)));
        handedOverBar.setMaximum(1000);
        handedOverBar.setSelection(pending == 0 ? 0 : (int) (handed * 1000 / pending));
        syncNow.setText(shell.sync_now);
        syncNow.setEnabled(o.engine() == SyncEngineState.RUNNING || o.engine() == SyncEngineState.FAILED);

        outboxHeading.setText(shell.sync_outbox_heading);
        clear(outbox);
        if (o.outbox().isEmpty()) {
            span(new Label(outbox, SWT.NONE)).setText(shell.sync_outbox_empty);
        }
        for (OutboxCase c : o.outbox()) {
            Label text = new Label(outbox, SWT.NONE);
            text.setText(format(shell.sync_outbox_case, shortId(c.caseId()), c.urgent() ? shell.sync_outbox_urgent : "",
                    stateText(c), StatusTexts.bytes(c.bytes())));
            text.setData(WidgetIds.KEY, ShellIds.SYNC_OUTBOX + "." + c.caseId());
            ProgressBar bar = new ProgressBar(outbox, SWT.HORIZONTAL | SWT.SMOOTH);
            bar.setMaximum(OutboxCase.STEPS);
            bar.setSelection(c.stepsDone());
            bar.setData(WidgetIds.KEY, ShellIds.SYNC_OUTBOX + "." + c.caseId() + ".progress");
            GridDataFactory.fillDefaults().grab(true, false).hint(200, 24).applyTo(bar);
        }
        deliveredHeading.setText(shell.sync_delivered_heading);
        clear(delivered);
        if (o.delivered().isEmpty()) {
            new Label(delivered, SWT.NONE).setText(shell.sync_delivered_empty);
        }
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)
                .withZone(ZoneId.systemDefault());
        for (DeliveredCase c : o.delivered()) {
            Label text = new Label(delivered, SWT.NONE);
            // HQ's note goes with its status: for a returned case it is the reason the officer must act on
            String status = c.hqStatus().map(u -> hqStatus(u.status().name()) + " (" + when.format(u.at()) + ")"
                    + (u.note() == null || u.note().isBlank() ? "" : ": " + u.note().strip()))
                    .orElse(shell.sync_hq_none);
            text.setText(format(shell.sync_delivered_case, shortId(c.caseId()), when.format(c.deliveredAt()), status));
            text.setData(WidgetIds.KEY, ShellIds.SYNC_DELIVERED + "." + c.caseId());
        }
        parent.layout(true, true);
    }

    private static Label span(Label label) {
        GridDataFactory.fillDefaults().span(2, 1).applyTo(label);
        return label;
    }

    private static void clear(Composite composite) {
        for (Control c : composite.getChildren()) {
            c.dispose();
        }
    }

    private static String shortId(String caseId) {
        return caseId.length() > 8 ? caseId.substring(0, 8) : caseId;
    }

    private String engineText(SyncOverview o) {
        return switch (o.engine()) {
            case NO_VAULT -> shell.sync_engine_NO_VAULT;
            case LOCKED -> shell.sync_engine_LOCKED;
            case NOT_ENROLLED -> shell.sync_engine_NOT_ENROLLED;
            case REVOKED -> shell.sync_engine_REVOKED;
            case STARTING -> shell.sync_engine_STARTING;
            case RUNNING -> shell.sync_engine_RUNNING;
            case FAILED -> format(shell.sync_engine_FAILED, o.problem().orElse(""));
        };
    }

    private String stateText(OutboxCase c) {
        return switch (c.state()) {
            case SEALING -> shell.sync_state_SEALING;
            case SENT -> shell.sync_state_SENT;
            default -> shell.sync_state_QUEUED;
        };
    }

    private String hqStatus(String name) {
        return switch (name) {
            case "ACCEPTED" -> shell.sync_hq_ACCEPTED;
            case "IN_REVIEW" -> shell.sync_hq_IN_REVIEW;
            case "APPROVED" -> shell.sync_hq_APPROVED;
            case "PRODUCED" -> shell.sync_hq_PRODUCED;
            case "POSTED" -> shell.sync_hq_POSTED;
            case "RETURNED" -> shell.sync_hq_RETURNED;
            default -> name;
        };
    }

    private String format(String pattern, Object... args) {
        return new MessageFormat(pattern, locale).format(args);
    }

    @PreDestroy
    public void dispose() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
