package org.doorstep.sync.chunk;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

import org.doorstep.sync.chunk.ChunkFormatException.Reason;

/**
 * One piece of a sealed packet as it travels over MQTT. The wire form is a fixed header followed by the
 * payload, big-endian:
 *
 * <pre>
 *   magic "DSC1" (4) | version 1 (1) | digest algorithm 1 = SHA-256 (1)
 *   packet id (16: UUID, most significant half first) | index (4) | count (4) | packet length (8)
 *   packet digest (32) | chunk digest (32: of the payload) | payload length (4) | payload
 * </pre>
 *
 * Every chunk repeats the packet's id, count, length and digest, so HQ can check that the chunks it holds
 * belong together and learn from any one of them what is still missing. The digests are for transport
 * integrity and assembly only; what proves origin and keeps the content secret is the packet's own
 * signature and encryption (the packet format).
 */
public record Chunk(UUID packetId, int index, int count, long packetLength, byte[] packetDigest, byte[] payload) {

    public static final byte[] MAGIC = { 'D', 'S', 'C', '1' };
    public static final byte VERSION = 1;
    public static final byte SHA_256 = 1;
    public static final int DIGEST_BYTES = 32;
    public static final int HEADER_BYTES = 4 + 1 + 1 + 16 + 4 + 4 + 8 + DIGEST_BYTES + DIGEST_BYTES + 4;
    /** Largest message on the wire, header included (the "chunks ≤ 256 KiB"). */
    public static final int MAX_MESSAGE_BYTES = 256 * 1024;
    public static final int MAX_PAYLOAD_BYTES = MAX_MESSAGE_BYTES - HEADER_BYTES;
    /** Most chunks in one packet: about 4 GiB at the largest payload, far above any case. */
    public static final int MAX_COUNT = 16_384;

    public Chunk {
        Objects.requireNonNull(packetId, "packetId");
        if (count < 1 || count > MAX_COUNT || index < 0 || index >= count) {
            throw new IllegalArgumentException("chunk " + index + " of " + count + " is not a valid position");
        }
        if (packetDigest == null || packetDigest.length != DIGEST_BYTES) {
            throw new IllegalArgumentException("a packet digest has " + DIGEST_BYTES + " bytes");
        }
        if (payload == null || payload.length == 0 || payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a chunk carries 1 to " + MAX_PAYLOAD_BYTES + " bytes");
        }
        if (packetLength < count || packetLength > (long) count * MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a packet of " + packetLength + " bytes cannot have " + count + " chunks");
        }
        packetDigest = packetDigest.clone();
        payload = payload.clone();
    }

    /** A copy: a chunk cannot be changed after it was made. */
    @Override
    public byte[] packetDigest() {
        return packetDigest.clone();
    }

    /** A copy: a chunk cannot be changed after it was made. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int payloadLength() {
        return payload.length;
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        b.put(MAGIC).put(VERSION).put(SHA_256);
        b.putLong(packetId.getMostSignificantBits()).putLong(packetId.getLeastSignificantBits());
        b.putInt(index).putInt(count).putLong(packetLength);
        b.put(packetDigest).put(sha256(payload)).putInt(payload.length).put(payload);
        return b.array();
    }

    /** Reads a chunk from the wire, refusing anything malformed or altered in transit. */
    public static Chunk decode(byte[] message) throws ChunkFormatException {
        if (message == null || message.length < HEADER_BYTES + 1) {
            throw new ChunkFormatException(Reason.TRUNCATED, "a chunk has at least " + (HEADER_BYTES + 1) + " bytes, this has "
                    + (message == null ? 0 : message.length));
        }
        if (message.length > MAX_MESSAGE_BYTES) {
            throw new ChunkFormatException(Reason.TOO_LARGE, "a chunk has at most " + MAX_MESSAGE_BYTES + " bytes, this has "
                    + message.length);
        }
        ByteBuffer b = ByteBuffer.wrap(message);
        byte[] magic = new byte[4];
        b.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new ChunkFormatException(Reason.BAD_MAGIC, "not a Doorstep chunk (magic " + HexFormat.of().formatHex(magic) + ")");
        }
        byte version = b.get();
        byte algorithm = b.get();
        if (version != VERSION || algorithm != SHA_256) {
            throw new ChunkFormatException(Reason.UNSUPPORTED_VERSION, "chunk version " + version + " / digest "
                    + algorithm + " is not supported (expected " + VERSION + " / " + SHA_256 + ")");
        }
        UUID packetId = new UUID(b.getLong(), b.getLong());
        int index = b.getInt();
        int count = b.getInt();
        long packetLength = b.getLong();
        byte[] packetDigest = new byte[DIGEST_BYTES];
        b.get(packetDigest);
        byte[] chunkDigest = new byte[DIGEST_BYTES];
        b.get(chunkDigest);
        int length = b.getInt();
        if (length != b.remaining()) {
            throw new ChunkFormatException(Reason.TRUNCATED, "the chunk says " + length + " payload bytes but carries "
                    + b.remaining());
        }
        byte[] payload = new byte[length];
        b.get(payload);
        if (!MessageDigest.isEqual(chunkDigest, sha256(payload))) {
            throw new ChunkFormatException(Reason.DIGEST_MISMATCH, "chunk " + index + " of packet " + packetId
                    + " was altered in transit (its digest does not match)");
        }
        try {
            return new Chunk(packetId, index, count, packetLength, packetDigest, payload);
        } catch (IllegalArgumentException e) {
            throw new ChunkFormatException(Reason.BAD_HEADER, "chunk header of packet " + packetId + ": " + e.getMessage());
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Chunk c && packetId.equals(c.packetId) && index == c.index && count == c.count
                && packetLength == c.packetLength && Arrays.equals(packetDigest, c.packetDigest)
                && Arrays.equals(payload, c.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(packetId, index, count, packetLength, Arrays.hashCode(packetDigest), Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "Chunk[" + packetId + " " + (index + 1) + "/" + count + ", " + payload.length + " bytes]";
    }
}
