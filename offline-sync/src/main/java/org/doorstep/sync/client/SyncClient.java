package org.doorstep.sync.client;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.doorstep.sync.chunk.Chunk;
import org.doorstep.sync.chunk.PacketChunks;
import org.doorstep.sync.client.PacketSpool.SpooledPacket;
import org.doorstep.sync.heartbeat.Heartbeat;
import org.doorstep.sync.outbox.Outbox;
import org.doorstep.sync.outbox.OutboxCapacity;
import org.doorstep.sync.outbox.OutboxEntry;
import org.doorstep.sync.outbox.OutboxFullException;
import org.doorstep.sync.outbox.OutboxProgress;
import org.doorstep.sync.pki.PkiSuite;
import org.doorstep.sync.protocol.HqMessage;
import org.doorstep.sync.protocol.HqMessages;
import org.doorstep.sync.protocol.ProtocolException;
import org.doorstep.sync.protocol.ResumeQuery;
import org.doorstep.sync.protocol.Topics;

/**
 * The laptop's sync engine: sends the outbox's packets chunk by chunk (urgent first, then oldest), and ends a
 * packet only on HQ's signed receipt. A broker acknowledgement proves nothing, so after every (re)connect, and
 * whenever HQ has been silent about a sent packet for {@link Options#answerTimeout}, the laptop asks HQ what it
 * has ({@code up/resume}) and sends only the chunks HQ lacks.
 *
 * <p>The transport (MQTT in the product) calls {@link #connected()}, {@link #disconnected()} and
 * {@link #messageArrived}; {@link #messageArrived} returns only when the answer is dealt with (the case shredded,
 * say), so an acknowledging transport acknowledges after that. One sender thread publishes; everything else is
 * thread-safe.
 */
public final class SyncClient implements AutoCloseable {

    /** Publishes one message at QoS 1 and waits for the broker's acknowledgement. */
    public interface Transport {
        /** @throws IOException the link is down, the broker refused the message, or no acknowledgement came */
        void publish(String topic, byte[] payload) throws IOException;
    }

    /**
     * @param maxPackets      outbox capacity in packets
     * @param maxBytes        outbox capacity in bytes
     * @param chunkPayload    packet bytes per chunk (at most {@link Chunk#MAX_PAYLOAD_BYTES})
     * @param answerTimeout   how long to wait for HQ's word on a sent packet before asking again
     * @param heartbeatEvery  how often to report the backlog while connected
     * @param softwareVersion reported in heartbeats
     * @param dataDir         whose disk's free space heartbeats report
     */
    public record Options(int maxPackets, long maxBytes, int chunkPayload, Duration answerTimeout,
            Duration heartbeatEvery, String softwareVersion, Path dataDir) {
        public Options {
            if (chunkPayload < 1 || chunkPayload > Chunk.MAX_PAYLOAD_BYTES) {
                throw new IllegalArgumentException("a chunk carries 1 to " + Chunk.MAX_PAYLOAD_BYTES + " bytes");
            }
            Objects.requireNonNull(answerTimeout, "answerTimeout");
            Objects.requireNonNull(heartbeatEvery, "heartbeatEvery");
            Objects.requireNonNull(softwareVersion, "softwareVersion");
            Objects.requireNonNull(dataDir, "dataDir");
        }

        public static Options defaults(Path dataDir, String softwareVersion) {
            return new Options(OutboxCapacity.DEFAULT.maxPackets(), OutboxCapacity.DEFAULT.maxBytes(),
                    Chunk.MAX_PAYLOAD_BYTES, Duration.ofSeconds(30), Duration.ofMinutes(1), softwareVersion, dataDir);
        }

        /** The outbox's capacity: sealing refuses a case whose packet would not fit. */
        public OutboxCapacity capacity() {
            return new OutboxCapacity(maxPackets, maxBytes);
        }
    }

    /** What happened since start, for the sync view and benchmarks. */
    public record Stats(long chunksPublished, long bytesPublished, long chunksResent, long bytesResent,
            long resumeQueries, long receipts, long rejections, long refusedMessages, String lastRefusal) {
    }

    /** A report waiting to go: where, what, and who to tell once the broker has it. */
    private record Report(String topic, byte[] payload, Runnable published) {
    }

    /** At most this many reports wait for the link; more are refused (their producer tries again later). */
    public static final int MAX_REPORTS = 1_000;

    /** One packet on its way: which chunks still have to go. */
    private static final class Flight {
        final OutboxEntry entry;
        final PacketChunks chunks;
        final BitSet toSend = new BitSet();
        final BitSet published = new BitSet();
        boolean sent;
        boolean askPending;
        Instant lastWord;

        Flight(OutboxEntry entry, PacketChunks chunks, boolean sent, Instant now) {
            this.entry = entry;
            this.chunks = chunks;
            this.sent = sent;
            this.lastWord = now;
            if (!sent) {
                toSend.set(0, chunks.count());
            }
        }
    }

    private final String deviceId;
    private final PkiSuite suite;
    private final PublicKey hqSigningKey;
    private final PacketSpool spool;
    private final Transport transport;
    private final Options options;
    private final Clock clock;
    private final Outbox outbox;
    private final IntSupplier catalogueVersion;
    private final Map<UUID, Flight> flights = new HashMap<>();
    /** Small up-messages of the laptop's service (command results, audit batches), sent in order before chunks. */
    private final ArrayDeque<Report> reports = new ArrayDeque<>();
    private volatile Supplier<Optional<String>> officer = Optional::empty;
    private final List<Consumer<byte[]>> commandHandlers = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private boolean connected;
    private boolean resumeNeeded;
    private boolean running;
    private AutoCloseable spoolWatch;
    private Instant nextHeartbeat = Instant.MIN;
    private long heartbeatSequence;
    private final AtomicLong heartbeatsSent = new AtomicLong();
    private Thread sender;
    private final AtomicLong chunksPublished = new AtomicLong();
    private final AtomicLong bytesPublished = new AtomicLong();
    private final AtomicLong chunksResent = new AtomicLong();
    private final AtomicLong bytesResent = new AtomicLong();
    private final AtomicLong resumeQueries = new AtomicLong();
    private final AtomicLong receipts = new AtomicLong();
    private final AtomicLong rejections = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile String lastRefusal = "";

    public SyncClient(String deviceId, PkiSuite suite, PublicKey hqSigningKey, PacketSpool spool, Transport transport,
            Options options, IntSupplier catalogueVersion, Clock clock) {
        this.deviceId = Topics.requireDeviceId(deviceId);
        this.suite = Objects.requireNonNull(suite, "suite");
        this.hqSigningKey = Objects.requireNonNull(hqSigningKey, "hqSigningKey");
        this.spool = Objects.requireNonNull(spool, "spool");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.options = Objects.requireNonNull(options, "options");
        this.catalogueVersion = Objects.requireNonNull(catalogueVersion, "catalogueVersion");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.outbox = new Outbox(options.capacity(), clock);
    }

    public String deviceId() {
        return deviceId;
    }

    /**
     * Watches the spool for packets sealed from now on, loads what it holds, and starts sending whenever a link is up.
     * Every waiting packet is loaded, even beyond the outbox's capacity (then the progress says it is full): a sealed
     * case is never left behind on disk.
     */
    public void start() throws IOException {
        synchronized (lock) {
            if (spoolWatch == null) {
                // before reading the spool: a packet sealed meanwhile is then told of, not missed
                spoolWatch = spool.watch(this::sealedMeanwhile);
            }
        }
        for (SpooledPacket p : spool.pending()) {
            admit(p);
        }
        synchronized (lock) {
            if (running) {
                return;
            }
            running = true;
            sender = new Thread(this::sendLoop, "doorstep-sync-" + deviceId);
            sender.setDaemon(true);
            sender.start();
        }
    }

    /**
     * Adds a freshly sealed packet and looks at the outbox at once. It is on disk already, so it is taken even
     * beyond the capacity (which sealing checks first, {@link #requireRoomFor}); queuing twice is harmless.
     */
    public void enqueue(SpooledPacket packet) throws IOException {
        admit(packet);
        wake();
    }

    /** The spool's news of a case sealed while the client runs: it goes into the outbox now, not at the next start. */
    private void sealedMeanwhile(SpooledPacket packet) {
        try {
            enqueue(packet);
        } catch (IOException | RuntimeException e) {
            // the packet stays in the spool, which the next start reads: nothing is lost, but say so
            refuse("packet " + packet.entry().packetId() + " sealed meanwhile could not be queued now: " + e.getMessage());
        }
    }

    private void admit(SpooledPacket p) throws IOException {
        synchronized (lock) {
            if (flights.containsKey(p.entry().packetId())) {
                return; // told twice (the spool's news and the start's listing): read and hashed once
            }
        }
        PacketChunks chunks = PacketChunks.of(p.entry().packetId(), p.file(), options.chunkPayload());
        if (chunks.length() != p.entry().bytes()) {
            throw new IOException("packet " + p.entry().packetId() + " has " + chunks.length() + " bytes on disk, not "
                    + p.entry().bytes());
        }
        outbox.enqueue(p.entry());
        synchronized (lock) {
            flights.putIfAbsent(p.entry().packetId(), new Flight(p.entry(), chunks, p.entry().sent(), clock.instant()));
            if (p.entry().sent()) {
                outbox.markSent(p.entry().packetId());
                resumeNeeded = true; // sent before a restart: ask HQ what it has
            }
        }
    }

    /**
     * Refuses, with the outbox's own sentence, when a packet of this size would not fit now: sealing asks first,
     * so that it never seals what cannot be queued.
     */
    public void requireRoomFor(long bytes) throws OutboxFullException {
        outbox.requireRoom(bytes);
    }

    public OutboxProgress progress() {
        return outbox.progress();
    }

    public void addProgressListener(Consumer<OutboxProgress> listener) {
        outbox.addListener(listener);
    }

    /** Commands from HQ ({@code down/cmd}) go to these, unverified: the laptop's service checks them. */
    public void addCommandHandler(Consumer<byte[]> handler) {
        commandHandlers.add(handler);
    }

    /**
     * Hands the sender a small message for one of this laptop's {@code up/} topics other than chunks and resume
     * queries ({@link Topics#COMMAND_RESULT}, {@link Topics#AUDIT}): it goes out, in the order given and before any
     * further chunk, whenever the link is up, again after a failure. {@code published} runs on the sender thread once
     * the broker acknowledged it (which proves nothing about HQ; the message must be idempotent there).
     *
     * @return false when {@link #MAX_REPORTS} are waiting already: nothing was queued
     */
    public boolean report(String leaf, byte[] payload, Runnable published) {
        if (!Topics.COMMAND_RESULT.equals(leaf) && !Topics.AUDIT.equals(leaf) && !Topics.WIPED.equals(leaf)) {
            throw new IllegalArgumentException("not a report topic: " + leaf);
        }
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(published, "published");
        synchronized (lock) {
            if (reports.size() >= MAX_REPORTS) {
                return false;
            }
            reports.addLast(new Report(Topics.of(deviceId, leaf), payload.clone(), published));
            lock.notifyAll();
        }
        return true;
    }

    /** Reports still waiting for the link. */
    public int waitingReports() {
        synchronized (lock) {
            return reports.size();
        }
    }

    /**
     * Asks HQ again about every packet it has started, as after a reconnect: HQ asked for a resend (a packet it lost,
     * say), and answers what it lacks.
     */
    public void resume() {
        synchronized (lock) {
            resumeNeeded = true;
            flights.values().forEach(f -> f.askPending = false);
            lock.notifyAll();
        }
    }

    /** Sends a heartbeat at the sender's next step (the laptop is about to stop: HQ's board gets its last word). */
    public void heartbeatNow() {
        synchronized (lock) {
            nextHeartbeat = Instant.MIN;
            lock.notifyAll();
        }
    }

    /** Heartbeats the broker acknowledged since start. */
    public long heartbeatsSent() {
        return heartbeatsSent.get();
    }

    /** Where heartbeats learn which officer is signed in on the laptop (an officer id); empty by default. */
    public void officerSource(Supplier<Optional<String>> source) {
        this.officer = Objects.requireNonNull(source, "source");
    }

    public Stats stats() {
        return new Stats(chunksPublished.get(), bytesPublished.get(), chunksResent.get(), bytesResent.get(),
                resumeQueries.get(), receipts.get(), rejections.get(), refused.get(), lastRefusal);
    }

    public boolean isConnected() {
        synchronized (lock) {
            return connected;
        }
    }

    /** The link is up (again): ask HQ about everything in flight, then go on sending. */
    public void connected() {
        synchronized (lock) {
            connected = true;
            resumeNeeded = true;
            // questions asked on the old connection may have been lost with it: ask again now
            flights.values().forEach(f -> f.askPending = false);
            nextHeartbeat = Instant.MIN;
            lock.notifyAll();
        }
    }

    public void disconnected() {
        synchronized (lock) {
            connected = false;
        }
    }

    /** "Sync now": look at the outbox at once. */
    public void wake() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** A message on one of this laptop's {@code down/} topics. */
    public void messageArrived(String topic, byte[] payload) throws IOException {
        Optional<Topics.Parsed> parsed = Topics.parse(topic);
        if (parsed.isEmpty() || !parsed.get().deviceId().equals(deviceId)) {
            refuse("a message on a topic that is not this laptop's: " + topic);
            return;
        }
        switch (parsed.get().leaf()) {
            case Topics.ACK -> answer(payload);
            case Topics.COMMAND -> commandHandlers.forEach(h -> h.accept(payload));
            default -> refuse("a message on " + topic + ", which HQ never sends to");
        }
    }

    private void answer(byte[] payload) throws IOException {
        HqMessage message;
        try {
            message = HqMessages.verify(payload, hqSigningKey, suite, deviceId);
        } catch (ProtocolException e) {
            refuse("an answer that is not HQ's was ignored: " + e.getMessage());
            return;
        }
        Flight flight;
        synchronized (lock) {
            flight = flights.get(message.packetId());
            if (flight != null) {
                flight.lastWord = clock.instant();
                flight.askPending = false;
            }
        }
        if (flight == null) {
            return; // answered already (a repeated receipt, say): nothing to do
        }
        switch (message) {
            case HqMessage.Receipt r -> {
                if (!r.matches(flight.chunks.digest())) {
                    refuse("a receipt for packet " + r.packetId() + " names other contents than the packet sent");
                    return;
                }
                spool.delivered(r.packetId(), r);
                finish(flight, true);
                receipts.incrementAndGet();
            }
            case HqMessage.Rejection r -> {
                spool.rejected(r.packetId(), r);
                finish(flight, false);
                rejections.incrementAndGet();
            }
            case HqMessage.Missing m -> {
                if (m.count() != flight.chunks.count()) {
                    refuse("HQ's list of missing chunks for " + m.packetId() + " counts " + m.count() + " chunks, not "
                            + flight.chunks.count());
                    return;
                }
                synchronized (lock) {
                    m.missing().forEach(flight.toSend::set);
                    if (flight.sent) {
                        flight.sent = false;
                        outbox.markUnsent(flight.entry.packetId());
                    }
                    lock.notifyAll();
                }
            }
        }
    }

    private void finish(Flight flight, boolean delivered) {
        synchronized (lock) {
            flights.remove(flight.entry.packetId());
        }
        if (delivered) {
            outbox.receipt(flight.entry.packetId());
        } else {
            outbox.rejected(flight.entry.packetId());
        }
    }

    private void refuse(String why) {
        refused.incrementAndGet();
        lastRefusal = why;
    }

    // ---- the sender ----------------------------------------------------------------------------------------

    private void sendLoop() {
        while (true) {
            try {
                if (!step()) {
                    return;
                }
            } catch (IOException e) {
                // the link broke or the broker refused: wait for the transport to reconnect
                synchronized (lock) {
                    resumeNeeded = true;
                }
                pause(Duration.ofMillis(200));
            } catch (RuntimeException e) {
                refuse("sending failed: " + e);
                pause(Duration.ofSeconds(1));
            }
        }
    }

    private void pause(Duration d) {
        synchronized (lock) {
            if (!running) {
                return;
            }
            try {
                lock.wait(Math.max(1, d.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /** One unit of work; false once closed. */
    private boolean step() throws IOException {
        List<Flight> ask;
        Flight next;
        int index = -1;
        boolean heartbeat;
        Report report;
        synchronized (lock) {
            while (running && !connected) {
                waitLocked(Duration.ofSeconds(1));
            }
            if (!running) {
                return false;
            }
            Instant now = clock.instant();
            ask = new ArrayList<>();
            for (Flight f : flights.values()) {
                boolean started = f.sent || !f.published.isEmpty();
                // HQ silent about a sent packet, about a question (the answer may have been lost with a link), or
                // about a started packet with nothing left to send (HQ's last word settled nothing): ask again
                boolean silent = waitingForHq(f)
                        && Duration.between(f.lastWord, now).compareTo(options.answerTimeout()) >= 0;
                if (started && (resumeNeeded || silent) && !(f.askPending && !silent)) {
                    ask.add(f);
                }
            }
            resumeNeeded = false;
            heartbeat = !now.isBefore(nextHeartbeat);
            if (heartbeat) {
                nextHeartbeat = now.plus(options.heartbeatEvery());
            }
            report = reports.peekFirst();
            next = ask.isEmpty() && report == null ? nextToSend() : null;
            if (next != null) {
                index = next.toSend.nextSetBit(0);
            }
            if (ask.isEmpty() && next == null && !heartbeat && report == null) {
                waitLocked(untilSomethingIsDue(now));
                return running;
            }
        }
        if (heartbeat) {
            sendHeartbeat();
        }
        if (report != null) {
            transport.publish(report.topic(), report.payload());
            synchronized (lock) {
                reports.remove(report);
            }
            report.published().run();
        } else if (!ask.isEmpty()) {
            ask(ask);
        } else if (next != null) {
            publishChunk(next, index);
        }
        return true;
    }

    /** Urgent first, then oldest — among packets HQ is not being asked about. */
    private Flight nextToSend() {
        Flight best = null;
        for (Flight f : flights.values()) {
            if (!f.toSend.isEmpty() && !f.askPending
                    && (best == null || Outbox.SENDING_ORDER.compare(f.entry, best.entry) < 0)) {
                best = f;
            }
        }
        return best;
    }

    /**
     * The packet waits for HQ's word: all of it is out, or a question is open, or it was started and nothing of it is
     * queued to send (a question was asked and the answer that came settled nothing, a receipt naming other contents
     * say). Without the last case such a packet would wait for ever.
     */
    private static boolean waitingForHq(Flight f) {
        return f.sent || f.askPending || (!f.published.isEmpty() && f.toSend.isEmpty());
    }

    private Duration untilSomethingIsDue(Instant now) {
        Duration wait = Duration.between(now, nextHeartbeat);
        for (Flight f : flights.values()) {
            if (waitingForHq(f)) {
                Duration d = Duration.between(now, f.lastWord.plus(options.answerTimeout()));
                wait = d.compareTo(wait) < 0 ? d : wait;
            }
        }
        return wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait;
    }

    private void waitLocked(Duration d) {
        try {
            lock.wait(Math.max(1, Math.min(d.toMillis(), 60_000)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void ask(List<Flight> ask) throws IOException {
        List<ResumeQuery.Packet> packets = new ArrayList<>();
        synchronized (lock) {
            for (Flight f : ask) {
                f.askPending = true;
                f.lastWord = clock.instant();
                // until HQ answers, nothing more of it is sent: HQ says exactly what it lacks
                f.toSend.clear();
                packets.add(new ResumeQuery.Packet(f.entry.packetId(), f.chunks.count(), f.chunks.length(),
                        f.chunks.digest()));
            }
        }
        try {
            for (int i = 0; i < packets.size(); i += ResumeQuery.MAX_PACKETS) {
                List<ResumeQuery.Packet> batch = packets.subList(i, Math.min(packets.size(), i + ResumeQuery.MAX_PACKETS));
                transport.publish(Topics.of(deviceId, Topics.RESUME), new ResumeQuery(batch).toJson());
                resumeQueries.incrementAndGet();
            }
        } catch (IOException e) {
            synchronized (lock) {
                ask.forEach(f -> f.askPending = false);
            }
            throw e;
        }
    }

    private void publishChunk(Flight f, int index) throws IOException {
        Chunk chunk = f.chunks.chunk(index);
        transport.publish(Topics.of(deviceId, Topics.CHUNK), chunk.encode());
        chunksPublished.incrementAndGet();
        bytesPublished.addAndGet(chunk.payloadLength());
        boolean allOut = false;
        synchronized (lock) {
            if (f.published.get(index)) {
                chunksResent.incrementAndGet();
                bytesResent.addAndGet(chunk.payloadLength());
            }
            f.published.set(index);
            f.toSend.clear(index);
            if (f.toSend.isEmpty() && !f.sent && flights.containsKey(f.entry.packetId())) {
                f.sent = true;
                f.lastWord = clock.instant();
                allOut = true;
            }
        }
        if (allOut) {
            spool.sent(f.entry.packetId());
            outbox.markSent(f.entry.packetId());
        }
    }

    private void sendHeartbeat() throws IOException {
        long sequence;
        synchronized (lock) {
            heartbeatSequence = Math.max(heartbeatSequence + 1, clock.millis());
            sequence = heartbeatSequence;
        }
        Optional<String> signedIn;
        try {
            signedIn = officer.get();
        } catch (RuntimeException e) {
            signedIn = Optional.empty(); // the vault locked meanwhile: the heartbeat is not worth failing for
        }
        Heartbeat h = Heartbeat.of(deviceId, sequence, clock.instant(), outbox.progress(), options.softwareVersion(),
                catalogueVersion.getAsInt(), options.dataDir(), signedIn);
        transport.publish(Topics.of(deviceId, Topics.HEARTBEAT), h.toJson());
        heartbeatsSent.incrementAndGet();
    }

    @Override
    public void close() {
        Thread t;
        AutoCloseable watch;
        synchronized (lock) {
            running = false;
            lock.notifyAll();
            t = sender;
            watch = spoolWatch;
            spoolWatch = null;
        }
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                refuse("could not stop watching the spool: " + e);
            }
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
