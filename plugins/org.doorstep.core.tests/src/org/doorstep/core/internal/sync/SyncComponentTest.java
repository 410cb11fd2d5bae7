package org.doorstep.core.internal.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.doorstep.core.status.DeviceState;
import org.doorstep.core.status.DeviceStatusService;
import org.doorstep.core.sync.SyncEngineState;
import org.doorstep.core.sync.SyncService;
import org.doorstep.core.vault.VaultAccess;
import org.doorstep.sync.LinkState;
import org.doorstep.vault.Vault;
import org.doorstep.vault.crypto.Argon2Settings;
import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.keys.Officer;
import org.doorstep.vault.keys.PassphraseRejectedException;
import org.doorstep.vault.keys.UnlockResult;
import org.doorstep.vault.keys.VaultPolicy;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The product's sync service follows the vault: stopped while locked, started when an officer unlocks (here a laptop
 * not enrolled with HQ, so it says so), stopped again on lock; and a vault set up through the product gets the idle
 * time an administrator configured and locks itself.
 */
class SyncComponentTest {

    private static final char[] PASSPHRASE = "上门办证 只跑一次 sync".toCharArray();

    @Test
    void syncServiceFollowsTheVaultAndSaysWhenTheLaptopIsNotEnrolled() throws Exception {
        Bundle core = FrameworkUtil.getBundle(VaultAccess.class);
        Path data = Path.of(System.getProperty("doorstep.data"));
        try {
            deleteTree(data);
            VaultPolicy cheap = VaultPolicy.DEFAULT.withArgon2(new Argon2Settings(256, 1, 1));
            Vault.setUp(data, "FIELD-10", CryptoSuite.INTL, new Officer("J10024", "李警官"), PASSPHRASE, PASSPHRASE, cheap,
                    Clock.systemUTC(), new SecureRandom()).close();
            core.stop();
            core.start();
            VaultAccess access = service(core.getBundleContext(), VaultAccess.class);
            SyncService sync = service(core.getBundleContext(), SyncService.class);
            waitUntil("stopped while locked", () -> sync.current().engine() == SyncEngineState.LOCKED);

            Vault vault = access.vault().orElseThrow();
            assertInstanceOf(UnlockResult.Unlocked.class, vault.unlock("J10024", PASSPHRASE));
            waitUntil("says the laptop is not enrolled", () -> sync.current().engine() == SyncEngineState.NOT_ENROLLED);
            assertEquals(LinkState.OFFLINE, sync.current().status().link());
            assertTrue(sync.current().outbox().isEmpty());

            vault.lock();
            waitUntil("stopped again on lock", () -> sync.current().engine() == SyncEngineState.LOCKED);
        } finally {
            core.stop();
            deleteTree(data);
            core.start();
        }
    }

    @Test
    void aVaultSetUpByTheProductGetsTheConfiguredIdleLockAndLocksItself() throws Exception {
        Bundle core = FrameworkUtil.getBundle(VaultAccess.class);
        Path data = Path.of(System.getProperty("doorstep.data"));
        System.setProperty("doorstep.vault.idleLockSeconds", "2");
        try {
            deleteTree(data);
            core.stop();
            core.start();
            VaultAccess access = service(core.getBundleContext(), VaultAccess.class);
            DeviceStatusService device = service(core.getBundleContext(), DeviceStatusService.class);
            assertEquals(DeviceState.NOT_ENROLLED, device.current().state());
            assertEquals(Duration.ofSeconds(2), access.policy().idleLock());

            assertThrows(PassphraseRejectedException.class, () -> access.setUp("FIELD-11", CryptoSuite.INTL,
                    new Officer("J10025", "赵警官"), "short".toCharArray(), "short".toCharArray()));
            assertTrue(access.vault().isEmpty(), "a refused set-up creates nothing");

            Vault vault = access.setUp("FIELD-11", CryptoSuite.INTL, new Officer("J10025", "赵警官"), PASSPHRASE.clone(),
                    PASSPHRASE.clone());
            assertEquals(DeviceState.UNLOCKED, device.current().state());
            assertEquals(Duration.ofSeconds(2), vault.policy().idleLock());
            assertThrows(IllegalStateException.class, () -> access.setUp("FIELD-12", CryptoSuite.INTL,
                    new Officer("J10026", "钱警官"), PASSPHRASE.clone(), PASSPHRASE.clone()));
            waitUntil("the idle lock", () -> device.current().state() == DeviceState.LOCKED);
        } finally {
            System.clearProperty("doorstep.vault.idleLockSeconds");
            core.stop();
            deleteTree(data);
            core.start();
        }
    }

    private static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // a guard against hanging only
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    private static <T> T service(BundleContext context, Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
        assertNotNull(service, type.getSimpleName() + " is not registered");
        return service;
    }

    private static void deleteTree(Path root) throws Exception {
        if (Files.exists(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
