package org.doorstep.sync;

/** Whether the laptop can reach headquarters right now. */
public enum LinkState {
    /** No route to the broker; the outbox keeps everything until a link appears. */
    OFFLINE,
    /** A link exists and the client is connecting or re-connecting (with back-off). */
    CONNECTING,
    /** Connected to the broker with a session; packets flow. */
    ONLINE
}
