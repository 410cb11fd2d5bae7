package org.doorstep.core.internal.vault;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.doorstep.core.internal.status.DeviceStatusComponent;
import org.doorstep.core.status.DeviceState;
import org.doorstep.core.status.DeviceStatus;
import org.doorstep.core.vault.VaultAccess;
import org.doorstep.vault.Vault;
import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.keys.Officer;
import org.doorstep.vault.keys.PassphraseRejectedException;
import org.doorstep.vault.keys.VaultFileException;
import org.doorstep.vault.keys.VaultPolicy;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Opens the vault from the data folder when the product starts, publishes its status as the device
 * status, and locks it after the policy's idle time (checked every second: the check only compares two
 * instants and does not count as a use of the vault).
 */
@Component(service = VaultAccess.class, immediate = true)
public final class VaultComponent implements VaultAccess {

    private static final System.Logger LOG = System.getLogger(VaultComponent.class.getName());
    private static final long IDLE_CHECK_SECONDS = 1;
    /** Administrator setting: idle time before the vault locks, in seconds, written into the key file at set-up. */
    static final String IDLE_LOCK_PROPERTY = "doorstep.vault.idleLockSeconds";

    @Reference
    private DeviceStatusComponent device;

    private Path dataDir;
    private VaultPolicy policy;
    private volatile Vault vault;
    private ScheduledExecutorService timer;

    @Activate
    void activate() {
        dataDir = dataFolder();
        policy = policyForSetUp();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "doorstep-vault-idle-lock");
            t.setDaemon(true);
            return t;
        });
        if (Vault.isSetUp(dataDir)) {
            try {
                attach(Vault.open(dataDir, policy, Clock.systemUTC(), new SecureRandom()));
            } catch (IOException | VaultFileException e) {
                LOG.log(System.Logger.Level.ERROR, "the vault in " + dataDir + " cannot be opened: " + e.getMessage());
            }
        } else {
            device.publish(DeviceStatus.notEnrolled());
        }
        timer.scheduleWithFixedDelay(this::lockIfIdle, IDLE_CHECK_SECONDS, IDLE_CHECK_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        Vault v = vault;
        if (v != null) {
            v.close();
        }
        vault = null;
        device.publish(DeviceStatus.notEnrolled());
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public Optional<Vault> vault() {
        return Optional.ofNullable(vault);
    }

    @Override
    public synchronized void adopt(Vault newlySetUp) {
        if (!newlySetUp.dataDir().toAbsolutePath().equals(dataDir.toAbsolutePath())) {
            throw new IllegalArgumentException("the vault is in " + newlySetUp.dataDir() + ", not in " + dataDir);
        }
        Vault old = vault;
        if (old != null && old != newlySetUp) {
            old.close();
        }
        attach(newlySetUp);
    }

    @Override
    public VaultPolicy policy() {
        return policy;
    }

    @Override
    public synchronized Vault setUp(String deviceName, CryptoSuite suite, Officer first, char[] passphrase,
            char[] passphraseAgain) throws IOException, PassphraseRejectedException {
        if (vault != null && vault.status() != Vault.Status.WIPED) {
            throw new IllegalStateException("this laptop is already set up as " + vault.deviceName());
        }
        Vault v = Vault.setUp(dataDir, deviceName, suite, first, passphrase, passphraseAgain, policy, Clock.systemUTC(),
                new SecureRandom());
        adopt(v);
        return v;
    }

    private void attach(Vault v) {
        vault = v;
        v.addListener(status -> publish(v));
        publish(v);
    }

    private void publish(Vault v) {
        device.publish(status(v));
    }

    static DeviceStatus status(Vault v) {
        Optional<String> name = Optional.of(v.deviceName());
        return switch (v.status()) {
            case LOCKED -> new DeviceStatus(DeviceState.LOCKED, name, Optional.empty());
            case UNLOCKED -> new DeviceStatus(DeviceState.UNLOCKED, name, v.officer().map(o -> o.id()));
            case LOCKED_OUT -> new DeviceStatus(DeviceState.LOCKED_OUT, name, Optional.empty());
            case WIPED -> new DeviceStatus(DeviceState.WIPED, name, Optional.empty());
        };
    }

    private void lockIfIdle() {
        Vault v = vault;
        try {
            if (v != null) {
                v.lockIfIdle();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "idle lock failed: " + e.getMessage(), e);
        }
    }

    /** The default policy, with the idle time an administrator may set ({@value #IDLE_LOCK_PROPERTY}). */
    static VaultPolicy policyForSetUp() {
        String seconds = System.getProperty(IDLE_LOCK_PROPERTY);
        if (seconds == null || seconds.isBlank()) {
            return VaultPolicy.DEFAULT;
        }
        try {
            long s = Long.parseLong(seconds.strip());
            if (s < 1) {
                throw new NumberFormatException();
            }
            VaultPolicy d = VaultPolicy.DEFAULT;
            return new VaultPolicy(d.maxFailedAttempts(), d.destroyKeysOnLockout(), d.warnWhenRemaining(),
                    d.backoffFreeAttempts(), d.maxBackoff(), Duration.ofSeconds(s), d.argon2());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(IDLE_LOCK_PROPERTY + " must be a whole number of seconds above 0, not '"
                    + seconds + "'");
        }
    }

    private static Path dataFolder() {
        String property = System.getProperty("doorstep.data");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("DOORSTEP_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".doorstep");
    }
}
