package org.doorstep.sync.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The laptop's queue of sealed packets. Sending order: urgent cases first, then the oldest. It has a
 * capacity (packets and bytes): {@link #requireRoom} refuses, saying so, a packet that would not fit, and sealing
 * asks it (or the vault's list of packets, which this queue mirrors) before a case is sealed. A packet already
 * sealed is on disk and is always taken ({@link #enqueue}): the outbox never evicts, refuses or drops one, and says
 * it is full ({@link OutboxProgress#full()}) when it stands at or above its capacity. Only HQ's receipt removes a
 * packet, because a broker's acknowledgement proves nothing about storage.
 * A packet handed to the broker stays until its receipt comes, and goes back to unsent when the link
 * drops before that (the chunks HQ lacks are then sent again). Thread-safe; listeners are told of every
 * change with the new progress.
 */
public final class Outbox {

    /** Urgent first, then oldest, then by packet id so that the order never depends on chance. */
    public static final Comparator<OutboxEntry> SENDING_ORDER = Comparator.comparing((OutboxEntry e) -> !e.urgent())
            .thenComparing(OutboxEntry::queuedAt).thenComparing(OutboxEntry::packetId);

    private final OutboxCapacity capacity;
    private final Clock clock;
    private final Map<UUID, OutboxEntry> entries = new LinkedHashMap<>();
    private final List<Consumer<OutboxProgress>> listeners = new CopyOnWriteArrayList<>();
    private int deliveredCases;
    private long deliveredBytes;

    public Outbox(int maxPackets, long maxBytes, Clock clock) {
        this(new OutboxCapacity(maxPackets, maxBytes), clock);
    }

    public Outbox(OutboxCapacity capacity, Clock clock) {
        this.capacity = java.util.Objects.requireNonNull(capacity, "capacity");
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
    }

    public OutboxCapacity capacity() {
        return capacity;
    }

    /**
     * Queues a sealed packet. It is on disk already, so it is never refused, even beyond the capacity (the progress
     * then says the outbox is full): a case that should not go beyond it is refused before sealing
     * ({@link #requireRoom}). Queuing twice is harmless.
     */
    public void enqueue(OutboxEntry entry) {
        OutboxProgress progress;
        synchronized (this) {
            if (entries.containsKey(entry.packetId())) {
                return;
            }
            entries.put(entry.packetId(), entry.asSent(false));
            progress = progressLocked();
        }
        fire(progress);
    }

    /** Refuses, with the sentence a full outbox gives, when a packet of this size would not fit now. */
    public synchronized void requireRoom(long bytes) throws OutboxFullException {
        long pending = pendingBytes();
        if (!capacity.fits(entries.size(), pending, bytes)) {
            throw new OutboxFullException(entries.size(), pending, bytes, capacity);
        }
    }

    /** The next packet to send, by {@link #SENDING_ORDER}; empty when everything is sent. */
    public synchronized Optional<OutboxEntry> next() {
        return entries.values().stream().filter(e -> !e.sent()).min(SENDING_ORDER);
    }

    /** Every packet without a receipt, in sending order. */
    public synchronized List<OutboxEntry> pending() {
        List<OutboxEntry> list = new ArrayList<>(entries.values());
        list.sort(SENDING_ORDER);
        return list;
    }

    /** All chunks of the packet were handed to the broker; it now waits for HQ's receipt. */
    public void markSent(UUID packetId) {
        update(packetId, true);
    }

    /** The link dropped before HQ's receipt: the packet goes back to be sent (its missing chunks). */
    public void markUnsent(UUID packetId) {
        update(packetId, false);
    }

    private void update(UUID packetId, boolean sent) {
        OutboxProgress progress;
        synchronized (this) {
            OutboxEntry e = entries.get(packetId);
            if (e == null || e.sent() == sent) {
                return;
            }
            entries.put(packetId, e.asSent(sent));
            progress = progressLocked();
        }
        fire(progress);
    }

    /**
     * HQ's verified receipt for the packet: it leaves the outbox. Returns the entry, or empty when the packet
     * is not here (a repeated receipt), so the caller shreds each case once.
     */
    public Optional<OutboxEntry> receipt(UUID packetId) {
        return remove(packetId, true);
    }

    /** HQ rejected the packet (with a reason the case carries): it leaves the outbox, the case goes back. */
    public Optional<OutboxEntry> rejected(UUID packetId) {
        return remove(packetId, false);
    }

    private Optional<OutboxEntry> remove(UUID packetId, boolean delivered) {
        OutboxEntry removed;
        OutboxProgress progress;
        synchronized (this) {
            removed = entries.remove(packetId);
            if (removed == null) {
                return Optional.empty();
            }
            if (delivered) {
                deliveredCases++;
                deliveredBytes += removed.bytes();
            }
            progress = progressLocked();
        }
        fire(progress);
        return Optional.of(removed);
    }

    public synchronized OutboxProgress progress() {
        return progressLocked();
    }

    public void addListener(Consumer<OutboxProgress> listener) {
        listeners.add(listener);
    }

    private OutboxProgress progressLocked() {
        int unsent = 0;
        long unsentBytes = 0;
        java.time.Instant oldest = null;
        for (OutboxEntry e : entries.values()) {
            if (!e.sent()) {
                unsent++;
                unsentBytes += e.bytes();
                oldest = oldest == null || e.queuedAt().isBefore(oldest) ? e.queuedAt() : oldest;
            }
        }
        Optional<Duration> age = oldest == null ? Optional.empty()
                : Optional.of(Duration.between(oldest, clock.instant()).isNegative() ? Duration.ZERO
                        : Duration.between(oldest, clock.instant()));
        return new OutboxProgress(entries.size(), pendingBytes(), unsent, unsentBytes, deliveredCases, deliveredBytes, age,
                capacity);
    }

    private long pendingBytes() {
        return entries.values().stream().mapToLong(OutboxEntry::bytes).sum();
    }

    private void fire(OutboxProgress progress) {
        for (Consumer<OutboxProgress> l : listeners) {
            l.accept(progress);
        }
    }
}
