package org.doorstep.hq.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.doorstep.hq.admin.store.IngestWorkers;
import org.doorstep.hq.store.HqStore;
import org.doorstep.hq.store.HqStore.CaseAlreadyStored;
import org.doorstep.hq.store.HqStore.ChunkOutcome;
import org.doorstep.hq.store.HqStore.HeaderMismatch;
import org.doorstep.hq.store.HqStore.PacketStatus;
import org.doorstep.hq.store.HqStore.Receiving;
import org.doorstep.hq.store.HqStore.Rejected;
import org.doorstep.hq.store.HqStore.Stored;
import org.doorstep.sync.chunk.Chunk;
import org.doorstep.sync.chunk.ChunkFormatException;
import org.doorstep.sync.heartbeat.Heartbeat;
import org.doorstep.sync.heartbeat.Heartbeat.BadHeartbeatException;
import org.doorstep.sync.packet.PacketException;
import org.doorstep.sync.packet.PacketLimits;
import org.doorstep.sync.packet.PacketManifest;
import org.doorstep.sync.packet.PacketOpener;
import org.doorstep.sync.protocol.HqMessage;
import org.doorstep.sync.protocol.HqMessages;
import org.doorstep.sync.protocol.ProtocolException;
import org.doorstep.sync.protocol.RejectReason;
import org.doorstep.sync.protocol.ResumeQuery;
import org.doorstep.sync.protocol.Topics;

/**
 * One HQ ingest worker: takes whatever the shared subscription hands it from any laptop's {@code up/} topics,
 * keeps chunks in the shared store, and when a packet is complete assembles, verifies, decrypts and stores it in
 * one transaction — and only then sends HQ's signed receipt. Every input is checked; bad input is recorded as a
 * rejection with its reason (sent back to the laptop when it names a packet) and never stored.
 *
 * <p>{@link #handle} returns normally for every message it has dealt with, good or bad. It throws only when HQ
 * itself failed (the database is unreachable): the message must then not be acknowledged, so that the broker
 * delivers it again. Not thread-safe: one worker per thread, as many workers as wanted.
 */
public final class IngestWorker {

    /** Sends HQ's answer to a laptop ({@code down/ack}). A failure is not fatal: the laptop asks again. */
    @FunctionalInterface
    public interface Replies {
        void send(String topic, byte[] payload) throws Exception;
    }

    /** Observes a worker at its most delicate moment; used to test a crash between store and receipt. */
    @FunctionalInterface
    public interface AfterStore {
        void stored(Stored packet) throws Exception;
    }

    /** A worker whose {@link AfterStore} hook stopped it before the receipt went out. */
    public static final class Halted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Halted(String message) {
            super(message);
        }
    }

    /** Counters for the console and benchmarks. */
    public record Stats(long messages, long chunks, long duplicateChunks, long stored, long duplicatesReceipted,
            long rejected, long ignored, long claimsTakenOver) {
    }

    /**
     * A complete packet claimed by a worker that never finished is taken over after this long, even though its worker
     * still shows signs of life (stuck, say).
     */
    public static final Duration STALE_CLAIM = Duration.ofMinutes(2);

    private final String name;
    private final HqStore store;
    private final HqIdentity hq;
    private final DeviceDirectory devices;
    private final Replies replies;
    private final Path spool;
    private final Clock clock;
    private final PacketOpener opener;
    private final DeviceReports reports;
    private volatile AfterStore afterStore = packet -> {
    };
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong chunks = new AtomicLong();
    private final AtomicLong duplicateChunks = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong takenOver = new AtomicLong();

    public IngestWorker(String name, HqStore store, HqIdentity hq, DeviceDirectory devices, Replies replies, Path spool,
            PacketLimits limits, Clock clock) throws IOException {
        this.name = Objects.requireNonNull(name, "name");
        this.store = Objects.requireNonNull(store, "store");
        this.hq = Objects.requireNonNull(hq, "hq");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.replies = Objects.requireNonNull(replies, "replies");
        this.spool = Files.createDirectories(spool);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.opener = new PacketOpener(hq.encryptionKey(), hq.encryptionCertificate(), limits);
        this.reports = new DeviceReports(store, hq, devices, clock, (device, reason, detail) -> record(null, device,
                reason, detail));
    }

    public String name() {
        return name;
    }

    public void afterStore(AfterStore hook) {
        this.afterStore = Objects.requireNonNull(hook, "hook");
    }

    public Stats stats() {
        return new Stats(messages.get(), chunks.get(), duplicateChunks.get(), stored.get(), duplicates.get(),
                rejected.get(), ignored.get(), takenOver.get());
    }

    /**
     * Deals with one message from the shared subscription.
     *
     * @throws SQLException HQ's store failed: do not acknowledge the message
     * @throws IOException  HQ's disk failed: do not acknowledge the message
     */
    public void handle(String topic, byte[] payload) throws SQLException, IOException {
        messages.incrementAndGet();
        var parsed = Topics.parse(topic);
        if (parsed.isEmpty() || payload == null) {
            ignored.incrementAndGet();
            return;
        }
        String device = parsed.get().deviceId();
        switch (parsed.get().leaf()) {
            case Topics.CHUNK -> chunk(device, payload);
            case Topics.RESUME -> resume(device, payload);
            case Topics.HEARTBEAT -> heartbeat(device, payload);
            case Topics.COMMAND_RESULT, Topics.WIPED, Topics.AUDIT -> reports.handle(device, parsed.get().leaf(), payload);
            default -> ignored.incrementAndGet(); // HQ's own down/ messages, should a filter ever include them
        }
    }

    private void chunk(String device, byte[] payload) throws SQLException, IOException {
        Chunk chunk;
        try {
            chunk = Chunk.decode(payload);
        } catch (ChunkFormatException e) {
            // no trustworthy packet id: record it; the laptop's next resume query finds the chunk missing
            record(null, device, e.reason() == ChunkFormatException.Reason.DIGEST_MISMATCH ? RejectReason.TAMPERED
                    : RejectReason.MALFORMED, "unreadable chunk: " + e.getMessage());
            return;
        }
        chunks.incrementAndGet();
        UUID packetId = chunk.packetId();
        if (!deviceMayDeliver(device, packetId)) {
            return;
        }
        PacketStatus status = store.status(packetId);
        if (answeredAlready(device, status)) {
            return;
        }
        ChunkOutcome outcome;
        try {
            outcome = store.addChunk(device, chunk);
        } catch (HeaderMismatch e) {
            refuse(packetId, device, RejectReason.TAMPERED, e.getMessage());
            return;
        }
        switch (outcome) {
            case DUPLICATE -> duplicateChunks.incrementAndGet();
            case COMPLETE -> assemble(packetId, device, chunk.packetLength(), chunk.packetDigest());
            case ADDED -> {
                // more to come
            }
        }
    }

    /** False (and the laptop told why) when the device is unknown or revoked. */
    private boolean deviceMayDeliver(String device, UUID packetId) throws SQLException {
        return switch (devices.lookUp(device)) {
            case DeviceDirectory.Known known -> true;
            case DeviceDirectory.Unknown unknown -> {
                refuse(packetId, device, RejectReason.UNKNOWN_DEVICE, unknown.detail());
                yield false;
            }
            case DeviceDirectory.Revoked revoked -> {
                refuse(packetId, device, RejectReason.REVOKED, revoked.detail());
                yield false;
            }
        };
    }

    /** Answers again for a packet HQ already stored or refused; true if there was such an answer. */
    private boolean answeredAlready(String device, PacketStatus status) throws SQLException {
        if (status instanceof Stored s) {
            if (!s.deviceId().equals(device)) {
                refuse(s.packetId(), device, RejectReason.REPLAYED, "packet " + s.packetId()
                        + " was delivered by another device");
                return true;
            }
            duplicates.incrementAndGet();
            receipt(s);
            return true;
        }
        if (status instanceof Rejected r) {
            if (r.deviceId().equals(device)) {
                reply(device, new HqMessage.Rejection(device, r.packetId(), clock.instant(), r.reason(), r.detail()));
            }
            return true;
        }
        return false;
    }

    private void resume(String device, byte[] payload) throws SQLException, IOException {
        ResumeQuery query;
        try {
            query = ResumeQuery.fromJson(payload);
        } catch (ProtocolException e) {
            record(null, device, RejectReason.MALFORMED, "unreadable resume query: " + e.getMessage());
            return;
        }
        for (ResumeQuery.Packet p : query.packets()) {
            if (!deviceMayDeliver(device, p.packetId())) {
                continue;
            }
            PacketStatus status = store.status(p.packetId());
            if (answeredAlready(device, status)) {
                continue;
            }
            if (status instanceof Receiving r && r.deviceId().equals(device)) {
                if (r.complete()) {
                    // complete but unstored: its worker died while assembling, or is still at it
                    if (store.reclaim(p.packetId(), STALE_CLAIM, IngestWorkers.SILENT_AFTER)) {
                        if (r.assembling()) {
                            takenOver.incrementAndGet();
                        }
                        assemble(p.packetId(), device, r.length(), r.digest());
                    }
                    continue;
                }
                reply(device, new HqMessage.Missing(device, p.packetId(), clock.instant(), r.count(), r.missing()));
            } else {
                List<Integer> all = IntStream.range(0, p.count()).boxed().toList();
                reply(device, new HqMessage.Missing(device, p.packetId(), clock.instant(), p.count(), all));
            }
        }
    }

    private void heartbeat(String device, byte[] payload) throws SQLException {
        try {
            Heartbeat h = Heartbeat.fromJson(payload, device);
            store.heartbeat(h, clock.instant());
        } catch (BadHeartbeatException e) {
            record(null, device, RejectReason.MALFORMED, "unreadable heartbeat: " + e.getMessage());
        }
    }

    /**
     * Takes a wipe confirmation that did not come through MQTT (a removable medium): checked against the certificates
     * HQ issued to the device it names, then recorded.
     *
     * @return what HQ made of it, in words
     */
    public String importWipeConfirmation(byte[] signed) throws SQLException {
        messages.incrementAndGet();
        return switch (reports.wiped(null, signed)) {
            case DeviceReports.WipeOutcome.Recorded r -> r.proof() + (r.first() ? ": recorded" : ": known already");
            case DeviceReports.WipeOutcome.Refused r -> "refused: " + r.why();
        };
    }

    /** Signals that a verified packet is not what its chunks said it was. */
    private static final class Mismatch extends IOException {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            super(message);
        }
    }

    private void assemble(UUID packetId, String device, long length, byte[] digest) throws SQLException, IOException {
        Path file = Files.createTempFile(spool, packetId.toString(), ".dspk");
        try {
            MessageDigest sha = sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
                store.writeAssembled(packetId, out);
            }
            if (Files.size(file) != length || !MessageDigest.isEqual(sha.digest(), digest)) {
                refuse(packetId, device, RejectReason.TAMPERED, "the assembled packet does not match the length and"
                        + " digest its chunks announced");
                return;
            }
            storeVerified(packetId, device, file, length, digest).ifPresent(this::receipt);
        } catch (Halted e) {
            throw e; // the worker is gone as if killed: its claim goes stale and is taken over later
        } catch (SQLException | IOException | RuntimeException e) {
            // any other failure (a library's unchecked exception included) must not keep the packet claimed for
            // IngestWorkers.SILENT_AFTER: the laptop's next question then has it assembled again at once
            try {
                store.release(packetId);
            } catch (SQLException again) {
                e.addSuppressed(again); // the claim then goes stale and is taken over later
            }
            throw e;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Takes one whole packet that did not come through MQTT (removable media) through the same checks and the
     * same idempotent store as chunks do.
     *
     * @return HQ's signed answer for the laptop: a receipt (stored now or before) or a rejection
     */
    public byte[] importPacket(String device, UUID packetId, Path file) throws SQLException, IOException {
        messages.incrementAndGet();
        if (!Topics.isDeviceId(device)) {
            throw new IllegalArgumentException("not a device id: " + device);
        }
        long length = Files.size(file);
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0;) {
                sha.update(buffer, 0, n);
            }
        }
        byte[] digest = sha.digest();
        HqMessage answer;
        DeviceDirectory.Verdict verdict = devices.lookUp(device);
        if (!(verdict instanceof DeviceDirectory.Known)) {
            answer = rejection(packetId, device, verdict instanceof DeviceDirectory.Revoked
                    ? RejectReason.REVOKED : RejectReason.UNKNOWN_DEVICE, describe(verdict));
        } else {
            PacketStatus status = store.status(packetId);
            if (status instanceof Stored s && s.deviceId().equals(device) && MessageDigest.isEqual(s.digest(), digest)) {
                duplicates.incrementAndGet();
                answer = receiptOf(s);
            } else if (status instanceof Stored s) {
                answer = rejection(packetId, device, RejectReason.REPLAYED, "packet " + packetId
                        + " is stored already with other contents or from another device");
            } else if (status instanceof Rejected r) {
                answer = new HqMessage.Rejection(device, packetId, clock.instant(), r.reason(), r.detail());
            } else {
                Optional<Stored> result = storeVerified(packetId, device, file, length, digest);
                answer = result.isPresent() ? receiptOf(result.get())
                        : store.status(packetId) instanceof Rejected r
                                ? new HqMessage.Rejection(device, packetId, clock.instant(), r.reason(), r.detail())
                                : rejection(packetId, device, RejectReason.MALFORMED, "the packet could not be stored");
            }
        }
        return HqMessages.sign(answer, hq.signingKey(), hq.suite());
    }

    private HqMessage.Rejection rejection(UUID packetId, String device, RejectReason reason, String detail)
            throws SQLException {
        Rejected r = record(packetId, device, reason, detail);
        return new HqMessage.Rejection(device, packetId, clock.instant(), r.reason(), r.detail());
    }

    private static String describe(DeviceDirectory.Verdict verdict) {
        return switch (verdict) {
            case DeviceDirectory.Known k -> "known";
            case DeviceDirectory.Unknown u -> u.detail();
            case DeviceDirectory.Revoked r -> r.detail();
        };
    }

    /** Verifies, decrypts and stores a whole packet file; empty (and the laptop told why) when it is refused. */
    private Optional<Stored> storeVerified(UUID packetId, String device, Path file, long length, byte[] digest)
            throws SQLException, IOException {
        if (!(devices.lookUp(device) instanceof DeviceDirectory.Known known)) {
            deviceMayDeliver(device, packetId);
            return Optional.empty();
        }
        Stored result;
        try {
            result = store.store(packetId, device, digest, length, writer -> {
                try (InputStream in = Files.newInputStream(file)) {
                    PacketManifest manifest = opener.open(in, known.certificate(), writer::write);
                    if (!manifest.packetId().equals(packetId)) {
                        throw new Mismatch("the packet was sealed as " + manifest.packetId()
                                + " and sent again under another id");
                    }
                    if (!manifest.deviceId().equals(device)) {
                        throw new Mismatch("the packet names device " + manifest.deviceId());
                    }
                    return manifest;
                }
            });
        } catch (PacketException e) {
            refuse(packetId, device, switch (e.reason()) {
                case TAMPERED -> RejectReason.TAMPERED;
                case UNDECRYPTABLE -> RejectReason.UNDECRYPTABLE;
                case BAD_SIGNATURE, UNKNOWN_SIGNER -> RejectReason.BAD_SIGNATURE;
                case MALFORMED -> RejectReason.MALFORMED;
            }, e.getMessage());
            return Optional.empty();
        } catch (Mismatch | CaseAlreadyStored e) {
            refuse(packetId, device, RejectReason.REPLAYED, e.getMessage());
            return Optional.empty();
        }
        stored.incrementAndGet();
        try {
            afterStore.stored(result);
        } catch (Exception e) {
            throw new Halted(name + " stopped after storing " + packetId + ": " + e.getMessage());
        }
        return Optional.of(result);
    }

    private void receipt(Stored s) {
        reply(s.deviceId(), receiptOf(s));
    }

    private HqMessage.Receipt receiptOf(Stored s) {
        return new HqMessage.Receipt(s.deviceId(), s.packetId(), clock.instant(), s.caseId(), s.digest(), s.storedAt(),
                s.receiptId());
    }

    /** Records a rejection and tells the laptop. */
    private void refuse(UUID packetId, String device, RejectReason reason, String detail) throws SQLException {
        Rejected r = record(packetId, device, reason, detail);
        if (packetId != null) {
            reply(device, new HqMessage.Rejection(device, packetId, clock.instant(), r.reason(), r.detail()));
        }
    }

    private Rejected record(UUID packetId, String device, RejectReason reason, String detail) throws SQLException {
        rejected.incrementAndGet();
        return store.reject(packetId, device, reason, detail);
    }

    private void reply(String device, HqMessage message) {
        try {
            replies.send(Topics.of(device, Topics.ACK), HqMessages.sign(message, hq.signingKey(), hq.suite()));
        } catch (Exception e) {
            // the laptop asks again (resume) when no answer comes; the store already says everything
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
