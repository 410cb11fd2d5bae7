package org.doorstep.hq.console.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.apache.derby.client.ClientAutoloadedDriver;
import org.doorstep.hq.admin.AdminException;
import org.doorstep.hq.admin.AdminOptions;
import org.doorstep.hq.admin.AdminSession;
import org.doorstep.hq.admin.BoardMonitor;
import org.doorstep.hq.admin.DeviceBoard;
import org.doorstep.hq.console.Area;
import org.doorstep.hq.console.internal.model.ConsoleConnection;
import org.doorstep.hq.console.internal.model.Formats;
import org.doorstep.hq.console.internal.model.StoreLocation;
import org.doorstep.hq.console.internal.parts.AreaNavigator;
import org.doorstep.hq.console.internal.signin.SignInScreen;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.nls.Translation;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.widgets.Shell;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The console's state in the application context: the connection to HQ's store ({@link ConsoleConnection}), the
 * signed-in administrator ({@link AdminSession}, present only while signed in), the newest device board
 * ({@link DeviceBoard}, kept up to date by the administration's {@link BoardMonitor}), the background {@link Work}
 * and the {@link FileChooser}. Parts receive these by injection and are injected again when they change, always on
 * the UI thread: the monitor's thread only hands a board over with {@code asyncExec} and never waits for the UI.
 */
public class ConsoleAddon {

    /** Context key of the device the device area shows (a device id). */
    public static final String SELECTED_DEVICE = "org.doorstep.hq.console.selectedDevice";
    /** Context key of the board monitor's last failure (an {@link AdminException}), absent while all is well. */
    public static final String BOARD_PROBLEM = "org.doorstep.hq.console.boardProblem";
    /**
     * Context key of a counter raised after the theme changed: the CSS engine styles a virtual table's rows when it
     * restyles, which marks them filled in SWT, so the board asks for them again.
     */
    public static final String THEME_GENERATION = "org.doorstep.hq.console.themeGeneration";
    /** How often the board is checked for changes (ms); system property, default 1000. */
    public static final String BOARD_INTERVAL_PROPERTY = "doorstep.hq.boardInterval";

    @Inject
    private IEclipseContext context;

    @Inject
    private UISynchronize ui;

    @Inject
    @Translation
    private ConsoleMessages messages;

    private ConsoleConnection connection;
    private Work work;
    private SignInScreen signIn;
    private AdminSession session;
    private BoardMonitor monitor;

    @PostConstruct
    void start() {
        connection = new ConsoleConnection(new ClientAutoloadedDriver(), AdminOptions.defaults(), Clock.systemUTC());
        work = new Work(ui);
        context.set(ConsoleAddon.class, this);
        context.set(Work.class, work);
        context.set(StoreLocation.class, StoreLocation.resolve(System.getProperties(), System.getenv(), Path.of("")));
        if (context.get(FileChooser.class) == null) {
            context.set(FileChooser.class, FileChooser.SYSTEM);
        }
    }

    public ConsoleConnection connection() {
        return connection;
    }

    /** Puts the sign-in screen over the main window once; called when the window's status trim is rendered. */
    public void attach(Shell shell) {
        if (signIn != null || shell.isDisposed()) {
            return;
        }
        signIn = new SignInScreen(shell, this, context, messages, work);
        context.set(SignInScreen.class, signIn);
        signIn.cover();
        // the parts are rendered after the trim: hide whatever appears meanwhile
        shell.getDisplay().asyncExec(() -> {
            if (session == null && signIn != null) {
                signIn.cover();
            }
        });
    }

    /** The administrator is in (UI thread): the window is theirs, and the board is watched live. */
    public void signedIn(AdminSession s) {
        session = s;
        context.set(AdminSession.class, s);
        context.remove(BOARD_PROBLEM);
        monitor = s.watchBoard(boardInterval(), board -> ui.asyncExec(() -> {
            if (session == s) {
                context.remove(BOARD_PROBLEM);
                context.set(DeviceBoard.class, board);
            }
        }), problem -> ui.asyncExec(() -> {
            if (session == s && problem.kind() == AdminException.Kind.FORBIDDEN) {
                // the monitor only reads, which only a disabled user is refused: this window is no longer theirs
                signOut();
                if (signIn != null) {
                    signIn.explain(new Formats(messages, java.util.Locale.getDefault(), java.time.ZoneId.systemDefault())
                            .format(messages.signIn_disabled, s.userId()));
                }
            } else if (session == s) {
                context.set(BOARD_PROBLEM, problem);
            }
        }));
        signIn.uncover();
        EPartService parts = context.get(EPartService.class);
        if (parts != null) {
            try {
                AreaNavigator.show(parts, Area.DEVICES);
            } catch (IllegalStateException e) {
                // no active window yet (the first start): the model shows the board first anyway
            }
        }
    }

    /** Shows {@code deviceId} in the device area (the selection lives in the application's context). */
    public void selectDevice(String deviceId) {
        context.set(SELECTED_DEVICE, deviceId);
    }

    /** Back to the sign-in screen (UI thread); the monitor is stopped off the UI thread. */
    public void signOut() {
        session = null;
        BoardMonitor m = monitor;
        monitor = null;
        context.remove(AdminSession.class);
        context.remove(DeviceBoard.class);
        context.remove(SELECTED_DEVICE);
        context.remove(BOARD_PROBLEM);
        if (m != null) {
            Thread stop = new Thread(m::close, "doorstep-hq-board-monitor-stop");
            stop.setDaemon(true);
            stop.start();
        }
        if (signIn != null) {
            signIn.cover();
        }
    }

    /** The theme was switched (UI thread): after the restyle, tell the parts that show virtual tables. */
    public void themeChanged() {
        ui.asyncExec(() -> {
            Object n = context.get(THEME_GENERATION);
            context.set(THEME_GENERATION, n instanceof Integer i ? i + 1 : 1);
        });
    }

    public boolean signedIn() {
        return session != null;
    }

    private static Duration boardInterval() {
        try {
            long ms = Long.parseLong(System.getProperty(BOARD_INTERVAL_PROPERTY, "1000"));
            return Duration.ofMillis(Math.max(BoardMonitor.MIN_INTERVAL.toMillis(), ms));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    @PreDestroy
    void stop() {
        session = null;
        if (monitor != null) {
            monitor.close();
            monitor = null;
        }
        connection.close();
        context.remove(ConsoleAddon.class);
        context.remove(SignInScreen.class);
    }
}
