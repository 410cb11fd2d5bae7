package org.doorstep.hq.admin;

/**
 * What the HQ service made of a removable medium: {@code done} with its report (one line per packet), {@code failed}
 * with the reason, or {@code waiting} when the service had not finished within the wait (the request stays queued).
 */
public record MediaImportResult(long requestId, String state, String report) {
}
