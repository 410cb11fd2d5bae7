package org.doorstep.hq.admin;

/**
 * Something in a case a reviewer must look at: {@code photo-override} (a photo kept against the checks, with the
 * officer's reason), {@code photo-not-accepted}, {@code finger-missing} (a finger not captured, with reason and note),
 * {@code material-pending} (a material accepted pending, with its deadline), {@code unreadable} (part of the case
 * HQ could not read).
 */
public record CaseFlag(String kind, String subject, String detail) {
}
