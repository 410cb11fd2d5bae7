package org.doorstep.hq.admin;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

import org.doorstep.hq.admin.internal.Db;
import org.doorstep.hq.admin.internal.Devices;
import org.doorstep.hq.admin.internal.Passwords;
import org.doorstep.hq.admin.store.AdminAuditLog;
import org.doorstep.hq.admin.store.HqSchema;

/**
 * HQ's administration service: the one entry point the HQ console and the admin command line share. It works over
 * HQ's store by JDBC only (the console needs no HQ key, no broker and no HiveMQ): what needs HQ's keys — signing
 * commands, signing the CRL and handing it to the broker, decrypting a removable medium — is written into the store
 * as a request and carried out by the dispatcher in the HQ service process, and the service waits for it (bounded)
 * where an administrator must see the result.
 *
 * <pre>
 * HqAdmin admin = HqAdmin.open(ConnectionSource.of(new ClientAutoloadedDriver(), url), AdminOptions.defaults(), clock);
 * AdminSession session = admin.signIn("wang", password);      // AdminException(SIGN_IN) when refused
 * DeviceBoard board = session.devices();                        // immutable; any thread
 * try (BoardMonitor m = session.watchBoard(Duration.ofSeconds(2), b -> display.asyncExec(() -> show(b)), err -> …)) { … }
 * </pre>
 *
 * <p>Thread-safe: every call runs in its own transaction on a pooled connection, results are immutable records, and
 * nothing blocks beyond JDBC except the bounded waits for the HQ service ({@link AdminOptions#waitForHq}) of
 * {@link AdminSession#revoke} and {@link AdminSession#importMedia}, and password hashing at sign-in (Argon2id, about
 * half a second by default). A UI calls it from a background job, never from the UI thread.
 */
public final class HqAdmin implements AutoCloseable {

    /** Who the store's own entries are written by when no administrator is signed in (first start). */
    public static final String SERVICE_USER = "hq-service";
    static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");

    final Db db;
    final AdminOptions options;
    final Clock clock;
    final SecureRandom random;
    final Passwords passwords;
    final Devices devices = new Devices();
    volatile String dummyHash;

    private HqAdmin(Db db, AdminOptions options, Clock clock, SecureRandom random) {
        this.db = db;
        this.options = options;
        this.clock = clock;
        this.random = random;
        this.passwords = new Passwords(options.passwordMemoryKiB(), options.passwordIterations(),
                options.passwordParallelism(), random);
    }

    /**
     * Opens the service over HQ's store, bringing its schema up to date if needed (several processes may do so at
     * once).
     *
     * @throws AdminException {@code STORAGE} when the store cannot be reached or was written by a newer HQ
     */
    public static HqAdmin open(ConnectionSource source, AdminOptions options, Clock clock) throws AdminException {
        Db db = new Db(Objects.requireNonNull(source, "source"));
        HqAdmin admin = new HqAdmin(db, Objects.requireNonNull(options, "options"), Objects.requireNonNull(clock, "clock"),
                new SecureRandom());
        try {
            db.tx(c -> {
                HqSchema.ensure(c);
                return null;
            });
        } catch (AdminException e) {
            db.close();
            throw e;
        }
        return admin;
    }

    public AdminOptions options() {
        return options;
    }

    /** Whether any administrator exists (the HQ service creates the first at its first start). */
    public boolean hasUsers() throws AdminException {
        return db.tx(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM admin_users")) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        });
    }

    /**
     * Creates the first administrator (role admin), only while there is none: the HQ service does this at its first
     * start. With a null password one is generated; either way the password used is returned for the caller to show
     * once (never to log).
     *
     * @throws AdminException {@code CONFLICT} when an administrator exists already, {@code INPUT} for a bad id or a
     *                        password shorter than {@link AdminOptions#minPasswordLength}
     */
    public char[] createFirstAdmin(String userId, String displayName, char[] password) throws AdminException {
        checkUserId(userId);
        String name = checkName(displayName);
        char[] chosen = password == null ? Passwords.generate(random) : password.clone();
        checkPassword(chosen);
        String hash = passwords.hash(chosen);
        Instant now = clock.instant();
        db.tx(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE admin_users IN EXCLUSIVE MODE");
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM admin_users")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        throw new AdminException(AdminException.Kind.CONFLICT,
                                "there are administrators already: the first one is created only once");
                    }
                }
            }
            insertUser(c, userId, name, Role.ADMIN, hash, SERVICE_USER, now);
            AdminAuditLog.append(c, now, SERVICE_USER, "USER_ADDED", userId, "first administrator, role admin", "done");
            return null;
        });
        return chosen;
    }

    /**
     * Signs an administrator in. Each attempt is counted before the password is checked; after
     * {@link AdminOptions#freeAttempts} failures the user must wait, twice as long after each further failure, up
     * to {@link AdminOptions#backoffCap}. An unknown user costs the same time as a wrong password, and both get the
     * same answer. Every attempt goes into the administrators' audit trail.
     *
     * @throws AdminException {@code SIGN_IN} when refused, {@code STORAGE} when the store cannot be reached
     */
    public AdminSession signIn(String userId, char[] password) throws AdminException {
        return new SignIn(this).signIn(userId, password);
    }

    static void insertUser(java.sql.Connection c, String userId, String name, Role role, String hash, String by,
            Instant now) throws java.sql.SQLException, AdminException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO admin_users (user_id, display_name, role,"
                + " password_hash, failed_attempts, disabled, created_at, created_by, updated_at)"
                + " VALUES (?, ?, ?, ?, 0, 0, ?, ?, ?)")) {
            ps.setString(1, userId);
            ps.setString(2, name);
            ps.setString(3, role.id());
            ps.setString(4, hash);
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setString(6, by);
            ps.setTimestamp(7, Timestamp.from(now));
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new AdminException(AdminException.Kind.CONFLICT, "there is a user " + userId + " already");
            }
            throw e;
        }
    }

    static void checkUserId(String userId) throws AdminException {
        if (userId == null || !USER_ID.matcher(userId).matches() || userId.equals(SERVICE_USER)) {
            throw new AdminException(AdminException.Kind.INPUT, "a user id is 1-32 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit (and not " + SERVICE_USER + ")");
        }
    }

    static String checkName(String name) throws AdminException {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100 || n.chars().anyMatch(Character::isISOControl)) {
            throw new AdminException(AdminException.Kind.INPUT, "a display name has 1-100 characters, no control characters");
        }
        return n;
    }

    void checkPassword(char[] password) throws AdminException {
        if (password == null || password.length < options.minPasswordLength() || password.length > 1024) {
            throw new AdminException(AdminException.Kind.INPUT, "a password has " + options.minPasswordLength()
                    + " to 1024 characters");
        }
        boolean allSame = true;
        for (char ch : password) {
            allSame &= ch == password[0];
            if (Character.isISOControl(ch)) {
                throw new AdminException(AdminException.Kind.INPUT, "a password cannot hold control characters");
            }
        }
        if (allSame) {
            throw new AdminException(AdminException.Kind.INPUT, "a password of one repeated character is refused");
        }
    }

    static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }

    /** How long to wait after {@code failures} failed attempts, by the options' rule; zero within the free ones. */
    Duration backoff(int failures) {
        int over = failures - options.freeAttempts();
        if (over <= 0) {
            return Duration.ZERO;
        }
        Duration d = options.backoffBase().multipliedBy(1L << Math.min(over - 1, 30));
        return d.compareTo(options.backoffCap()) > 0 ? options.backoffCap() : d;
    }

    @Override
    public void close() {
        db.close();
    }
}
