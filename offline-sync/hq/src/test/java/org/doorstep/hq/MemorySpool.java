package org.doorstep.hq;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.doorstep.sync.client.PacketSpool;
import org.doorstep.sync.outbox.OutboxEntry;
import org.doorstep.sync.protocol.HqMessage;

/**
 * A spool of packet files with the laptop's rules but without a vault, for testing the sync engine against HQ
 * ingest: it records every delivery and rejection so that a test can check "exactly once" and "nothing shredded
 * without a receipt". The product's spool is the vault's (org.doorstep.sync.vault).
 */
public final class MemorySpool implements PacketSpool {

    private final Map<UUID, SpooledPacket> pending = new LinkedHashMap<>();
    public final Map<UUID, List<HqMessage.Receipt>> delivered = new LinkedHashMap<>();
    public final Map<UUID, HqMessage.Rejection> rejected = new LinkedHashMap<>();
    public final List<UUID> sent = new ArrayList<>();
    private final List<Consumer<SpooledPacket>> watchers = new CopyOnWriteArrayList<>();

    /** A packet enters the spool (sealed): kept, and whoever watches is told, as the vault's spool does. */
    public void add(SpooledPacket p) {
        synchronized (this) {
            pending.put(p.entry().packetId(), p);
        }
        watchers.forEach(w -> w.accept(p));
    }

    @Override
    public AutoCloseable watch(Consumer<SpooledPacket> listener) {
        watchers.add(listener);
        return () -> watchers.remove(listener);
    }

    @Override
    public synchronized List<SpooledPacket> pending() {
        return new ArrayList<>(pending.values());
    }

    @Override
    public synchronized void sent(UUID packetId) {
        sent.add(packetId);
    }

    @Override
    public synchronized void delivered(UUID packetId, HqMessage.Receipt receipt) throws IOException {
        delivered.computeIfAbsent(packetId, k -> new ArrayList<>()).add(receipt);
        SpooledPacket p = pending.remove(packetId);
        if (p != null) {
            Files.deleteIfExists(p.file()); // "shredding"
        }
    }

    @Override
    public synchronized void rejected(UUID packetId, HqMessage.Rejection rejection) {
        rejected.put(packetId, rejection);
        pending.remove(packetId);
    }

    public synchronized boolean settled(int packets) {
        return delivered.size() + rejected.size() >= packets;
    }

    public synchronized OutboxEntry entry(UUID id) {
        return pending.get(id).entry();
    }
}
