package org.doorstep.hq.admin;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.doorstep.hq.admin.internal.Passwords;
import org.doorstep.hq.admin.store.AdminAuditLog;

/** The sign-in steps of {@link HqAdmin#signIn}: count, wait, check, record. */
final class SignIn {

    private static final String REFUSED = "wrong user id or password";

    private final HqAdmin admin;

    SignIn(HqAdmin admin) {
        this.admin = admin;
    }

    private record Account(String name, Role role, String hash, boolean disabled, int failures, Instant lockedUntil) {
    }

    AdminSession signIn(String userId, char[] password) throws AdminException {
        try {
            if (userId == null || !HqAdmin.USER_ID.matcher(userId).matches() || password == null || password.length == 0
                    || password.length > 1024) {
                throw new AdminException(AdminException.Kind.SIGN_IN, REFUSED);
            }
            Instant now = admin.clock.instant();
            // 1. count the attempt before trying it, and refuse at once while the user must wait
            Account account = admin.db.tx(c -> {
                Account a = null;
                try (PreparedStatement ps = c.prepareStatement("SELECT display_name, role, password_hash, disabled,"
                        + " failed_attempts, locked_until FROM admin_users WHERE user_id = ?")) {
                    ps.setString(1, userId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            Timestamp locked = rs.getTimestamp(6);
                            a = new Account(rs.getString(1), Role.byId(rs.getString(2)), rs.getString(3),
                                    rs.getInt(4) != 0, rs.getInt(5), locked == null ? null : locked.toInstant());
                        }
                    }
                }
                if (a == null) {
                    return null;
                }
                if (a.lockedUntil() != null && now.isBefore(a.lockedUntil())) {
                    return a;
                }
                int failures = a.failures() + 1;
                Instant wait = now.plus(admin.backoff(failures));
                try (PreparedStatement ps = c.prepareStatement("UPDATE admin_users SET failed_attempts = ?,"
                        + " locked_until = ? WHERE user_id = ?")) {
                    ps.setInt(1, failures);
                    ps.setTimestamp(2, wait.isAfter(now) ? Timestamp.from(wait) : null);
                    ps.setString(3, userId);
                    ps.executeUpdate();
                }
                return a;
            });
            if (account == null) {
                Passwords.matches(password, dummy());
                refuse(userId, "unknown user", REFUSED);
            }
            if (account.lockedUntil() != null && now.isBefore(account.lockedUntil())) {
                refuse(userId, "must wait after failed attempts", "too many failed attempts for " + userId
                        + ": try again after " + account.lockedUntil().truncatedTo(ChronoUnit.SECONDS) + " (UTC)",
                        account.lockedUntil());
            }
            // 2. check (slow, outside any transaction)
            boolean right = Passwords.matches(password, account.hash());
            if (!right) {
                refuse(userId, "wrong password", REFUSED);
            }
            if (account.disabled()) {
                refuse(userId, "disabled", "user " + userId + " is disabled");
            }
            // 3. a right password clears the count
            admin.db.tx(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE admin_users SET failed_attempts = 0,"
                        + " locked_until = NULL WHERE user_id = ?")) {
                    ps.setString(1, userId);
                    ps.executeUpdate();
                }
                AdminAuditLog.append(c, admin.clock.instant(), userId, "SIGN_IN", userId, "role " + account.role().id(),
                        "done");
                return null;
            });
            return new AdminSession(admin, userId, account.name(), account.role());
        } finally {
            HqAdmin.wipe(password);
        }
    }

    private void refuse(String userId, String why, String message) throws AdminException {
        refuse(userId, why, message, null);
    }

    /** Records the refused attempt and refuses it; {@code retryAt} when the refusal ends by itself then. */
    private void refuse(String userId, String why, String message, Instant retryAt) throws AdminException {
        admin.db.tx(c -> {
            AdminAuditLog.append(c, admin.clock.instant(), userId, "SIGN_IN", userId, why, "refused");
            return null;
        });
        throw retryAt == null ? new AdminException(AdminException.Kind.SIGN_IN, message)
                : new AdminException(AdminException.Kind.SIGN_IN, message, retryAt);
    }

    /** Checked against when the user does not exist, so an unknown user costs what a known one does. */
    private String dummy() {
        String d = admin.dummyHash;
        if (d == null) {
            d = admin.passwords.hash("not-a-password-anyone-has".toCharArray());
            admin.dummyHash = d;
        }
        return d;
    }
}
