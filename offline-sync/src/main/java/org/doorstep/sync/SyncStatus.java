package org.doorstep.sync;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the laptop knows about its link to headquarters and what it still has to send: the figures
 * the status line and the sync view show. Immutable; a new value is published on every change.
 *
 * @param link        current link state
 * @param backlogCases sealed cases not yet receipted by HQ
 * @param backlogBytes bytes of those cases' packets
 * @param lastContact when HQ last answered (receipt, command or heartbeat reply); empty if never
 */
public record SyncStatus(LinkState link, int backlogCases, long backlogBytes, Optional<Instant> lastContact) {

    public SyncStatus {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(lastContact, "lastContact");
        if (backlogCases < 0) {
            throw new IllegalArgumentException("backlogCases must not be negative: " + backlogCases);
        }
        if (backlogBytes < 0) {
            throw new IllegalArgumentException("backlogBytes must not be negative: " + backlogBytes);
        }
        if (backlogCases == 0 && backlogBytes != 0) {
            throw new IllegalArgumentException("an empty backlog cannot hold " + backlogBytes + " bytes");
        }
    }

    /** The state of a laptop that has never reached HQ and has nothing to send. */
    public static SyncStatus neverConnected() {
        return new SyncStatus(LinkState.OFFLINE, 0, 0, Optional.empty());
    }

    public SyncStatus withLink(LinkState newLink) {
        return new SyncStatus(newLink, backlogCases, backlogBytes, lastContact);
    }

    public SyncStatus withBacklog(int cases, long bytes) {
        return new SyncStatus(link, cases, bytes, lastContact);
    }

    public SyncStatus contactedAt(Instant when) {
        Objects.requireNonNull(when, "when");
        return new SyncStatus(link, backlogCases, backlogBytes, Optional.of(when));
    }

    public boolean hasBacklog() {
        return backlogCases > 0;
    }
}
