package org.doorstep.hq.admin.internal;

import org.doorstep.hq.admin.CommandView;
import org.doorstep.hq.admin.store.CommandQueue;

/** Store rows as the API's immutable views. */
public final class Views {

    private Views() {
    }

    public static CommandView command(CommandQueue.Entry e) {
        return new CommandView(e.commandId(), e.deviceId(), e.type(), CommandView.State.valueOf(e.state().name()),
                e.sequence(), e.reference() == null ? "" : e.reference(), e.requestedBy(), e.requestedAt(), e.expiresAt(),
                e.sentAt(), e.answeredAt(), e.outcomeDetail() == null ? "" : e.outcomeDetail());
    }
}
