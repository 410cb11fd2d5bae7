package org.doorstep.core.internal.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.doorstep.core.status.DeviceState;
import org.doorstep.core.status.DeviceStatus;
import org.doorstep.core.status.DeviceStatusService;
import org.doorstep.core.vault.VaultAccess;
import org.doorstep.vault.Vault;
import org.doorstep.vault.crypto.Argon2Settings;
import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.keys.Officer;
import org.doorstep.vault.keys.UnlockResult;
import org.doorstep.vault.keys.VaultPolicy;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The product opens the vault it finds in the data folder when {@code org.doorstep.core} starts and shows
 * its state as the device status: locked with the device's name, then unlocked by an officer.
 */
class VaultComponentTest {

    private static final char[] PASSPHRASE = "上门办证 只跑一次 status".toCharArray();

    @Test
    void aVaultSetUpInTheDataFolderIsOpenedAtStartAndItsStateIsTheDeviceStatus() throws Exception {
        Bundle core = FrameworkUtil.getBundle(VaultAccess.class);
        Path data = Path.of(System.getProperty("doorstep.data"));
        try {
            deleteTree(data);
            VaultPolicy cheap = VaultPolicy.DEFAULT.withArgon2(new Argon2Settings(256, 1, 1));
            Vault.setUp(data, "FIELD-09", CryptoSuite.GM, new Officer("J10023", "王警官"), PASSPHRASE, PASSPHRASE, cheap,
                    Clock.systemUTC(), new SecureRandom()).close();

            restart(core);
            VaultAccess access = service(core.getBundleContext(), VaultAccess.class);
            DeviceStatusService device = service(core.getBundleContext(), DeviceStatusService.class);
            assertEquals(data, access.dataDir());
            assertEquals(new DeviceStatus(DeviceState.LOCKED, Optional.of("FIELD-09"), Optional.empty()), device.current());

            // the product's vault uses the default (slow) Argon2 policy, but the key file records each officer's cost
            Vault vault = access.vault().orElseThrow();
            assertInstanceOf(UnlockResult.Unlocked.class, vault.unlock("J10023", PASSPHRASE));
            assertEquals(new DeviceStatus(DeviceState.UNLOCKED, Optional.of("FIELD-09"), Optional.of("J10023")),
                    device.current());
            vault.lock();
            assertEquals(DeviceState.LOCKED, device.current().state());
        } finally {
            core.stop();
            deleteTree(data);
            core.start();
        }
        DeviceStatusService device = service(core.getBundleContext(), DeviceStatusService.class);
        assertEquals(DeviceState.NOT_ENROLLED, device.current().state(), "a laptop without a vault is not enrolled");
        assertTrue(service(core.getBundleContext(), VaultAccess.class).vault().isEmpty());
    }

    private static void restart(Bundle bundle) throws Exception {
        bundle.stop();
        bundle.start();
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
