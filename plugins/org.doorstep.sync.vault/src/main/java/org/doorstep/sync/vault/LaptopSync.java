package org.doorstep.sync.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.doorstep.sync.client.MqttTransport;
import org.doorstep.sync.client.SyncClient;
import org.doorstep.sync.link.MqttLink;
import org.doorstep.sync.link.SubscriptionRefusedException;
import org.doorstep.sync.link.TlsContexts;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.CaseSummary;
import org.doorstep.vault.PacketRecord;
import org.doorstep.vault.Vault;

/**
 * The laptop's sync service, assembled: the vault's spool and sealing, the sync engine, the MQTT link with the
 * device certificate, and HQ's commands carried out as they arrive. Started with an unlocked, enrolled vault;
 * stopped (and the link with the device key it holds dropped) when the vault locks.
 *
 * <p>The TLS link needs the device's private key for as long as it is connected: it is borrowed once, with an
 * entry in the audit trail, and lives only in the link's SSL context, which {@link #close} drops.
 */
public final class LaptopSync implements AutoCloseable {

    private static final Provider BC = new BouncyCastleProvider();
    private static final System.Logger LOG = System.getLogger(LaptopSync.class.getName());

    private final Vault vault;
    private final CaseSealing sealing;
    private final SyncClient client;
    private final MqttLink link;
    private final CommandExecutor commands;
    private final List<Consumer<CommandOutcome>> commandListeners = new CopyOnWriteArrayList<>();
    private final Consumer<Vault.Status> lockWatch;
    /** Seals waiting complete cases off the caller's thread: the engine's and the vault's threads must not wait. */
    private final ExecutorService waitingSealer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "doorstep-sync-seal-waiting");
        t.setDaemon(true);
        return t;
    });
    private volatile long deliveredSeen;
    /** While a command runs, a lock (or the wipe it carries out) is dealt with when it returns, not by the watch. */
    private volatile boolean executingCommand;
    /** When the link last came up or a command last came or finished (System.nanoTime), for {@link #quiet}. */
    private volatile long lastActivity = System.nanoTime();
    /** Sends the audit trail as it grows, one batch at a time. */
    private final java.util.concurrent.ScheduledExecutorService auditSender;
    private final java.util.concurrent.atomic.AtomicBoolean auditInFlight = new java.util.concurrent.atomic.AtomicBoolean();

    private LaptopSync(Vault vault, CaseSealing sealing, SyncClient client, MqttLink link, CommandExecutor commands) {
        this.vault = vault;
        this.sealing = sealing;
        this.client = client;
        this.link = link;
        this.commands = commands;
        this.auditSender = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "doorstep-sync-audit");
            t.setDaemon(true);
            return t;
        });
        this.lockWatch = status -> {
            if (status != Vault.Status.UNLOCKED && !executingCommand) {
                stopLater();
            }
        };
    }

    /**
     * Starts syncing: finishes any half-done sealing, loads the waiting packets, and connects to the broker named
     * in the enrolment (reconnecting by itself whenever the link drops).
     *
     * @throws SyncRefusedException the laptop is not enrolled or was revoked
     */
    public static LaptopSync start(Vault vault, SyncClient.Options options, Clock clock) throws IOException {
        Objects.requireNonNull(vault, "vault");
        SyncIdentity identity = SyncIdentity.require(vault);
        SyncIdentity.requireNotRevoked(vault);
        SecureRandom random = new SecureRandom();
        CaseSealing sealing = new CaseSealing(vault, new PacketSpoolFolder(vault.dataDir()), clock, random,
                options.capacity());
        sealing.recover();
        SSLContext tls = vault.lendDeviceKey("sync link (TLS client certificate)", null, pkcs8 -> {
            try {
                return TlsContexts.client(KeyFactory.getInstance("EC", BC).generatePrivate(new PKCS8EncodedKeySpec(pkcs8)),
                        List.of(identity.deviceCertificate(), identity.caCertificate()), identity.caCertificate());
            } catch (GeneralSecurityException e) {
                throw new IOException("the device key cannot open a TLS link: " + e.getMessage(), e);
            }
        });
        MqttLink link = new MqttLink(MqttLink.Options.tls(identity.broker().toString(), identity.deviceId(), tls));
        MqttTransport transport = new MqttTransport(link);
        SyncClient client = new SyncClient(identity.deviceId(), org.doorstep.sync.pki.PkiSuite.byId(vault.suite().id()), identity.hqSigningKey(),
                new VaultPacketSpool(vault, sealing), transport, options, () -> catalogueVersion(vault), clock);
        CommandExecutor commands = new CommandExecutor(vault, clock);
        LaptopSync sync = new LaptopSync(vault, sealing, client, link, commands);
        client.addCommandHandler(sync::command);
        link.addListener(new org.doorstep.sync.link.LinkListener() {
            @Override
            public void connected(boolean sessionPresent) {
                sync.lastActivity = System.nanoTime();
            }
        });
        client.officerSource(() -> vault.status() == Vault.Status.UNLOCKED
                ? vault.officer().map(org.doorstep.vault.keys.Officer::id) : java.util.Optional.empty());
        try {
            transport.attach(client);
        } catch (SubscriptionRefusedException e) {
            throw new IOException("the broker refused this laptop's subscription: " + e.getMessage(), e);
        }
        client.start();
        link.start();
        vault.addListener(sync.lockWatch);
        // complete cases that waited (not yet enrolled, revoked then re-enrolled, outbox full) are sealed now, and
        // again whenever HQ's receipts make room in the outbox
        sync.sealWaitingLater();
        client.addProgressListener(progress -> {
            if (progress.deliveredCases() > sync.deliveredSeen) {
                sync.deliveredSeen = progress.deliveredCases();
                sync.sealWaitingLater();
            }
        });
        sync.auditSender.scheduleWithFixedDelay(sync::sendAudit, 1, Math.max(1, options.heartbeatEvery().toSeconds()),
                java.util.concurrent.TimeUnit.SECONDS);
        return sync;
    }

    private static int catalogueVersion(Vault vault) {
        try {
            return vault.hqInbox().catalogues().stream().mapToInt(c -> c.version()).max().orElse(1);
        } catch (RuntimeException e) {
            return 1; // locked meanwhile: the heartbeat is not worth failing for
        }
    }

    /**
     * Hands the sync engine the next entries of the audit trail HQ has not been sent ({@code up/audit}, at most
     * {@link AuditSlice#BATCH_ENTRIES}), so that HQ keeps the whole chain, not only the slices of delivered cases. One
     * batch at a time; how far it went is recorded once the broker has it. HQ keeps an entry sent twice once.
     */
    private void sendAudit() {
        if (auditInFlight.get() || vault.status() != Vault.Status.UNLOCKED) {
            return;
        }
        try {
            List<org.doorstep.vault.AuditEntry> entries = vault.auditEntries(vault.syncSettings().auditSentThrough() + 1,
                    AuditSlice.BATCH_ENTRIES);
            if (entries.isEmpty()) {
                return;
            }
            long last = entries.get(entries.size() - 1).seq();
            byte[] batch = AuditSlice.batch(client.deviceId(), vault.suite().id(), entries);
            auditInFlight.set(true);
            boolean queued = client.report(org.doorstep.sync.protocol.Topics.AUDIT, batch, () -> {
                try {
                    vault.syncSettings().recordAuditSent(last);
                } finally {
                    auditInFlight.set(false);
                }
            });
            if (!queued) {
                auditInFlight.set(false);
            }
        } catch (RuntimeException e) {
            auditInFlight.set(false); // locked meanwhile: tried again at the next round
        }
    }

    /** Not on the vault's or the link's thread: closing waits for the sender, which may be waiting for the vault. */
    private void stopLater() {
        Thread stopper = new Thread(this::close, "doorstep-sync-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    /**
     * Carries out one of HQ's commands, then tells HQ what became of it ({@code up/result}). A remote wipe is proved
     * instead: its signed confirmation goes out on {@code up/wiped} over the link that is still open (the TLS key
     * lives in the link, not the wiped vault) before the service stops. A resend request is followed up: the
     * reopened case is sealed into a new packet, or HQ is asked again about a packet still waiting.
     */
    private void command(byte[] message) {
        CommandOutcome outcome;
        executingCommand = true;
        lastActivity = System.nanoTime();
        try {
            outcome = commands.execute(message);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            executingCommand = false;
            lastActivity = System.nanoTime();
        }
        try {
            if (outcome instanceof CommandOutcome.CarriedOut done
                    && done.command().type() == org.doorstep.sync.command.CommandType.WIPE) {
                publishWipeConfirmation();
            } else {
                reportResult(outcome, message);
                if (outcome instanceof CommandOutcome.CarriedOut done
                        && done.command().type() == org.doorstep.sync.command.CommandType.RESEND) {
                    followUpResend(done.command());
                }
            }
            commandListeners.forEach(l -> l.accept(outcome));
        } finally {
            if (vault.status() != Vault.Status.UNLOCKED) {
                stopLater();
            }
        }
    }

    private void publishWipeConfirmation() {
        try {
            java.util.Optional<byte[]> proof = WipeConfirmation.read(vault.dataDir());
            if (proof.isPresent()) {
                link.publish(org.doorstep.sync.protocol.Topics.of(client.deviceId(),
                        org.doorstep.sync.protocol.Topics.WIPED), proof.get());
            }
        } catch (IOException | org.doorstep.sync.link.LinkException e) {
            // the confirmation stays in the data folder; support carries it to HQ on a medium
            LOG.log(System.Logger.Level.WARNING, "the wipe confirmation could not be sent to HQ: " + e.getMessage());
        }
    }

    private void reportResult(CommandOutcome outcome, byte[] message) {
        org.doorstep.sync.protocol.CommandResult result = switch (outcome) {
            case CommandOutcome.CarriedOut done -> new org.doorstep.sync.protocol.CommandResult(client.deviceId(),
                    done.command().sequence(), done.command().type(), true, java.util.Optional.empty(), done.summary(),
                    java.time.Instant.now());
            case CommandOutcome.Refused refused when refused.reason() == CommandOutcome.Reason.REPLAYED
                    && refused.command().isEmpty() -> commands.repeatAnswer(message).orElse(null);
            case CommandOutcome.Refused refused -> refused.command().map(c -> new org.doorstep.sync.protocol.CommandResult(
                    client.deviceId(), c.sequence(), c.type(), false, java.util.Optional.of(refused.reason().name()),
                    refused.message().replaceAll("\\p{Cntrl}", " "), java.time.Instant.now())).orElse(null);
        };
        if (result != null && !client.report(org.doorstep.sync.protocol.Topics.COMMAND_RESULT, result.toJson(), () -> {
        })) {
            LOG.log(System.Logger.Level.WARNING, "too many reports wait for the link: the result of command "
                    + result.sequence() + " is not sent");
        }
    }

    /**
     * Whether the service has been quiet for {@code d}: connected all that time, no command came or ran, no report
     * waits. A command line that syncs once stops when its outbox is empty and the service is quiet, so the commands
     * waiting for the laptop in its broker session have arrived and been answered.
     */
    public boolean quiet(java.time.Duration d) {
        return link.isConnected() && !executingCommand && client.waitingReports() == 0
                && System.nanoTime() - lastActivity >= d.toNanos();
    }

    private void followUpResend(org.doorstep.sync.command.Command command) {
        try {
            java.util.UUID packetId = java.util.UUID.fromString(BodyReader.object(command.bodyJson()).get("packetId")
                    .asText());
            PacketRecord packet = vault.packets().get(packetId).orElseThrow();
            if (packet.state().open()) {
                client.resume();
            } else if (vault.cases().get(packet.caseId()).state() == org.doorstep.vault.CaseState.COMPLETE) {
                seal(packet.caseId());
            }
        } catch (IOException | RuntimeException | BodyReader.InvalidBody e) {
            // the case stays complete: sealWaiting seals it once the outbox has room
            LOG.log(System.Logger.Level.WARNING, "HQ's resend request could not be sealed now: " + e.getMessage());
        }
    }

    /** Told of every command from HQ and what became of it. */
    public void addCommandListener(Consumer<CommandOutcome> listener) {
        commandListeners.add(listener);
    }

    /**
     * Seals a complete case; the vault tells the running client, which sends it at once (as for a case sealed by the
     * guided case or the command line). Refused, leaving the case complete and unchanged, when the outbox has no room
     * for its packet: a {@link SyncRefusedException} whose {@link SyncRefusedException#outboxFull()} says how full.
     */
    public PacketRecord seal(String caseId) throws IOException {
        return sealing.seal(caseId);
    }

    /**
     * Seals every complete case that is not yet in a packet, urgent ones first, then oldest, until the outbox is full. A case is
     * complete without a packet only when sealing was refused when the officer completed it (the laptop was not
     * enrolled, was revoked, or its outbox was full): without this, such a case would wait for ever. Returns how many
     * were sealed; a case whose sealing fails for another reason stays complete, unchanged, and is named in the log.
     */
    public int sealWaiting() {
        int sealed = 0;
        List<CaseSummary> waiting = vault.cases().list().stream().filter(c -> c.state() == CaseState.COMPLETE)
                .sorted(Comparator.comparing((CaseSummary c) -> !c.urgent()).thenComparing(CaseSummary::updated)).toList();
        for (CaseSummary c : waiting) {
            try {
                sealing.seal(c.id());
                sealed++;
            } catch (SyncRefusedException e) {
                if (e.outboxFull().isPresent()) {
                    break; // the next receipts make room; sealed then
                }
                LOG.log(System.Logger.Level.WARNING, "complete case " + c.id() + " waits: " + e.getMessage());
                break; // not enrolled or revoked: the same for every case
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "complete case " + c.id() + " could not be sealed: " + e.getMessage(), e);
            }
        }
        return sealed;
    }

    private void sealWaitingLater() {
        try {
            waitingSealer.execute(() -> {
                if (vault.status() == Vault.Status.UNLOCKED) {
                    sealWaiting();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // stopping
        }
    }

    public SyncClient client() {
        return client;
    }

    public MqttLink link() {
        return link;
    }

    /** "Sync now". */
    public void syncNow() {
        sealWaitingLater();
        client.wake();
    }

    @Override
    public void close() {
        auditSender.shutdownNow();
        vault.removeListener(lockWatch);
        waitingSealer.shutdownNow();
        // a command being carried out, the reports still waiting (its result, the trail's last batch) and a last
        // heartbeat (HQ's board then shows the backlog as it is now) go out first while the link is up, briefly: a
        // command line that syncs and exits should not lose them
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(3).toNanos();
        long heartbeats = client.heartbeatsSent();
        if (link.isConnected()) {
            client.heartbeatNow();
        }
        while ((executingCommand || client.waitingReports() > 0 || client.heartbeatsSent() == heartbeats)
                && link.isConnected() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        client.close();
        link.close();
    }
}
