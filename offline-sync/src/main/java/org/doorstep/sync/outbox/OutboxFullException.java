package org.doorstep.sync.outbox;

/** The outbox holds as much as it may: nothing is evicted, so the new packet waits until HQ has some. */
public final class OutboxFullException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int packets;
    private final long bytes;

    OutboxFullException(int packets, long bytes, int maxPackets, long maxBytes) {
        super("the outbox is full: " + packets + " packets, " + bytes + " bytes wait for HQ (at most " + maxPackets
                + " packets, " + maxBytes + " bytes); connect to headquarters so they can be sent");
        this.packets = packets;
        this.bytes = bytes;
    }

    public int packets() {
        return packets;
    }

    public long bytes() {
        return bytes;
    }
}
