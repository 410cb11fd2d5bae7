package org.doorstep.hq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.doorstep.hq.ingest.IngestWorker;
import org.doorstep.hq.store.HqStore;
import org.doorstep.sync.chunk.Chunk;
import org.doorstep.sync.protocol.ResumeQuery;
import org.doorstep.sync.protocol.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throws 13,500 mutated messages at a real ingest worker over HQ's real store: 10,000 mutated chunks, 1,500 mutated
 * packets and 2,000 mutated resume queries and heartbeats. It must never crash (every message is dealt with and
 * {@link IngestWorker#handle} returns), and nothing is ever stored.
 *
 * <p>Every mutated chunk and packet travels under a random packet id of its own, so that it meets a fresh assembly
 * and is judged by ingest's checks, never answered from an earlier packet's verdict. Half of the chunk mutations hit
 * the wire form (header fields, the chunk digest, lengths) of one of a packet's two chunks; half hit the payload of a
 * packet sent as one chunk, with a correct chunk digest, so that it completes the packet and reaches assembly's
 * length and digest checks. Packet mutations are re-chunked with correct chunk
 * digests so that they reach the packet opener (CMS, GCM, signature, manifest). The test counts where each one was
 * stopped and requires at least 10,000 verdicts of their own. Seeded, so a failure can be replayed.
 */
class IngestFuzzTest {

    private static final long SEED = Long.getLong("doorstep.fuzz.seed", 20261121L);
    private static final int CHUNK_MUTATIONS = 10_000;
    private static final int PACKET_MUTATIONS = 1_500;
    private static final int MESSAGE_MUTATIONS = 2_000;
    private static final int PAYLOAD_SIZE = 2_048;

    @TempDir
    Path dir;

    @Test
    void mutatedInputNeverCrashesIngestAndIsNeverStored() throws Exception {
        Random random = new Random(SEED);
        try (TestHq hq = new TestHq(dir)) {
            TestHq.Device device = hq.enrol("laptop-fuzz");
            AtomicInteger answers = new AtomicInteger();
            IngestWorker worker = hq.worker("fuzz", (topic, payload) -> answers.incrementAndGet());
            TestHq.Sealed packet = hq.seal(device, "case-fuzz", TestHq.randomContents(2, 3_000));
            byte[] sealed = Files.readAllBytes(packet.file());
            List<Chunk> chunks = new ArrayList<>();
            for (byte[] c : chunk(packet.packetId(), sealed, (sealed.length + 1) / 2)) {
                chunks.add(Chunk.decode(c));
            }
            assertEquals(2, chunks.size());
            Chunk whole = Chunk.decode(chunk(packet.packetId(), sealed, sealed.length).get(0));
            String chunkTopic = Topics.of(device.id(), Topics.CHUNK);

            Map<String, Integer> stoppedBy = new TreeMap<>();
            int ownVerdicts = 0;
            try (HqStore store = hq.store("look")) {
                for (int i = 0; i < CHUNK_MUTATIONS; i++) {
                    UUID fresh = new UUID(random.nextLong(), random.nextLong());
                    boolean wire = random.nextBoolean();
                    Chunk target;
                    if (wire) {
                        // one chunk of a two-chunk packet: the decoder's checks, then the device's, the store's (a
                        // packet of its own, never seen) and, when a header field changed into another packet's
                        // shape, assembly's
                        target = chunks.get(random.nextInt(chunks.size()));
                    } else {
                        // the packet in one chunk: a payload that gets through the decoder completes it at once
                        target = whole;
                    }
                    byte[] original = under(fresh, target, target.payload());
                    byte[] mutated;
                    if (wire) {
                        mutated = mutate(original, random);
                    } else {
                        byte[] payload = mutate(target.payload(), random);
                        mutated = payload.length == 0 || payload.length > Chunk.MAX_PAYLOAD_BYTES ? mutate(original, random)
                                : under(fresh, target, payload);
                    }
                    if (Arrays.equals(mutated, original)) {
                        mutated[Chunk.HEADER_BYTES] ^= 1;
                    }
                    UUID judged = packetIdOf(mutated); // random, so never one ingest has answered for before
                    IngestWorker.Stats before = worker.stats();
                    handle(worker, chunkTopic, mutated, "chunk mutation " + i);
                    IngestWorker.Stats after = worker.stats();
                    boolean decoded = after.chunks() > before.chunks();
                    boolean refused = after.rejected() > before.rejected();
                    String where = !decoded ? "chunk decoder" : refused ? rejectReason(store, judged) : "kept, incomplete";
                    stoppedBy.merge((wire ? "chunk (wire): " : "chunk (payload): ") + where, 1, Integer::sum);
                    assertEquals(0, after.duplicatesReceipted(), "chunk mutation " + i + " was receipted");
                    if (decoded || refused) {
                        ownVerdicts++;
                    }
                }
                for (int i = 0; i < PACKET_MUTATIONS; i++) {
                    byte[] mutated = mutate(sealed, random);
                    if (Arrays.equals(mutated, sealed)) {
                        mutated[mutated.length / 2] ^= 1;
                    }
                    UUID fresh = new UUID(random.nextLong(), random.nextLong());
                    for (byte[] c : chunk(fresh, mutated, PAYLOAD_SIZE)) {
                        handle(worker, chunkTopic, c, "packet mutation " + i);
                    }
                    HqStore.PacketStatus status = store.status(fresh);
                    assertInstanceOf(HqStore.Rejected.class, status, "packet mutation " + i + " got a verdict");
                    stoppedBy.merge("packet: " + ((HqStore.Rejected) status).reason(), 1, Integer::sum);
                    ownVerdicts++;
                }
            }
            byte[] resume = new ResumeQuery(List.of(new ResumeQuery.Packet(packet.packetId(), chunks.size(),
                    sealed.length, packet.digest()))).toJson();
            byte[] heartbeat = ("{\"format\":\"doorstep-heartbeat/1\",\"device\":\"laptop-fuzz\",\"sequence\":1,"
                    + "\"sentAt\":\"2026-11-21T08:00:00Z\",\"backlogCases\":0,\"backlogBytes\":0,"
                    + "\"softwareVersion\":\"1\",\"catalogueVersion\":1,\"freeDiskBytes\":1}").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < MESSAGE_MUTATIONS; i++) {
                boolean isResume = random.nextBoolean();
                handle(worker, Topics.of(device.id(), isResume ? Topics.RESUME : Topics.HEARTBEAT),
                        mutate(isResume ? resume : heartbeat, random), "message mutation " + i);
            }
            System.out.println("IngestFuzzTest (seed " + SEED + "): where the mutations were stopped: " + stoppedBy);
            try (HqStore store = hq.store("check")) {
                assertEquals(0, store.count("packets"), "nothing stored");
                assertEquals(0, store.count("packet_entries"), "no entry stored");
                assertTrue(store.count("rejects") > 0, "the rejections are on record");
            }
            assertEquals(0, worker.stats().stored());
            assertTrue(ownVerdicts >= 10_000, "only " + ownVerdicts + " mutated chunks and packets reached ingest's checks"
                    + " for a packet of their own: " + stoppedBy);
            long assembled = stoppedBy.entrySet().stream().filter(e -> e.getKey().startsWith("chunk (payload): TAMPERED"))
                    .mapToLong(Map.Entry::getValue).sum();
            assertTrue(assembled >= 1_000, "payload mutations reach assembly's checks: " + stoppedBy);
            assertTrue(answers.get() > 0, "laptops are told about the packets HQ refused");
        }
    }

    /** A chunk of the packet re-made under another packet id, with this payload and its correct digest. */
    private static byte[] under(UUID packetId, Chunk c, byte[] payload) {
        return new Chunk(packetId, c.index(), c.count(), c.packetLength(), c.packetDigest(), payload).encode();
    }

    /** The packet id a chunk names, if the decoder reads it; null if the decoder refuses it. */
    private static UUID packetIdOf(byte[] encoded) {
        try {
            return Chunk.decode(encoded).packetId();
        } catch (Exception e) {
            return null;
        }
    }

    private static String rejectReason(HqStore store, UUID packetId) throws Exception {
        return store.status(packetId) instanceof HqStore.Rejected r ? r.reason().name() : "refused";
    }

    private static void handle(IngestWorker worker, String topic, byte[] payload, String what) {
        try {
            worker.handle(topic, payload);
        } catch (Exception | Error e) {
            fail(what + " crashed ingest (seed " + SEED + "): " + e, e);
        }
    }

    static List<byte[]> chunk(UUID packetId, byte[] packet, int payloadSize) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(packet);
        int count = Math.max(1, (packet.length + payloadSize - 1) / payloadSize);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] payload = Arrays.copyOfRange(packet, i * payloadSize, Math.min(packet.length, (i + 1) * payloadSize));
            out.add(new Chunk(packetId, i, count, packet.length, digest, payload).encode());
        }
        return out;
    }

    /** One to three of: flip bits, set bytes to boundary values, truncate, extend, splice a random run, swap. */
    static byte[] mutate(byte[] input, Random random) {
        byte[] b = input.clone();
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            switch (random.nextInt(7)) {
                case 0 -> {
                    if (b.length > 0) {
                        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> {
                    if (b.length > 0) {
                        byte[] values = {0, (byte) 0xff, 0x7f, (byte) 0x80, 1};
                        b[random.nextInt(b.length)] = values[random.nextInt(values.length)];
                    }
                }
                case 2 -> b = Arrays.copyOf(b, b.length == 0 ? 0 : random.nextInt(b.length));
                case 3 -> {
                    byte[] tail = new byte[1 + random.nextInt(64)];
                    random.nextBytes(tail);
                    byte[] longer = Arrays.copyOf(b, b.length + tail.length);
                    System.arraycopy(tail, 0, longer, b.length, tail.length);
                    b = longer;
                }
                case 4 -> {
                    if (b.length > 8) {
                        int at = random.nextInt(b.length - 8);
                        byte[] run = new byte[Math.min(8 + random.nextInt(32), b.length - at)];
                        random.nextBytes(run);
                        System.arraycopy(run, 0, b, at, run.length);
                    }
                }
                case 5 -> {
                    if (b.length > 1) {
                        int i = random.nextInt(b.length);
                        int j = random.nextInt(b.length);
                        byte t = b[i];
                        b[i] = b[j];
                        b[j] = t;
                    }
                }
                default -> {
                    if (b.length > 100) {
                        // a header field of the chunk format: the first 100 bytes hold them all
                        b[random.nextInt(100)] = (byte) random.nextInt(256);
                    }
                }
            }
        }
        return b;
    }
}
