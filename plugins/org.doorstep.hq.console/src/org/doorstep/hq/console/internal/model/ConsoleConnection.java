package org.doorstep.hq.console.internal.model;

import java.sql.Driver;
import java.time.Clock;
import java.util.Objects;

import org.doorstep.hq.admin.AdminException;
import org.doorstep.hq.admin.AdminOptions;
import org.doorstep.hq.admin.AdminSession;
import org.doorstep.hq.admin.ConnectionSource;
import org.doorstep.hq.admin.HqAdmin;

/**
 * The console's way into HQ's store: one {@link HqAdmin} over the Derby network client for the URL last signed in
 * to, opened again when the URL changes. Every method does JDBC work (and sign-in hashes a password): call them from
 * background jobs, never from the UI thread. Thread-safe.
 */
public final class ConsoleConnection implements AutoCloseable {

    private final Driver driver;
    private final AdminOptions options;
    private final Clock clock;
    private HqAdmin admin;
    private String url;

    /**
     * @param driver the Derby network client's driver instance: inside OSGi {@code DriverManager} does not see drivers
     *               across bundles, so connections come from the instance ({@link ConnectionSource#of})
     */
    public ConsoleConnection(Driver driver, AdminOptions options, Clock clock) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Signs an administrator in to the store at {@code url} (opening it, and bringing its schema up to date, when it
     * is not the one open).
     *
     * @throws AdminException {@code STORAGE} when the store cannot be reached, {@code SIGN_IN} when refused
     */
    public AdminSession signIn(String url, String userId, char[] password) throws AdminException {
        HqAdmin a;
        synchronized (this) {
            if (admin == null || !url.equals(this.url)) {
                if (admin != null) {
                    admin.close();
                    admin = null;
                }
                admin = HqAdmin.open(ConnectionSource.of(driver, url), options, clock);
                this.url = url;
            }
            a = admin;
        }
        return a.signIn(userId, password);
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
            admin = null;
            url = null;
        }
    }
}
