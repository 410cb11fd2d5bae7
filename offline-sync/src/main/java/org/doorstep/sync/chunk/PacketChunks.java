package org.doorstep.sync.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * A sealed packet on the laptop's disk, seen as chunks: any chunk can be read on its own, so after a
 * reconnect only the ones HQ lacks are sent again. The packet is read once to learn its length and digest,
 * then each chunk is read when it is sent; nothing holds the whole packet in memory.
 */
public final class PacketChunks {

    private final UUID packetId;
    private final Path file;
    private final long length;
    private final byte[] digest;
    private final int payloadSize;
    private final int count;

    private PacketChunks(UUID packetId, Path file, long length, byte[] digest, int payloadSize) {
        this.packetId = packetId;
        this.file = file;
        this.length = length;
        this.digest = digest;
        this.payloadSize = payloadSize;
        this.count = (int) ((length + payloadSize - 1) / payloadSize);
    }

    /**
     * @param payloadSize bytes of packet per chunk, 1 to {@link Chunk#MAX_PAYLOAD_BYTES}; the last chunk
     *                    carries what remains
     */
    public static PacketChunks of(UUID packetId, Path packetFile, int payloadSize) throws IOException {
        if (payloadSize < 1 || payloadSize > Chunk.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a chunk carries 1 to " + Chunk.MAX_PAYLOAD_BYTES + " bytes, not " + payloadSize);
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        long length = 0;
        try (InputStream in = new DigestInputStream(Files.newInputStream(packetFile), sha)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0;) {
                length += n;
            }
        }
        if (length == 0) {
            throw new IllegalArgumentException("packet " + packetFile + " is empty");
        }
        if ((length + payloadSize - 1) / payloadSize > Chunk.MAX_COUNT) {
            throw new IllegalArgumentException("packet " + packetFile + " (" + length + " bytes) needs more than "
                    + Chunk.MAX_COUNT + " chunks of " + payloadSize + " bytes");
        }
        return new PacketChunks(packetId, packetFile, length, sha.digest(), payloadSize);
    }

    public UUID packetId() {
        return packetId;
    }

    public int count() {
        return count;
    }

    public long length() {
        return length;
    }

    public byte[] digest() {
        return digest.clone();
    }

    /** Reads chunk {@code index} (0-based) from the packet file. */
    public Chunk chunk(int index) throws IOException {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("chunk " + index + " of " + count);
        }
        long offset = (long) index * payloadSize;
        int size = (int) Math.min(payloadSize, length - offset);
        ByteBuffer buffer = ByteBuffer.allocate(size);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() != length) {
                throw new IOException("packet " + file + " changed size since it was chunked");
            }
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new IOException("packet " + file + " ended early");
                }
            }
        }
        return new Chunk(packetId, index, count, length, digest, buffer.array());
    }
}
