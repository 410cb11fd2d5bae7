package org.doorstep.hq;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.doorstep.sync.chunk.Chunk;
import org.doorstep.sync.client.SyncClient;
import org.doorstep.sync.protocol.Topics;

/**
 * Between a laptop's sync engine and its real MQTT link: does to the chunks what a bad network and a broker that
 * redelivers would, before the real broker sees them, so that the brokers and HQ's workers meet duplicates, chunks
 * out of order and damaged chunks. Seeded, so a run can be repeated. Resume queries and heartbeats pass unchanged
 * (a question or heartbeat first releases whatever chunks are held back, as a network eventually delivers what it
 * delays).
 */
public final class FaultyTransport implements SyncClient.Transport {

    private final SyncClient.Transport real;
    private final Random random;
    private final int duplicateOneIn;
    private final int holdUpTo;
    private final int corruptOneIn;
    private final List<byte[]> held = new ArrayList<>();
    public final AtomicInteger duplicated = new AtomicInteger();
    public final AtomicInteger reordered = new AtomicInteger();
    public final AtomicInteger corrupted = new AtomicInteger();

    /**
     * @param duplicateOneIn publish one chunk in this many twice (0: never)
     * @param holdUpTo       hold back up to this many chunks and publish them shuffled (0 or 1: in order)
     * @param corruptOneIn   flip a payload bit in one chunk in this many (0: never); the chunk's own digest then fails
     */
    public FaultyTransport(SyncClient.Transport real, long seed, int duplicateOneIn, int holdUpTo, int corruptOneIn) {
        this.real = real;
        this.random = new Random(seed);
        this.duplicateOneIn = duplicateOneIn;
        this.holdUpTo = holdUpTo;
        this.corruptOneIn = corruptOneIn;
    }

    @Override
    public void publish(String topic, byte[] payload) throws IOException {
        List<byte[]> now = new ArrayList<>();
        synchronized (this) {
            if (!topic.endsWith("/" + Topics.CHUNK)) {
                now.addAll(held);
                held.clear();
            } else {
                byte[] chunk = payload;
                if (corruptOneIn > 0 && random.nextInt(corruptOneIn) == 0) {
                    chunk = payload.clone();
                    chunk[Chunk.HEADER_BYTES + random.nextInt(chunk.length - Chunk.HEADER_BYTES)] ^= 0x10;
                    corrupted.incrementAndGet();
                }
                held.add(chunk);
                if (duplicateOneIn > 0 && random.nextInt(duplicateOneIn) == 0) {
                    held.add(chunk);
                    duplicated.incrementAndGet();
                }
                if (held.size() >= Math.max(1, holdUpTo) || random.nextInt(4) == 0) {
                    if (held.size() > 1) {
                        Collections.shuffle(held, random);
                        reordered.incrementAndGet();
                    }
                    now.addAll(held);
                    held.clear();
                }
            }
        }
        for (byte[] chunk : now) { // only chunks are ever held
            real.publish(chunkTopic(topic), chunk);
        }
        if (!topic.endsWith("/" + Topics.CHUNK)) {
            real.publish(topic, payload);
        }
    }

    /** The chunk topic of the device whose topic this is. */
    private static String chunkTopic(String topic) {
        return Topics.of(Topics.parse(topic).orElseThrow().deviceId(), Topics.CHUNK);
    }
}
