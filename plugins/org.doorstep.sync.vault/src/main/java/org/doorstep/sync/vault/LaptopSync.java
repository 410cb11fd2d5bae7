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

    private LaptopSync(Vault vault, CaseSealing sealing, SyncClient client, MqttLink link, CommandExecutor commands) {
        this.vault = vault;
        this.sealing = sealing;
        this.client = client;
        this.link = link;
        this.commands = commands;
        this.lockWatch = status -> {
            if (status != Vault.Status.UNLOCKED) {
                // not on the vault's thread: closing waits for the sender, which may be waiting for the vault
                Thread stopper = new Thread(this::close, "doorstep-sync-stop");
                stopper.setDaemon(true);
                stopper.start();
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
        return sync;
    }

    private static int catalogueVersion(Vault vault) {
        try {
            return vault.hqInbox().catalogues().stream().mapToInt(c -> c.version()).max().orElse(1);
        } catch (RuntimeException e) {
            return 1; // locked meanwhile: the heartbeat is not worth failing for
        }
    }

    private void command(byte[] message) {
        try {
            CommandOutcome outcome = commands.execute(message);
            commandListeners.forEach(l -> l.accept(outcome));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
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
        vault.removeListener(lockWatch);
        waitingSealer.shutdownNow();
        client.close();
        link.close();
    }
}
