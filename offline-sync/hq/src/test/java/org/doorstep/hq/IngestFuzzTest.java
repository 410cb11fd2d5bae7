package org.doorstep.hq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * Throws mutated chunks, packets, resume queries and heartbeats at a real ingest worker over HQ's real store:
 * it must never crash (every message is dealt with and {@link IngestWorker#handle} returns), and nothing is
 * ever stored. Chunk mutations hit the wire format; packet mutations are re-chunked with correct chunk digests so
 * that they reach the packet opener (CMS, GCM, signature, manifest). Seeded, so a failure can be replayed.
 */
class IngestFuzzTest {

    private static final long SEED = Long.getLong("doorstep.fuzz.seed", 20261121L);
    private static final int CHUNK_MUTATIONS = 10_000;
    private static final int PACKET_MUTATIONS = 1_500;
    private static final int MESSAGE_MUTATIONS = 2_000;

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
            int payloadSize = 2_048;
            List<byte[]> chunks = chunk(packet.packetId(), sealed, payloadSize);
            String chunkTopic = Topics.of(device.id(), Topics.CHUNK);

            int delivered = 0;
            for (int i = 0; i < CHUNK_MUTATIONS; i++) {
                byte[] original = chunks.get(random.nextInt(chunks.size()));
                // never the whole set of original chunks: a valid packet is not what this test is about
                byte[] mutated = mutate(original, random);
                if (Arrays.equals(mutated, original)) {
                    mutated[Chunk.HEADER_BYTES] ^= 1;
                }
                handle(worker, chunkTopic, mutated, "chunk mutation " + i);
                delivered++;
            }
            for (int i = 0; i < PACKET_MUTATIONS; i++) {
                byte[] mutated = mutate(sealed, random);
                if (Arrays.equals(mutated, sealed)) {
                    mutated[mutated.length / 2] ^= 1;
                }
                for (byte[] c : chunk(UUID.randomUUID(), mutated, payloadSize)) {
                    handle(worker, chunkTopic, c, "packet mutation " + i);
                }
                delivered++;
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
                delivered++;
            }
            try (HqStore store = hq.store("check")) {
                assertEquals(0, store.count("packets"), "nothing stored");
                assertEquals(0, store.count("packet_entries"), "no entry stored");
                assertTrue(store.count("rejects") > 0, "the rejections are on record");
            }
            assertTrue(delivered >= CHUNK_MUTATIONS + PACKET_MUTATIONS);
            assertTrue(answers.get() > 0, "laptops are told about the packets HQ refused");
        }
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
