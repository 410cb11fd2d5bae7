package org.doorstep.hq.console.internal.parts;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.doorstep.hq.admin.AdminException;
import org.doorstep.hq.admin.AdminSession;
import org.doorstep.hq.admin.DeviceBoard;
import org.doorstep.hq.admin.IngestWorkerView;
import org.doorstep.hq.console.ConsoleIds;
import org.doorstep.hq.console.internal.ConsoleAddon;
import org.doorstep.hq.console.internal.ConsoleMessages;
import org.doorstep.hq.console.internal.Ui;
import org.doorstep.hq.console.internal.Work;
import org.doorstep.hq.console.internal.model.Formats;
import org.doorstep.hq.console.internal.model.Problems;
import org.doorstep.hq.console.internal.model.StoreLocation;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.nls.Translation;
import org.eclipse.e4.ui.services.IStylingEngine;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The status line: which store and who is signed in, when the board was last read, how many ingest workers are
 * running (a silent one named, in the problem style: while none runs, nothing the laptops send is taken in), a busy
 * bar with the name of the background task running, and the board monitor's trouble (HQ's store out of reach), which
 * it keeps retrying.
 */
public class StatusLine {

    @Inject
    @Translation
    private ConsoleMessages m;

    @Inject
    private Work work;

    @Inject
    @Optional
    private IStylingEngine styling;

    private StoreLocation location;

    private Formats formats;
    private Label connection;
    private Label boardText;
    private Label ingest;
    private String ingestClass = "";
    private ProgressBar busy;
    private Label task;
    private Label problem;
    private AdminSession session;
    private final Runnable busyListener = this::showBusy;

    @PostConstruct
    public void create(Composite parent) {
        formats = new Formats(m, Locale.getDefault(), ZoneId.systemDefault());
        Composite line = Ui.id(new Composite(parent, SWT.NONE), ConsoleIds.STATUS_LINE);
        // two rows, so that what needs attention (ingest, the monitor's trouble) is never pushed off the edge by a
        // long store address: the first row is who and where (cut short, whole in its tooltip), the board and the busy
        // bar; the second the ingest workers and the trouble
        GridLayoutFactory.fillDefaults().numColumns(4).margins(12, 6).spacing(24, 4).applyTo(line);
        connection = Ui.id(new Label(line, SWT.NONE), ConsoleIds.STATUS_CONNECTION);
        GridDataFactory.fillDefaults().grab(true, false).hint(0, SWT.DEFAULT).applyTo(connection);
        boardText = Ui.id(new Label(line, SWT.NONE), ConsoleIds.STATUS_BOARD);
        busy = Ui.id(new ProgressBar(line, SWT.INDETERMINATE), ConsoleIds.STATUS_BUSY);
        GridDataFactory.swtDefaults().hint(140, SWT.DEFAULT).applyTo(busy);
        task = new Label(line, SWT.NONE);
        ingest = Ui.id(new Label(line, SWT.NONE), ConsoleIds.STATUS_INGEST);
        problem = Ui.css(Ui.id(new Label(line, SWT.NONE), ConsoleIds.STATUS_PROBLEM), "problem");
        GridDataFactory.fillDefaults().grab(true, false).span(3, 1).applyTo(problem);
        work.addListener(busyListener);
        showBusy();
        showConnection();
    }

    /** The store signed in to (the sign-in screen puts the one it used into the context). */
    @Inject
    public void location(@Optional StoreLocation l) {
        location = l;
        if (connection != null && !connection.isDisposed()) {
            showConnection();
        }
    }

    @Inject
    public void session(@Optional AdminSession s) {
        session = s;
        if (connection != null && !connection.isDisposed()) {
            showConnection();
            if (s == null) {
                boardText.setText("");
                ingest.setText("");
            }
        }
    }

    @Inject
    public void board(@Optional DeviceBoard board) {
        if (boardText != null && !boardText.isDisposed() && board != null) {
            boardText.setText(formats.format(m.status_board, board.devices().size(), formats.clock(board.readAt())));
            showIngest(board);
            relayout(boardText, ingest);
        }
    }

    @Inject
    public void trouble(@Optional @Named(ConsoleAddon.BOARD_PROBLEM) AdminException e) {
        if (problem != null && !problem.isDisposed()) {
            problem.setText(e == null ? "" : formats.format(m.status_boardProblem, Problems.headline(e, m, formats)));
            relayout(problem);
        }
    }

    private void showIngest(DeviceBoard board) {
        List<IngestWorkerView> running = board.workers(IngestWorkerView.State.ALIVE);
        List<IngestWorkerView> silent = board.workers(IngestWorkerView.State.SILENT);
        int total = running.size() + silent.size();
        String text;
        if (total == 0) {
            text = m.status_ingestNone;
        } else if (silent.isEmpty()) {
            text = formats.format(m.status_ingest, running.size(), total);
        } else {
            String names = silent.stream().map(w -> formats.format(m.status_ingestWorkerSince, w.name(),
                    w.lastSign().map(formats::clock).orElse(m.none))).collect(Collectors.joining(", "));
            text = formats.format(m.status_ingestSilent, running.size(), total, names);
        }
        // both classes set the colour, so going from one to the other never leaves the old one behind
        String cssClass = running.isEmpty() || !silent.isEmpty() ? "problem" : "good";
        if (!cssClass.equals(ingestClass)) {
            ingestClass = cssClass;
            Ui.restyle(styling, ingest, cssClass);
        }
        ingest.setText(text);
    }

    /**
     * Lays out the changed labels' ancestors up to the shell: a text that needs the second row, or a taller one, makes
     * the window's bottom trim taller instead of being cut off at the window's edge.
     */
    private static void relayout(Control... changed) {
        changed[0].getShell().layout(changed, SWT.NONE);
    }

    private void showConnection() {
        String store = location == null ? "" : shorten(location.url().orElse(m.none));
        connection.setText(session == null ? formats.format(m.status_signedOut, store)
                : formats.format(m.status_signedIn, session.userId(), formats.role(session.role()), store));
        connection.setToolTipText(location == null ? null : location.url().orElse(null));
        relayout(connection);
    }

    /** A long URL with its middle left out: the host, port and the database's name are what tell stores apart. */
    static String shorten(String url) {
        return url.length() <= 64 ? url : url.substring(0, 40) + "…" + url.substring(url.length() - 20);
    }

    private void showBusy() {
        if (busy.isDisposed()) {
            return;
        }
        busy.setVisible(work.busy());
        task.setText(work.busy() ? work.task() : "");
        relayout(task);
    }

    @PreDestroy
    public void dispose() {
        work.removeListener(busyListener);
    }
}
