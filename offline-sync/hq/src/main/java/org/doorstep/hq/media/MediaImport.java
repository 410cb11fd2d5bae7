package org.doorstep.hq.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.doorstep.hq.ingest.IngestWorker;
import org.doorstep.sync.protocol.Topics;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Removable media, HQ side: imports the export folders a laptop wrote ({@code doorstep-export/1}: packets plus
 * {@code index.json}) through the same checks and the same idempotent store as packets that come over MQTT, so a
 * stick imported twice, or a packet that also arrived over the network, is stored once. HQ's signed answer for
 * each packet (receipt or rejection) is written beside it in {@code receipts/<packet id>.json}; the stick carries
 * them back, and the laptop shreds a case only on such a receipt.
 *
 * <p>A folder still named {@code .partial} or without an index is a half-written export and is skipped. A packet
 * whose file does not match the index (damaged on the stick) is reported and not imported: the laptop still holds
 * it and sends it again.
 */
public final class MediaImport {

    public static final String INDEX = "index.json";
    public static final String FORMAT = "doorstep-export/1";
    public static final String RECEIPTS = "receipts";
    private static final int MAX_INDEX_BYTES = 4 << 20;
    private static final int MAX_PACKETS = 10_000;
    private static final Set<String> FIELDS = Set.of("format", "deviceId", "exportedAt", "packets");
    private static final Set<String> PACKET_FIELDS = Set.of("packetId", "caseId", "urgent", "queuedAt", "file", "bytes",
            "sha256");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    /** What became of one packet on the stick. */
    public enum Outcome {
        /** HQ answered (receipt or rejection, written to receipts/) */
        ANSWERED,
        /** the file on the stick does not match the index: not imported */
        DAMAGED
    }

    public record PacketResult(UUID packetId, String caseId, Outcome outcome, String detail) {
    }

    /** One export folder: its device and each packet's result, or why the folder was skipped. */
    public record FolderResult(Path folder, String deviceId, List<PacketResult> packets, String skipped) {
    }

    private final IngestWorker worker;

    public MediaImport(IngestWorker worker) {
        this.worker = Objects.requireNonNull(worker, "worker");
    }

    /** Imports every finished export folder directly under {@code medium} (the stick's root, say). */
    public List<FolderResult> importAll(Path medium) throws IOException, SQLException {
        List<FolderResult> results = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(medium, "doorstep-export-*")) {
            list.forEach(folders::add);
        }
        folders.sort(null);
        for (Path folder : folders) {
            if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                results.add(importFolder(folder));
            }
        }
        return results;
    }

    /**
     * Imports the remote-wipe confirmations on the medium: files named {@code wipe-confirmation*.json} at its root (a
     * wiped laptop's {@code wipe-confirmation.json}, copied by support; several laptops' may be renamed apart). Each
     * is checked against the certificates HQ issued to the device it names.
     *
     * @return one line per file: its name and what HQ made of it
     */
    public List<String> importWipeConfirmations(Path medium) throws IOException, SQLException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(medium, "wipe-confirmation*.json")) {
            list.forEach(files::add);
        }
        files.sort(null);
        List<String> lines = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (Files.size(f) > org.doorstep.sync.protocol.WipeProof.MAX_BYTES) {
                lines.add(f.getFileName() + ": refused: larger than a wipe confirmation");
                continue;
            }
            lines.add(f.getFileName() + ": " + worker.importWipeConfirmation(Files.readAllBytes(f)));
        }
        return lines;
    }

    public FolderResult importFolder(Path folder) throws IOException, SQLException {
        String name = folder.getFileName().toString();
        if (name.endsWith(".partial")) {
            return new FolderResult(folder, null, List.of(), "a half-written export (still named .partial)");
        }
        Path indexFile = folder.resolve(INDEX);
        if (!Files.isRegularFile(indexFile, LinkOption.NOFOLLOW_LINKS)) {
            return new FolderResult(folder, null, List.of(), "no " + INDEX + ": a half-written export");
        }
        if (Files.size(indexFile) > MAX_INDEX_BYTES) {
            return new FolderResult(folder, null, List.of(), INDEX + " is larger than " + MAX_INDEX_BYTES + " bytes");
        }
        JsonNode index;
        try {
            index = JSON.readTree(Files.readAllBytes(indexFile));
        } catch (IOException e) {
            return new FolderResult(folder, null, List.of(), INDEX + " is not JSON: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        String problem = checkIndex(index);
        if (problem != null) {
            return new FolderResult(folder, null, List.of(), INDEX + ": " + problem);
        }
        String device = index.get("deviceId").asText();
        Path receipts = Files.createDirectories(folder.resolve(RECEIPTS));
        List<PacketResult> results = new ArrayList<>();
        for (JsonNode p : index.get("packets")) {
            UUID packetId = UUID.fromString(p.get("packetId").asText());
            String caseId = p.get("caseId").asText();
            Path file = folder.resolve(p.get("file").asText());
            String damage = damage(file, p.get("bytes").asLong(), p.get("sha256").asText());
            if (damage != null) {
                results.add(new PacketResult(packetId, caseId, Outcome.DAMAGED, damage));
                continue;
            }
            byte[] answer = worker.importPacket(device, packetId, file);
            Path tmp = receipts.resolve(packetId + ".json.tmp");
            Files.write(tmp, answer);
            Files.move(tmp, receipts.resolve(packetId + ".json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            results.add(new PacketResult(packetId, caseId, Outcome.ANSWERED, "answer in " + RECEIPTS + "/"
                    + packetId + ".json"));
        }
        return new FolderResult(folder, device, results, null);
    }

    /** Null when the index is well-formed, else what is wrong with it. */
    private static String checkIndex(JsonNode index) {
        if (index == null || !index.isObject()) {
            return "expected a JSON object";
        }
        for (Iterator<String> it = index.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                return "unknown field \"" + f + "\"";
            }
        }
        if (!FORMAT.equals(index.path("format").asText(null))) {
            return "not a " + FORMAT + " index";
        }
        if (!Topics.isDeviceId(index.path("deviceId").asText(null))) {
            return "deviceId is not a device id";
        }
        JsonNode packets = index.get("packets");
        if (packets == null || !packets.isArray() || packets.size() > MAX_PACKETS) {
            return "packets: expected a list of at most " + MAX_PACKETS;
        }
        int i = 0;
        for (JsonNode p : packets) {
            String where = "packets[" + i++ + "]";
            if (!p.isObject()) {
                return where + ": expected an object";
            }
            for (Iterator<String> it = p.fieldNames(); it.hasNext();) {
                String f = it.next();
                if (!PACKET_FIELDS.contains(f)) {
                    return where + ": unknown field \"" + f + "\"";
                }
            }
            String id = p.path("packetId").asText("");
            try {
                if (!UUID.fromString(id).toString().equals(id)) {
                    return where + ".packetId: not a packet id";
                }
            } catch (IllegalArgumentException e) {
                return where + ".packetId: not a packet id";
            }
            // the file is named by its packet id and nothing else: no path can leave the export folder
            if (!(id + ".dspk").equals(p.path("file").asText(""))) {
                return where + ".file: must be " + id + ".dspk";
            }
            if (!p.path("caseId").isTextual() || !p.path("bytes").canConvertToLong() || p.path("bytes").asLong() < 1
                    || !p.path("sha256").asText("").matches("[0-9a-f]{64}")) {
                return where + ": caseId, bytes or sha256 missing or malformed";
            }
        }
        return null;
    }

    private static String damage(Path file, long bytes, String sha256) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return "the packet file is missing";
        }
        if (Files.size(file) != bytes) {
            return "the packet file has " + Files.size(file) + " bytes, the index says " + bytes;
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0;) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest()).equals(sha256) ? null
                : "the packet file does not match its SHA-256 in the index (damaged on the medium)";
    }
}
