package org.doorstep.sync.protocol;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.doorstep.sync.protocol.ProtocolException.Reason;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The laptop's question after a (re)connect, on {@code up/resume}: "what do you have of these packets?". HQ
 * answers each on {@code down/ack} with a receipt (stored), a rejection, or the chunks it lacks. Unsigned: the
 * broker's TLS and ACL already tie the topic to the device, and an answer changes nothing at HQ.
 *
 * <pre>{"format":"doorstep-resume/1","packets":[{"packetId":…,"count":…,"length":…,"digest":"hex"}]}</pre>
 */
public record ResumeQuery(List<Packet> packets) {

    public static final String FORMAT = "doorstep-resume/1";
    public static final int MAX_PACKETS = 256;
    public static final int MAX_BYTES = 64 * 1024;
    private static final Set<String> FIELDS = Set.of("format", "packets");
    private static final Set<String> PACKET_FIELDS = Set.of("packetId", "count", "length", "digest");

    public record Packet(UUID packetId, int count, long length, byte[] digest) {
        public Packet {
            Objects.requireNonNull(packetId, "packetId");
            if (count < 1 || length < 1 || digest == null || digest.length != 32) {
                throw new IllegalArgumentException("a packet has at least one chunk and byte and a 32-byte digest");
            }
            digest = digest.clone();
        }

        @Override
        public byte[] digest() {
            return digest.clone();
        }
    }

    public ResumeQuery {
        packets = List.copyOf(packets);
        if (packets.isEmpty() || packets.size() > MAX_PACKETS) {
            throw new IllegalArgumentException("a resume query names 1 to " + MAX_PACKETS + " packets");
        }
    }

    public byte[] toJson() {
        ObjectNode root = StrictJson.JSON.createObjectNode().put("format", FORMAT);
        ArrayNode list = root.putArray("packets");
        for (Packet p : packets) {
            list.addObject().put("packetId", p.packetId().toString()).put("count", p.count()).put("length", p.length())
                    .put("digest", HexFormat.of().formatHex(p.digest));
        }
        return HqMessages.json(root);
    }

    public static ResumeQuery fromJson(byte[] json) throws ProtocolException {
        if (json == null || json.length == 0 || json.length > MAX_BYTES) {
            throw new ProtocolException(Reason.MALFORMED, "a resume query has 1 to " + MAX_BYTES + " bytes");
        }
        JsonNode root = StrictJson.object(json, "$");
        StrictJson.only(root, FIELDS, "$");
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw new ProtocolException(Reason.MALFORMED, "$.format: expected \"" + FORMAT + "\"");
        }
        JsonNode list = root.get("packets");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_PACKETS) {
            throw new ProtocolException(Reason.MALFORMED, "$.packets: expected 1 to " + MAX_PACKETS + " packets");
        }
        List<Packet> packets = new ArrayList<>();
        int i = 0;
        for (JsonNode n : list) {
            String where = "$.packets[" + i++ + "]";
            if (!n.isObject()) {
                throw new ProtocolException(Reason.MALFORMED, where + ": expected an object");
            }
            StrictJson.only(n, PACKET_FIELDS, where);
            long count = StrictJson.whole(n, "count", where);
            long length = StrictJson.whole(n, "length", where);
            byte[] digest;
            try {
                digest = HexFormat.of().parseHex(StrictJson.text(n, "digest", where));
            } catch (IllegalArgumentException e) {
                throw new ProtocolException(Reason.MALFORMED, where + ".digest: not hex");
            }
            if (count < 1 || count > org.doorstep.sync.chunk.Chunk.MAX_COUNT || length < 1 || digest.length != 32) {
                throw new ProtocolException(Reason.MALFORMED, where + ": count, length or digest out of range");
            }
            packets.add(new Packet(StrictJson.uuid(n, "packetId", where), (int) count, length, digest));
        }
        return new ResumeQuery(packets);
    }
}
