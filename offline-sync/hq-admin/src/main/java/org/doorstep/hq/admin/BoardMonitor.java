package org.doorstep.hq.admin;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

import org.doorstep.hq.admin.internal.Devices;

/**
 * Keeps a device board up to date without blocking its caller: a daemon thread checks every interval, with one
 * cheap query, whether any heartbeat, packet, rejection, command, device state, certificate or code changed, and only
 * then reads the board and hands it to the listener (on this thread). The first board is read at once. Failures (the
 * store unreachable, the session's user disabled) go to the error callback and the monitor keeps trying; it reports
 * the same failure once.
 */
public final class BoardMonitor implements AutoCloseable {

    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    private final HqAdmin admin;
    private final AdminSession session;
    private final Duration every;
    private final Consumer<DeviceBoard> listener;
    private final Consumer<AdminException> errors;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long boardsDelivered;

    private BoardMonitor(HqAdmin admin, AdminSession session, Duration every, Consumer<DeviceBoard> listener,
            Consumer<AdminException> errors) {
        this.admin = admin;
        this.session = session;
        this.every = every;
        this.listener = listener;
        this.errors = errors;
        this.thread = new Thread(this::run, "doorstep-hq-board-monitor");
        thread.setDaemon(true);
    }

    static BoardMonitor start(HqAdmin admin, AdminSession session, Duration every, Consumer<DeviceBoard> listener,
            Consumer<AdminException> errors) {
        Objects.requireNonNull(every, "every");
        if (every.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("check at most every " + MIN_INTERVAL.toMillis() + " ms");
        }
        BoardMonitor m = new BoardMonitor(admin, Objects.requireNonNull(session, "session"), every,
                Objects.requireNonNull(listener, "listener"),
                Objects.requireNonNull(errors, "errors"));
        m.thread.start();
        return m;
    }

    /** How many boards the listener got so far. */
    public long boardsDelivered() {
        return boardsDelivered;
    }

    private void run() {
        String last = null;
        String lastError = null;
        while (running) {
            try {
                // the session's user, checked at every look: one disabled since signing in gets no more boards
                String now = admin.db.tx(c -> {
                    session.stillEnabled(c);
                    return Devices.fingerprint(c);
                });
                if (!now.equals(last)) {
                    DeviceBoard board = admin.db.tx(c -> admin.devices.board(c, admin.clock.instant()));
                    last = now;
                    boardsDelivered++;
                    listener.accept(board);
                }
                lastError = null;
            } catch (AdminException e) {
                if (!e.getMessage().equals(lastError)) {
                    lastError = e.getMessage();
                    errors.accept(e);
                }
            } catch (RuntimeException e) {
                errors.accept(new AdminException(AdminException.Kind.INTERNAL, "the board monitor failed: " + e, e));
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops the monitor; no callback runs after this returns (unless called from a callback). */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
