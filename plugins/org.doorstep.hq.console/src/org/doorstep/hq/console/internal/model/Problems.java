package org.doorstep.hq.console.internal.model;

import org.doorstep.hq.admin.AdminException;
import org.doorstep.hq.console.internal.ConsoleMessages;

/**
 * A refusal or failure of the administration service in plain words: a headline in the console's language by what
 * kind of problem it is, and the service's own sentence (which names the field, the device or the state) as the
 * detail.
 */
public final class Problems {

    private Problems() {
    }

    public static String headline(AdminException e, ConsoleMessages m, Formats f) {
        return switch (e.kind()) {
            case SIGN_IN -> e.retryAt().map(t -> f.format(m.problem_wait, f.clock(t)))
                    .orElse(m.problem_signIn);
            case FORBIDDEN -> m.problem_forbidden;
            case CONFLICT -> m.problem_conflict;
            case INPUT -> m.problem_input;
            case NOT_FOUND -> m.problem_notFound;
            case STORAGE -> m.problem_storage;
            case UNAVAILABLE -> m.problem_unavailable;
            case AUDIT_BROKEN -> m.problem_auditBroken;
            case INTERNAL -> m.problem_internal;
        };
    }

    /** The service's sentence, when it adds to the headline (a refused sign-in's does not: it is the headline). */
    public static String detail(AdminException e, ConsoleMessages m, Formats f) {
        if (e.kind() == AdminException.Kind.SIGN_IN) {
            return "";
        }
        String text = e.getMessage() == null ? "" : e.getMessage().strip();
        return text.isEmpty() ? "" : f.format(m.problem_detail, text);
    }
}
