package org.doorstep.sync.outbox;

/**
 * The outbox has no room for another packet: nothing is evicted, so a case is not sealed until HQ's receipts make
 * room. The message says how full it is and what to do.
 */
public final class OutboxFullException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int packets;
    private final long bytes;
    private final long wanted;

    /**
     * @param packets what waits now
     * @param bytes   its bytes
     * @param wanted  the size of the packet that did not fit, at most
     */
    public OutboxFullException(int packets, long bytes, long wanted, OutboxCapacity capacity) {
        super(sentence(packets, bytes, wanted, capacity));
        this.packets = packets;
        this.bytes = bytes;
        this.wanted = wanted;
    }

    /** The sentence a full outbox gives, for the officer and the log. */
    static String sentence(int packets, long bytes, long wanted, OutboxCapacity capacity) {
        return "the outbox is full: " + packets + " packets, " + bytes + " bytes wait for HQ (at most "
                + capacity.maxPackets() + " packets, " + capacity.maxBytes() + " bytes)"
                + (wanted > 0 ? ", and this case's packet needs up to " + wanted + " bytes" : "")
                + "; nothing waiting is dropped: connect to headquarters so they can be sent, then seal it";
    }

    public int packets() {
        return packets;
    }

    public long bytes() {
        return bytes;
    }

    /** The size of the packet that did not fit, at most (0 when only the count was full). */
    public long wanted() {
        return wanted;
    }
}
