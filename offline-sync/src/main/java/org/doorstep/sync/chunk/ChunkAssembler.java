package org.doorstep.sync.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;

import org.doorstep.sync.chunk.ChunkFormatException.Reason;

/**
 * HQ's side: collects the chunks of one packet, in any order and with repeats, into a spool file at their
 * offsets, says which are still {@link #missing()}, and hands over the packet once every chunk is there and
 * the whole matches the packet digest the chunks carry. Memory use is one chunk, whatever the packet's size.
 * Not thread-safe: one assembler per packet, fed by one worker at a time.
 */
public final class ChunkAssembler implements AutoCloseable {

    /** What {@link #accept} did with a chunk. */
    public enum Outcome {
        STORED, DUPLICATE
    }

    private final UUID packetId;
    private final FileChannel spool;
    private final Path spoolFile;
    private int count = -1;
    private long length = -1;
    private byte[] digest;
    private long payloadSize = -1;
    private final BitSet received = new BitSet();
    private final List<byte[]> chunkDigests = new ArrayList<>();

    public ChunkAssembler(UUID packetId, Path spoolFile) throws IOException {
        this.packetId = packetId;
        this.spoolFile = spoolFile;
        this.spool = FileChannel.open(spoolFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    public Outcome accept(Chunk chunk) throws ChunkFormatException, IOException {
        if (!chunk.packetId().equals(packetId)) {
            throw new ChunkFormatException(Reason.INCONSISTENT, "chunk of packet " + chunk.packetId()
                    + " given to the assembler of packet " + packetId);
        }
        long size = sizeOfNonLast(chunk);
        if (count < 0) {
            count = chunk.count();
            length = chunk.packetLength();
            digest = chunk.packetDigest();
            payloadSize = size;
            chunkDigests.addAll(java.util.Collections.nCopies(count, null));
        } else if (chunk.count() != count || chunk.packetLength() != length
                || !MessageDigest.isEqual(chunk.packetDigest(), digest) || size != payloadSize) {
            throw new ChunkFormatException(Reason.INCONSISTENT, "chunk " + chunk.index() + " of packet " + packetId
                    + " does not agree with the chunks before it (count, length, digest or chunk size)");
        }
        byte[] payloadDigest = Chunk.sha256(chunk.payload());
        if (received.get(chunk.index())) {
            if (!Arrays.equals(chunkDigests.get(chunk.index()), payloadDigest)) {
                throw new ChunkFormatException(Reason.CONFLICT, "chunk " + chunk.index() + " of packet " + packetId
                        + " arrived twice with different contents");
            }
            return Outcome.DUPLICATE;
        }
        ByteBuffer data = ByteBuffer.wrap(chunk.payload());
        long offset = chunk.index() * payloadSize;
        while (data.hasRemaining()) {
            spool.write(data, offset + data.position());
        }
        received.set(chunk.index());
        chunkDigests.set(chunk.index(), payloadDigest);
        return Outcome.STORED;
    }

    /**
     * The chunk size of the packet's non-last chunks, as this chunk shows it: its own length, or for the
     * last chunk what the packet length leaves for the others.
     */
    private static long sizeOfNonLast(Chunk c) throws ChunkFormatException {
        if (c.index() < c.count() - 1) {
            if ((long) c.payloadLength() * (c.count() - 1) >= c.packetLength()) {
                throw new ChunkFormatException(Reason.INCONSISTENT, "chunk " + c.index() + " of " + c.count()
                        + " leaves nothing for the last chunk of a " + c.packetLength() + "-byte packet");
            }
            return c.payloadLength();
        }
        if (c.count() == 1) {
            if (c.payloadLength() != c.packetLength()) {
                throw new ChunkFormatException(Reason.INCONSISTENT, "a one-chunk packet of " + c.packetLength()
                        + " bytes carried " + c.payloadLength());
            }
            return c.payloadLength();
        }
        long rest = c.packetLength() - c.payloadLength();
        if (rest % (c.count() - 1) != 0 || rest / (c.count() - 1) < c.payloadLength()) {
            throw new ChunkFormatException(Reason.INCONSISTENT, "the last chunk's " + c.payloadLength()
                    + " bytes do not fit a " + c.packetLength() + "-byte packet of " + c.count() + " chunks");
        }
        return rest / (c.count() - 1);
    }

    /** The 0-based indices still lacking; empty before the first chunk tells how many there are. */
    public List<Integer> missing() {
        List<Integer> missing = new ArrayList<>();
        for (int i = received.nextClearBit(0); i < count; i = received.nextClearBit(i + 1)) {
            missing.add(i);
        }
        return missing;
    }

    public boolean complete() {
        return count > 0 && received.cardinality() == count;
    }

    /**
     * Checks the assembled packet against the digest its chunks carry and returns the spool file holding it.
     *
     * @throws ChunkFormatException DIGEST_MISMATCH when the chunks, though each intact, do not make the packet
     */
    public Path finish() throws ChunkFormatException, IOException {
        if (!complete()) {
            throw new IllegalStateException("packet " + packetId + " still lacks chunks " + missing());
        }
        spool.force(true);
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        spool.position(0);
        try (InputStream in = new DigestInputStream(Channels.newInputStream(spool), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        if (!MessageDigest.isEqual(sha.digest(), digest)) {
            throw new ChunkFormatException(Reason.DIGEST_MISMATCH, "the chunks of packet " + packetId
                    + " do not make the packet they announce (its digest differs)");
        }
        return spoolFile;
    }

    @Override
    public void close() throws IOException {
        if (spool.isOpen()) {
            spool.close();
        }
    }
}
