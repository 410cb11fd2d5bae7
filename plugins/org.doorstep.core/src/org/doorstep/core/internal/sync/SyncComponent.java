package org.doorstep.core.internal.sync;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.doorstep.core.internal.status.ObservableValue;
import org.doorstep.core.internal.status.SyncStatusComponent;
import org.doorstep.core.status.DeviceState;
import org.doorstep.core.status.DeviceStatus;
import org.doorstep.core.status.DeviceStatusService;
import org.doorstep.core.status.Subscription;
import org.doorstep.core.sync.DeliveredCase;
import org.doorstep.core.sync.OutboxCase;
import org.doorstep.core.sync.SyncEngineState;
import org.doorstep.core.sync.SyncOverview;
import org.doorstep.core.sync.SyncService;
import org.doorstep.core.vault.VaultAccess;
import org.doorstep.sync.LinkState;
import org.doorstep.sync.SyncStatus;
import org.doorstep.sync.client.SyncClient;
import org.doorstep.sync.outbox.OutboxProgress;
import org.doorstep.sync.vault.LaptopSync;
import org.doorstep.sync.vault.SyncIdentity;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.CaseStatusUpdate;
import org.doorstep.vault.CaseSummary;
import org.doorstep.vault.PacketRecord;
import org.doorstep.vault.Vault;
import org.doorstep.vault.VaultException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Runs the laptop's sync service ({@link LaptopSync}) while an officer has the vault unlocked and the laptop is
 * enrolled with HQ, stops it when the vault locks, and publishes what the sync view and the status line show.
 *
 * <p>Every start, stop and vault read happens on one worker thread, so they never overlap. The link state and the
 * outbox figures are read every second from the engine (which does not touch the vault, so the poll does not keep
 * the vault from locking when idle); the case lists are read from the vault only when the outbox changes, HQ
 * sends a command, or the officer asks for "sync now".
 */
@Component(service = SyncService.class, immediate = true)
public final class SyncComponent implements SyncService {

    private static final System.Logger LOG = System.getLogger(SyncComponent.class.getName());
    private static final String SOFTWARE = "doorstep-field";

    @Reference
    private VaultAccess vaults;

    @Reference
    private DeviceStatusService device;

    @Reference
    private SyncStatusComponent syncStatus;

    private final ObservableValue<SyncOverview> overview = new ObservableValue<>(
            SyncOverview.of(SyncEngineState.NO_VAULT, SyncStatus.neverConnected()));

    private ScheduledExecutorService worker;
    private ExecutorService stopper;
    private Subscription deviceSubscription;

    // touched on the worker thread only
    private LaptopSync sync;
    private Vault syncVault;
    private SyncEngineState engine = SyncEngineState.NO_VAULT;
    private String problem;
    private List<OutboxCase> outbox = List.of();
    private List<DeliveredCase> delivered = List.of();
    private Optional<Instant> lastContact = Optional.empty();
    private int deliveredSeen;
    private SyncStatus lastStatus = SyncStatus.neverConnected();

    @Activate
    void activate() {
        worker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "doorstep-sync-service"));
        stopper = Executors.newSingleThreadExecutor(r -> daemon(r, "doorstep-sync-stopper"));
        deviceSubscription = device.subscribe(status -> worker.execute(() -> onDevice(status)));
        worker.scheduleWithFixedDelay(this::poll, 1, 1, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        deviceSubscription.close();
        try {
            worker.submit(() -> stop(SyncEngineState.NO_VAULT)).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "the sync service did not stop cleanly: " + e.getMessage());
        }
        worker.shutdownNow();
        stopper.shutdown();
    }

    @Override
    public SyncOverview current() {
        return overview.get();
    }

    @Override
    public Subscription subscribe(Consumer<SyncOverview> listener) {
        return overview.subscribe(listener);
    }

    @Override
    public void syncNow() {
        worker.execute(() -> {
            if (sync != null) {
                sync.syncNow();
            } else {
                start();
            }
            readLists();
            publish();
        });
    }

    private void onDevice(DeviceStatus status) {
        if (status.state() == DeviceState.UNLOCKED) {
            start();
        } else {
            stop(status.state() == DeviceState.NOT_ENROLLED ? SyncEngineState.NO_VAULT : SyncEngineState.LOCKED);
        }
        publish();
    }

    private void start() {
        Vault v = vaults.vault().orElse(null);
        if (v == null || v.status() != Vault.Status.UNLOCKED) {
            return;
        }
        if (sync != null && syncVault == v) {
            return;
        }
        problem = null;
        try {
            if (SyncIdentity.of(v).isEmpty()) {
                engine = SyncEngineState.NOT_ENROLLED;
                readLists();
                return;
            }
            if (v.syncSettings().revoked()) {
                engine = SyncEngineState.REVOKED;
                readLists();
                return;
            }
            engine = SyncEngineState.STARTING;
            publish();
            LaptopSync started = LaptopSync.start(v, SyncClient.Options.defaults(v.dataDir(), SOFTWARE),
                    Clock.systemUTC());
            sync = started;
            syncVault = v;
            deliveredSeen = started.client().progress().deliveredCases();
            started.client().addProgressListener(p -> worker.execute(() -> onProgress(p)));
            started.addCommandListener(outcome -> worker.execute(() -> {
                lastContact = Optional.of(Instant.now());
                readLists();
                publish();
            }));
            engine = SyncEngineState.RUNNING;
            readLists();
        } catch (IOException | VaultException e) {
            engine = SyncEngineState.FAILED;
            problem = e.getMessage();
            LOG.log(System.Logger.Level.WARNING, "the sync service did not start: " + e.getMessage());
        }
    }

    private void stop(SyncEngineState why) {
        LaptopSync s = sync;
        sync = null;
        syncVault = null;
        if (s != null) {
            // closing waits for the sender, which may be waiting for the vault: never on the vault's thread
            stopper.execute(s::close);
        }
        engine = why;
        problem = null;
        outbox = List.of(); // nothing of the cases stays on screen while locked
        delivered = List.of();
        lastStatus = lastStatus.withLink(LinkState.OFFLINE);
    }

    private void onProgress(OutboxProgress progress) {
        if (progress.deliveredCases() > deliveredSeen) {
            deliveredSeen = progress.deliveredCases();
            lastContact = Optional.of(Instant.now()); // a receipt is HQ's answer
        }
        readLists();
        publish();
    }

    private void poll() {
        try {
            publish();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sync status poll failed: " + e.getMessage(), e);
        }
    }

    /** Reads the outbox and the delivered cases from the vault; counts as a use of the vault. */
    private void readLists() {
        Vault v = vaults.vault().orElse(null);
        if (v == null || v.status() != Vault.Status.UNLOCKED) {
            outbox = List.of();
            delivered = List.of();
            return;
        }
        try {
            List<OutboxCase> waiting = new ArrayList<>();
            for (PacketRecord p : v.packets().open()) {
                waiting.add(new OutboxCase(p.caseId(), p.urgent(), p.state(), p.bytes(), p.sealedAt()));
            }
            List<DeliveredCase> done = new ArrayList<>();
            for (CaseSummary c : v.cases().list()) {
                if (c.state() == CaseState.DELIVERED || c.state() == CaseState.SHREDDED) {
                    List<CaseStatusUpdate> updates = v.hqInbox().statusOf(c.id());
                    Optional<CaseStatusUpdate> latest = updates.isEmpty() ? Optional.empty()
                            : Optional.of(updates.get(updates.size() - 1));
                    latest.ifPresent(u -> lastContact = lastContact.filter(t -> t.isAfter(u.received()))
                            .or(() -> Optional.of(u.received())));
                    done.add(new DeliveredCase(c.id(), c.updated(), latest));
                }
            }
            done.sort(Comparator.comparing(DeliveredCase::deliveredAt).reversed());
            outbox = waiting;
            delivered = done;
        } catch (VaultException.Locked e) {
            outbox = List.of();
            delivered = List.of();
        }
    }

    private void publish() {
        LaptopSync s = sync;
        SyncStatus status = lastStatus;
        long unsent = 0;
        boolean full = false;
        String linkProblem = problem;
        if (s != null) {
            OutboxProgress p = s.client().progress();
            full = p.full();
            LinkState link = s.link().state();
            String failure = s.link().isConnected() ? null : s.link().lastProblem();
            if (failure != null) {
                linkProblem = failure;
                // still retrying, but the last attempt failed: to the officer the laptop is offline
                link = LinkState.OFFLINE;
            }
            status = new SyncStatus(link, p.pendingCases(), p.pendingCases() == 0 ? 0 : p.pendingBytes(), lastContact);
            unsent = p.unsentBytes();
        } else if (!outbox.isEmpty()) {
            status = new SyncStatus(LinkState.OFFLINE, outbox.size(), outbox.stream().mapToLong(OutboxCase::bytes).sum(),
                    lastContact);
        } else if (lastContact.isPresent()) {
            status = status.contactedAt(lastContact.get());
        }
        lastStatus = status;
        syncStatus.publish(status);
        overview.set(new SyncOverview(engine, status, Optional.ofNullable(linkProblem), unsent, outbox, delivered, full));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
