package org.doorstep.hq.dispatch;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.doorstep.hq.admin.store.CommandQueue;
import org.doorstep.hq.admin.store.DeviceStates;
import org.doorstep.hq.admin.store.HqRequests;
import org.doorstep.hq.admin.store.HqSettings;
import org.doorstep.hq.ingest.HqIdentity;
import org.doorstep.hq.store.HqDatabase;
import org.doorstep.hq.store.HqStore;
import org.doorstep.sync.command.Command;
import org.doorstep.sync.command.SignedCommands;
import org.doorstep.sync.pki.DeviceCa;
import org.doorstep.sync.protocol.Topics;

/**
 * The HQ service process's half of administration: the part that needs HQ's keys. The console and the command line
 * hold no key; they write what they want into the store, and this dispatcher, running beside ingest with HQ's
 * signing key and the device CA, carries it out:
 *
 * <ul>
 * <li><b>commands</b> ({@code outbound_commands}): each queued command is signed with the device's next command
 * number (kept on the row, so a failed publish is retried with the same number) and published to the laptop's
 * {@code down/cmd} — once HQ has heard the laptop recently ({@link Settings#onlineWindow}): a broker keeps a message
 * only in a session that exists, and a laptop that never connected, or was away longer than its session lasts (7
 * days; a wipe is valid 30), has none, so a command published then would be dropped. A laptop connecting sends a
 * heartbeat at once, so its commands follow within a pass. A device's commands go in the order they were queued,
 * and its later commands wait while an earlier one cannot be published, so the laptop sees its numbers in order. A
 * command that expired while queued fails. A sent command the laptop has not answered after
 * {@link Settings#answerWait} is published again (same number) once the laptop has been heard since: its answer was
 * lost (the laptop stopped before sending it), and a repeat is answered as carried out, or refused with the reason;
 * one that expires unanswered fails.</li>
 * <li><b>the CRL</b>: when the device CA holds more revocations than the broker's CRL lists, the CA signs a new CRL
 * and the {@link CrlPublisher} hands it to the broker (the embedded broker takes it at once; Mosquitto's file is
 * rewritten and the broker reloaded). A REVOKE command sent in the last {@link Settings#revokeGrace} first gets that
 * long to reach a laptop that is connected, before the CRL ends its connection.</li>
 * <li><b>requests</b> ({@code hq_requests}): a removable medium imported, which needs HQ's decryption key.</li>
 * </ul>
 *
 * One dispatcher per HQ (a second one would only compete for the same rows: the claims are conditional updates).
 */
public final class CommandDispatcher implements AutoCloseable {

    /** Publishes a signed command at QoS 1. */
    @FunctionalInterface
    public interface Publisher {
        void publish(String topic, byte[] payload) throws Exception;
    }

    /** Puts a new CRL in force at the broker. */
    @FunctionalInterface
    public interface CrlPublisher {
        void publish(X509CRL crl) throws Exception;
    }

    /** Imports a removable medium; returns the report to show the administrator. */
    @FunctionalInterface
    public interface MediaImporter {
        String importMedium(Path folder) throws Exception;
    }

    /**
     * @param interval     how often the queue is looked at (default 300 ms)
     * @param revokeGrace  how long a just-sent REVOKE command may reach its laptop before the CRL cuts it off
     *                     (default 3 s)
     * @param onlineWindow a laptop heard within this long is online: its commands are published (default 3 min; the
     *                     laptop's heartbeat comes every minute and at once when it connects)
     * @param answerWait   how long a sent command may go unanswered before it is published again (default 5 min)
     */
    public record Settings(Duration interval, Duration revokeGrace, Duration onlineWindow, Duration answerWait) {
        public Settings(Duration interval, Duration revokeGrace) {
            this(interval, revokeGrace, Duration.ofMinutes(3), Duration.ofMinutes(5));
        }

        public static Settings defaults() {
            return new Settings(Duration.ofMillis(300), Duration.ofSeconds(3));
        }
    }

    /** Counters for the log and tests. */
    public record Stats(long commandsSent, long publishFailures, long commandsExpired, long crlsPublished,
            long requestsDone, long republished) {
    }

    private static final System.Logger LOG = System.getLogger(CommandDispatcher.class.getName());
    private static final Duration SEEN_EVERY = Duration.ofSeconds(5);
    /** At most this many queued, and this many unanswered, commands are looked at in one pass. */
    static final int BATCH = 500;

    private final HqStore store;
    private final HqIdentity identity;
    private final DeviceCa ca;
    private final Publisher publisher;
    private final CrlPublisher crlPublisher;
    private final MediaImporter media;
    private final Clock clock;
    private final Settings settings;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong publishFailures = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final AtomicLong crls = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong republished = new AtomicLong();
    private volatile boolean running;
    private Thread thread;
    private Instant lastSeen = Instant.MIN;

    public CommandDispatcher(HqDatabase database, HqIdentity identity, DeviceCa ca, Publisher publisher,
            CrlPublisher crlPublisher, MediaImporter media, Clock clock, Settings settings) throws SQLException {
        this.store = new HqStore(Objects.requireNonNull(database, "database"), "hq-dispatch", clock);
        this.identity = Objects.requireNonNull(identity, "identity");
        this.ca = Objects.requireNonNull(ca, "ca");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.crlPublisher = Objects.requireNonNull(crlPublisher, "crlPublisher");
        this.media = Objects.requireNonNull(media, "media");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Publishes what the console and the command line read about this HQ: suite, CA fingerprint, enrolment and broker
     * addresses.
     */
    public void publishSettings(String caFingerprint, String enrolmentUri, String brokerUri) throws SQLException {
        Instant now = clock.instant();
        store.transaction(c -> {
            HqSettings.put(c, HqSettings.SUITE, identity.suite().id(), now);
            HqSettings.put(c, HqSettings.CA_FINGERPRINT, caFingerprint, now);
            HqSettings.put(c, HqSettings.ENROLMENT_URI, enrolmentUri, now);
            HqSettings.put(c, HqSettings.BROKER_URI, brokerUri, now);
            return null;
        });
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "doorstep-hq-dispatch");
        thread.setDaemon(true);
        thread.start();
    }

    public Stats stats() {
        return new Stats(sent.get(), publishFailures.get(), expired.get(), crls.get(), requests.get(), republished.get());
    }

    private void loop() {
        while (running) {
            try {
                runOnce();
            } catch (SQLException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the dispatcher could not read HQ's store: " + e.getMessage());
            }
            try {
                Thread.sleep(settings.interval().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One pass: commands, then the CRL, then requests. */
    public synchronized void runOnce() throws SQLException {
        Instant now = clock.instant();
        if (Duration.between(lastSeen, now).compareTo(SEEN_EVERY) >= 0) {
            store.transaction(c -> {
                HqSettings.put(c, HqSettings.DISPATCHER_SEEN, now.toString(), now);
                return null;
            });
            lastSeen = now;
        }
        commands();
        crl();
        requests();
    }

    private void commands() throws SQLException {
        Instant now = clock.instant();
        // only laptops heard within the online window (and expired commands) come back: a broker would drop a
        // command for a laptop without a session, and those of laptops that stay away must not fill the batch
        Map<String, List<CommandQueue.Entry>> byDevice = new LinkedHashMap<>();
        for (CommandQueue.Entry e : store.transaction(c -> CommandQueue.queued(c, now.minus(settings.onlineWindow()),
                now, BATCH))) {
            byDevice.computeIfAbsent(e.deviceId(), d -> new ArrayList<>()).add(e);
        }
        for (List<CommandQueue.Entry> device : byDevice.values()) {
            for (CommandQueue.Entry e : device) {
                if (!now.isBefore(e.expiresAt())) {
                    send(e); // fails it as expired
                    continue;
                }
                if (!send(e)) {
                    break; // its later commands wait, so the laptop sees the numbers in order
                }
            }
        }
        for (CommandQueue.Entry e : store.transaction(c -> CommandQueue.unanswered(c, now.minus(settings.answerWait()),
                now, BATCH))) {
            republish(e, now);
        }
    }

    /**
     * Publishes an unanswered command again (same number); {@link CommandQueue#unanswered} returns only those whose
     * laptop has been heard since it last went, and expired ones, which fail here.
     */
    private void republish(CommandQueue.Entry e, Instant now) throws SQLException {
        if (!now.isBefore(e.expiresAt())) {
            store.transaction(c -> {
                CommandQueue.unansweredUntilExpiry(c, e.commandId(), now);
                return null;
            });
            return;
        }
        if (e.sequence().isEmpty()) {
            return;
        }
        try {
            byte[] signed = SignedCommands.sign(new Command(e.deviceId(), e.sequence().get(), now, e.expiresAt(),
                    e.type(), e.body()), identity.signingKey(), identity.suite());
            publisher.publish(Topics.of(e.deviceId(), Topics.COMMAND), signed);
        } catch (Exception ex) {
            publishFailures.incrementAndGet();
            return;
        }
        store.transaction(c -> {
            CommandQueue.republished(c, e.commandId(), now);
            return null;
        });
        republished.incrementAndGet();
    }

    /** False when the publish failed (tried again at the next pass). */
    private boolean send(CommandQueue.Entry e) throws SQLException {
        Instant now = clock.instant();
        if (!now.isBefore(e.expiresAt())) {
            store.transaction(c -> {
                CommandQueue.failed(c, e.commandId(), "expired at " + e.expiresAt() + " before it could be sent", now);
                return null;
            });
            expired.incrementAndGet();
            return true;
        }
        long sequence = store.transaction(c -> CommandQueue.number(c, e.commandId()));
        byte[] signed;
        try {
            signed = SignedCommands.sign(new Command(e.deviceId(), sequence, now, e.expiresAt(), e.type(), e.body()),
                    identity.signingKey(), identity.suite());
        } catch (java.security.GeneralSecurityException | IllegalArgumentException ex) {
            store.transaction(c -> {
                CommandQueue.failed(c, e.commandId(), "HQ could not sign it: " + ex.getMessage(), now);
                return null;
            });
            return true;
        }
        try {
            publisher.publish(Topics.of(e.deviceId(), Topics.COMMAND), signed);
        } catch (Exception ex) {
            publishFailures.incrementAndGet();
            store.transaction(c -> {
                CommandQueue.attemptFailed(c, e.commandId(), "not published yet: " + ex.getMessage(), now);
                return null;
            });
            return false;
        }
        store.transaction(c -> {
            CommandQueue.sent(c, e.commandId(), now);
            return null;
        });
        sent.incrementAndGet();
        return true;
    }

    private void crl() throws SQLException {
        Instant now = clock.instant();
        long[] counts = store.transaction(c -> {
            long held = DeviceStates.revocationCount(c);
            long listed = HqSettings.get(c, HqSettings.CRL_REVOCATIONS).map(Long::parseLong).orElse(-1L);
            long fresh;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbound_commands WHERE type = 'REVOKE'"
                    + " AND state = 'SENT' AND sent_at > ?")) {
                ps.setTimestamp(1, Timestamp.from(now.minus(settings.revokeGrace())));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    fresh = rs.getLong(1);
                }
            }
            return new long[] {held, listed, fresh};
        });
        if (counts[0] == counts[1] || (counts[2] > 0 && counts[1] >= 0)) {
            return;
        }
        X509CRL crl;
        try {
            crl = new JcaX509CRLConverter().setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                    .getCRL(ca.crl());
            crlPublisher.publish(crl);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "the new CRL could not be handed to the broker: " + e.getMessage());
            return;
        }
        crls.incrementAndGet();
        store.transaction(c -> {
            HqSettings.put(c, HqSettings.CRL_REVOCATIONS, Long.toString(counts[0]), now);
            HqSettings.put(c, HqSettings.CRL_PUBLISHED_AT, now.toString(), now);
            return null;
        });
    }

    private void requests() throws SQLException {
        for (HqRequests.Request r : store.transaction(HqRequests::waiting)) {
            if (!store.transaction(c -> HqRequests.claim(c, r.id()))) {
                continue;
            }
            boolean done;
            String result;
            try {
                result = switch (r.kind()) {
                    case MEDIA_IMPORT -> media.importMedium(Path.of(r.argument()));
                };
                done = true;
            } catch (Exception e) {
                result = "the HQ service could not import " + r.argument() + ": " + e.getMessage();
                done = false;
            }
            String text = result;
            boolean ok = done;
            store.transaction(c -> {
                HqRequests.finish(c, r.id(), ok, text, clock.instant());
                return null;
            });
            requests.incrementAndGet();
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        store.close();
    }
}
