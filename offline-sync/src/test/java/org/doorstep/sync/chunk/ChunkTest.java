package org.doorstep.sync.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.doorstep.sync.chunk.ChunkFormatException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkTest {

    @TempDir
    Path dir;
    private final Random random = new Random(20261121);

    private Path packet(int size) throws Exception {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        Path file = dir.resolve("packet-" + size + ".p7m");
        Files.write(file, bytes);
        return file;
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 1000, 4096, 4097, 3 * 4096 - 1, 250_000 })
    void aPacketCutIntoChunksComesBackWholeInAnyOrderAndWithRepeats(int size) throws Exception {
        Path file = packet(size);
        UUID id = UUID.randomUUID();
        PacketChunks chunks = PacketChunks.of(id, file, 4096);
        assertEquals((size + 4095) / 4096, chunks.count());
        List<byte[]> wire = new ArrayList<>();
        for (int i = 0; i < chunks.count(); i++) {
            byte[] message = chunks.chunk(i).encode();
            assertTrue(message.length <= Chunk.MAX_MESSAGE_BYTES);
            wire.add(message);
        }
        wire.addAll(wire.subList(0, Math.min(3, wire.size()))); // the broker delivers some twice
        Collections.shuffle(wire, random);
        try (ChunkAssembler assembler = new ChunkAssembler(id, dir.resolve("spool"))) {
            int duplicates = 0;
            for (byte[] message : wire) {
                if (assembler.accept(Chunk.decode(message)) == ChunkAssembler.Outcome.DUPLICATE) {
                    duplicates++;
                }
            }
            assertEquals(Math.min(3, chunks.count()), duplicates);
            assertTrue(assembler.complete());
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(assembler.finish()));
        }
    }

    @Test
    void afterALostLinkHqSaysWhichChunksItLacksAndOnlyThoseAreSentAgain() throws Exception {
        Path file = packet(Chunk.MAX_PAYLOAD_BYTES * 5 + 17);
        UUID id = UUID.randomUUID();
        PacketChunks chunks = PacketChunks.of(id, file, Chunk.MAX_PAYLOAD_BYTES);
        assertEquals(6, chunks.count());
        try (ChunkAssembler hq = new ChunkAssembler(id, dir.resolve("spool"))) {
            assertEquals(List.of(), hq.missing(), "nothing known before the first chunk");
            for (int i : new int[] { 0, 2, 5 }) {
                hq.accept(Chunk.decode(chunks.chunk(i).encode()));
            }
            assertEquals(List.of(1, 3, 4), hq.missing());
            assertThrows(IllegalStateException.class, hq::finish);
            for (int i : hq.missing()) {
                hq.accept(Chunk.decode(chunks.chunk(i).encode()));
            }
            assertEquals(List.of(), hq.missing());
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(hq.finish()));
        }
    }

    @Test
    void whatWasAlteredOrCutInTransitIsRefusedWithItsReason() throws Exception {
        UUID id = UUID.randomUUID();
        byte[] message = PacketChunks.of(id, packet(10_000), 4096).chunk(1).encode();

        byte[] flipped = message.clone();
        flipped[flipped.length - 10] ^= 1;
        assertEquals(Reason.DIGEST_MISMATCH, reason(flipped));
        assertEquals(Reason.TRUNCATED, reason(Arrays.copyOf(message, message.length - 1)));
        assertEquals(Reason.TRUNCATED, reason(Arrays.copyOf(message, 20)));
        byte[] magic = message.clone();
        magic[0] = 'X';
        assertEquals(Reason.BAD_MAGIC, reason(magic));
        byte[] version = message.clone();
        version[4] = 9;
        assertEquals(Reason.UNSUPPORTED_VERSION, reason(version));
        byte[] index = message.clone();
        index[22 + 3] = 7; // index 7 of 3 chunks
        assertEquals(Reason.BAD_HEADER, reason(index));
        assertEquals(Reason.TOO_LARGE, reason(new byte[Chunk.MAX_MESSAGE_BYTES + 1]));
        assertEquals(Reason.TRUNCATED, reason(new byte[0]));
    }

    @Test
    void chunksThatDoNotBelongTogetherAreRefused() throws Exception {
        UUID id = UUID.randomUUID();
        Path file = packet(10_000);
        PacketChunks good = PacketChunks.of(id, file, 4096);
        Path other = packet(10_001);
        PacketChunks forged = PacketChunks.of(id, other, 4096); // same id, different packet
        try (ChunkAssembler hq = new ChunkAssembler(id, dir.resolve("spool"))) {
            hq.accept(good.chunk(0));
            assertEquals(Reason.INCONSISTENT, assertThrows(ChunkFormatException.class, () -> hq.accept(forged.chunk(1))).reason());
            assertEquals(Reason.INCONSISTENT, assertThrows(ChunkFormatException.class,
                    () -> hq.accept(PacketChunks.of(UUID.randomUUID(), file, 4096).chunk(1))).reason());
            PacketChunks sameDigestOtherContent = PacketChunks.of(id, file, 4096);
            byte[] payload = sameDigestOtherContent.chunk(0).payload();
            payload[0] ^= 1;
            Chunk conflicting = new Chunk(id, 0, 3, 10_000, good.digest(), payload);
            assertEquals(Reason.CONFLICT, assertThrows(ChunkFormatException.class, () -> hq.accept(conflicting)).reason());
            assertEquals(List.of(1, 2), hq.missing(), "refused chunks change nothing");
        }
    }

    @Test
    void intactChunksThatDoNotMakeTheAnnouncedPacketAreCaught() throws Exception {
        UUID id = UUID.randomUUID();
        Path file = packet(9000);
        PacketChunks real = PacketChunks.of(id, file, 4096);
        byte[] wrongDigest = new byte[32];
        try (ChunkAssembler hq = new ChunkAssembler(id, dir.resolve("spool"))) {
            for (int i = 0; i < real.count(); i++) {
                Chunk c = real.chunk(i);
                hq.accept(new Chunk(id, i, c.count(), c.packetLength(), wrongDigest, c.payload()));
            }
            assertEquals(Reason.DIGEST_MISMATCH, assertThrows(ChunkFormatException.class, hq::finish).reason());
        }
    }

    private static Reason reason(byte[] message) {
        return assertThrows(ChunkFormatException.class, () -> Chunk.decode(message)).reason();
    }
}
