package org.doorstep.hq.console.internal.parts;

import java.time.ZoneId;
import java.util.Locale;

import org.doorstep.hq.admin.AdminException;
import org.doorstep.hq.admin.AdminSession;
import org.doorstep.hq.admin.DeviceBoard;
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
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The status line: which store and who is signed in, when the board was last read, a busy bar with the name of the
 * background task running, and the board monitor's trouble (HQ's store out of reach), which it keeps retrying.
 */
public class StatusLine {

    @Inject
    @Translation
    private ConsoleMessages m;

    @Inject
    private Work work;

    private StoreLocation location;

    private Formats formats;
    private Label connection;
    private Label boardText;
    private ProgressBar busy;
    private Label task;
    private Label problem;
    private AdminSession session;
    private final Runnable busyListener = this::showBusy;

    @PostConstruct
    public void create(Composite parent) {
        formats = new Formats(m, Locale.getDefault(), ZoneId.systemDefault());
        Composite line = Ui.id(new Composite(parent, SWT.NONE), ConsoleIds.STATUS_LINE);
        GridLayoutFactory.fillDefaults().numColumns(5).margins(12, 6).spacing(24, 0).applyTo(line);
        connection = Ui.id(new Label(line, SWT.NONE), ConsoleIds.STATUS_CONNECTION);
        boardText = Ui.id(new Label(line, SWT.NONE), ConsoleIds.STATUS_BOARD);
        busy = Ui.id(new ProgressBar(line, SWT.INDETERMINATE), ConsoleIds.STATUS_BUSY);
        GridDataFactory.swtDefaults().hint(140, SWT.DEFAULT).applyTo(busy);
        task = new Label(line, SWT.NONE);
        problem = Ui.css(Ui.id(new Label(line, SWT.NONE), ConsoleIds.STATUS_PROBLEM), "problem");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(problem);
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
            }
        }
    }

    @Inject
    public void board(@Optional DeviceBoard board) {
        if (boardText != null && !boardText.isDisposed() && board != null) {
            boardText.setText(formats.format(m.status_board, board.devices().size(), formats.clock(board.readAt())));
            boardText.getParent().layout(true, true);
        }
    }

    @Inject
    public void trouble(@Optional @Named(ConsoleAddon.BOARD_PROBLEM) AdminException e) {
        if (problem != null && !problem.isDisposed()) {
            problem.setText(e == null ? "" : formats.format(m.status_boardProblem, Problems.headline(e, m, formats)));
            problem.getParent().layout(true, true);
        }
    }

    private void showConnection() {
        String store = location == null ? "" : shorten(location.url().orElse(m.none));
        connection.setText(session == null ? formats.format(m.status_signedOut, store)
                : formats.format(m.status_signedIn, session.userId(), formats.role(session.role()), store));
        connection.setToolTipText(location == null ? null : location.url().orElse(null));
        connection.getParent().layout(true, true);
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
        task.getParent().layout(true, true);
    }

    @PreDestroy
    public void dispose() {
        work.removeListener(busyListener);
    }
}
