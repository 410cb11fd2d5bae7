package org.doorstep.sync.outbox;

/**
 * How much the laptop's outbox may hold: sealed packets waiting for HQ's receipt, counted and in bytes. A case is
 * sealed only if its packet fits (sealing asks first); a packet already sealed is never refused, evicted or dropped,
 * so an outbox can stand above its capacity (after the capacity was lowered, say), and then says it is full.
 *
 * @param maxPackets packets waiting for HQ's receipt, sent or not
 * @param maxBytes   their bytes
 */
public record OutboxCapacity(int maxPackets, long maxBytes) {

    /** The product's: 500 cases or 4 GiB, about a fortnight of home visits without a link. */
    public static final OutboxCapacity DEFAULT = new OutboxCapacity(500, 4L << 30);

    public OutboxCapacity {
        if (maxPackets < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("an outbox holds at least one packet and one byte");
        }
    }

    /**
     * Whether a packet of {@code bytes} fits beside {@code packets} packets of {@code pendingBytes} bytes.
     */
    public boolean fits(int packets, long pendingBytes, long bytes) {
        return packets + 1 <= maxPackets && pendingBytes + bytes <= maxBytes;
    }

    /** Whether nothing more fits: as many packets as allowed, or the bytes reached. */
    public boolean full(int packets, long pendingBytes) {
        return packets >= maxPackets || pendingBytes >= maxBytes;
    }
}
