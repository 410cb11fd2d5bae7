package org.doorstep.sync.vault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import org.doorstep.sync.outbox.Outbox;
import org.doorstep.sync.outbox.OutboxEntry;
import org.doorstep.vault.PacketRecord;
import org.doorstep.vault.PacketState;
import org.doorstep.vault.Vault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Removable media, laptop side: when there is no network for days, an officer copies every packet waiting for HQ to a
 * USB stick, which travels to HQ by hand. The packets stay waiting here until HQ's receipt arrives (over the network
 * later, or by a receipt HQ sends when it has imported them), because a stick can be lost.
 *
 * <pre>
 *   &lt;folder&gt;/doorstep-export-&lt;device&gt;-&lt;yyyyMMdd'T'HHmmss'Z'&gt;/
 *       &lt;packet id&gt;.dspk …        the sealed packets, byte for byte
 *       index.json                 doorstep-export/1: device, time, every packet's id, case, size, SHA-256
 * </pre>
 *
 * The export is written into a folder named {@code ….partial}, every file forced to disk, the index written last, and
 * the folder renamed only then: a folder still named {@code .partial}, or one without {@code index.json}, is a
 * half-written export and HQ ignores it. Each file is checked against the SHA-256 the vault recorded when it was
 * sealed; a damaged spool file stops the export before anything is recorded.
 */
public final class MediaExport {

    public static final String INDEX = "index.json";
    public static final String FORMAT = "doorstep-export/1";
    static final String PARTIAL = ".partial";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** What was exported: the finished folder, the packets in it, their total size. */
    public record Result(Path folder, List<UUID> packets, long bytes) {
    }

    private final Vault vault;
    private final PacketSpoolFolder spool;
    private final Clock clock;

    public MediaExport(Vault vault, PacketSpoolFolder spool, Clock clock) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.spool = Objects.requireNonNull(spool, "spool");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Copies every queued or sent packet and the index into a new folder under {@code target}, then records the
     * export on each case. Refused when the laptop is not enrolled or revoked, or when no packet is waiting.
     */
    public synchronized Result export(Path target) throws IOException {
        SyncIdentity identity = SyncIdentity.require(vault);
        SyncIdentity.requireNotRevoked(vault);
        List<PacketRecord> packets = new ArrayList<>();
        for (PacketRecord p : vault.packets().open()) {
            if (p.state() == PacketState.QUEUED || p.state() == PacketState.SENT) {
                packets.add(p);
            }
        }
        if (packets.isEmpty()) {
            throw new SyncRefusedException("there is nothing to export: no sealed packet is waiting for HQ");
        }
        packets.sort(Comparator.comparing(MediaExport::entry, Outbox.SENDING_ORDER));
        Instant now = clock.instant();
        String name = "doorstep-export-" + identity.deviceId() + "-" + STAMP.format(now);
        Path done = target.resolve(name);
        Path partial = target.resolve(name + PARTIAL);
        if (Files.exists(done) || Files.exists(partial)) {
            throw new SyncRefusedException("an export named " + name + " is already on the media: wait a second and "
                    + "export again");
        }
        Files.createDirectories(partial);
        long total = 0;
        ObjectNode index = JSON.createObjectNode();
        index.put("format", FORMAT).put("deviceId", identity.deviceId()).put("exportedAt", now.toString());
        ArrayNode list = index.putArray("packets");
        try {
            for (PacketRecord p : packets) {
                Path source = spool.fileOf(p.packetId());
                Path copy = partial.resolve(source.getFileName());
                byte[] sha256 = copy(source, copy);
                if (!MessageDigest.isEqual(sha256, p.digest())) {
                    throw new IOException("packet " + p.packetId() + " in the spool is not what was sealed (its SHA-256 "
                            + "differs): nothing was exported; restart the laptop so that it is sealed again");
                }
                total += p.bytes();
                list.addObject().put("packetId", p.packetId().toString()).put("caseId", p.caseId())
                        .put("urgent", p.urgent()).put("queuedAt", p.queuedAt().toString())
                        .put("file", copy.getFileName().toString()).put("bytes", p.bytes())
                        .put("sha256", HexFormat.of().formatHex(sha256));
            }
            byte[] indexBytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(index);
            try (FileChannel channel = FileChannel.open(partial.resolve(INDEX), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                out.write(indexBytes);
                out.flush();
                channel.force(true);
            }
            PacketSpoolFolder.forceFolder(partial);
            Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
            PacketSpoolFolder.forceFolder(target);
        } catch (IOException | RuntimeException e) {
            deleteTree(partial);
            throw e;
        }
        List<UUID> ids = new ArrayList<>();
        for (PacketRecord p : packets) {
            vault.cases().recordExport(p.caseId(), "packet " + p.packetId() + " to removable media, " + name);
            ids.add(p.packetId());
        }
        return new Result(done, List.copyOf(ids), total);
    }

    private static OutboxEntry entry(PacketRecord p) {
        return new OutboxEntry(p.packetId(), p.caseId(), p.urgent(), p.queuedAt(), p.bytes(), p.state() == PacketState.SENT);
    }

    /** Copies a file, forcing the copy to disk; returns the SHA-256 of what was copied. */
    private static byte[] copy(Path source, Path target) throws IOException {
        MessageDigest sha = PacketSpoolFolder.sha256();
        try (InputStream in = Files.newInputStream(source);
                FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(channel);
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0;) {
                sha.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            out.flush();
            channel.force(true);
        }
        return sha.digest();
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a half-written export stays recognisable by its .partial name; HQ ignores it
        }
    }
}
