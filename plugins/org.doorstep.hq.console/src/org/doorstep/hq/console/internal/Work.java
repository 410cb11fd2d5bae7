package org.doorstep.hq.console.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.doorstep.hq.admin.AdminException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.UISynchronize;

/**
 * Runs the console's calls to HQ (every one a JDBC round trip, some wait for the HQ service) as Eclipse jobs, never on
 * the UI thread, and hands their results back to the UI thread. Counts what is running so that the status line can
 * show a busy bar with the task's name. One per application (in the e4 context).
 */
public final class Work {

    /** A call to HQ. */
    @FunctionalInterface
    public interface Task<T> {
        T run() throws AdminException;
    }

    /** Job family of the console's work (what Eclipse's job manager can find, join or cancel it by). */
    public static final Object FAMILY = Work.class;

    private final UISynchronize ui;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private int running;
    private String task = "";

    public Work(UISynchronize ui) {
        this.ui = ui;
    }

    /**
     * Starts {@code task} in the background (call on the UI thread); {@code done} or {@code failed} runs on the UI
     * thread afterwards. A fault that is not the service's (a bug, a class that cannot load) reaches {@code failed}
     * as an {@code INTERNAL} problem, so a screen always gets its controls back.
     */
    public <T> void run(String name, Task<T> task, Consumer<T> done, Consumer<AdminException> failed) {
        running++;
        this.task = name;
        fire();
        Job job = new Job(name) {
            @Override
            protected org.eclipse.core.runtime.IStatus run(IProgressMonitor monitor) {
                monitor.beginTask(name, IProgressMonitor.UNKNOWN);
                T result = null;
                AdminException error = null;
                try {
                    result = task.run();
                } catch (AdminException e) {
                    error = e;
                } catch (RuntimeException | LinkageError | AssertionError e) {
                    error = new AdminException(AdminException.Kind.INTERNAL, String.valueOf(e), e);
                } finally {
                    monitor.done();
                }
                T r = result;
                AdminException failure = error;
                handBack(() -> {
                    running--;
                    fire();
                    if (failure == null) {
                        done.accept(r);
                    } else {
                        failed.accept(failure);
                    }
                });
                return org.eclipse.core.runtime.Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        job.setSystem(true);
        job.schedule();
    }

    /** To the UI thread; nothing to do when the console has closed meanwhile (its display is gone). */
    private void handBack(Runnable r) {
        try {
            ui.asyncExec(r);
        } catch (RuntimeException displayGone) {
            // the window closed while HQ answered: nobody is left to tell
        }
    }

    /** Whether any task is running (UI thread). */
    public boolean busy() {
        return running > 0;
    }

    /** The name of the task started last. */
    public String task() {
        return task;
    }

    /** Called on the UI thread whenever a task starts or ends. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void fire() {
        listeners.forEach(Runnable::run);
    }
}
