package org.doorstep.ui.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.doorstep.core.vault.VaultAccess;
import org.eclipse.core.runtime.Platform;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Points the product at a data folder of the test's own. The core's vault component reads
 * {@code -Ddoorstep.data} (and the idle-lock setting) when it is activated, so the test sets the properties and
 * has the DS runtime deactivate and activate the component again, exactly as at a product start; the sync
 * component, which needs it, follows. Nothing in the product has a test-only switch.
 */
final class ProductData {

    static final String VAULT_COMPONENT = "org.doorstep.core.internal.vault.VaultComponent";
    static final String DATA_PROPERTY = "doorstep.data";
    static final String IDLE_LOCK_PROPERTY = "doorstep.vault.idleLockSeconds";

    private ProductData() {
    }

    /** A new empty data folder (first start), with the given idle lock in seconds, or the default when null. */
    static Path fresh(String name, Integer idleLockSeconds) throws Exception {
        Path root = Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = Files.createTempDirectory(root, "doorstep-ui-" + name + "-");
        use(dir, idleLockSeconds);
        return dir;
    }

    /** Restarts the vault component on {@code dir}. */
    static VaultAccess use(Path dir, Integer idleLockSeconds) throws Exception {
        System.setProperty(DATA_PROPERTY, dir.toString());
        if (idleLockSeconds == null) {
            System.clearProperty(IDLE_LOCK_PROPERTY);
        } else {
            System.setProperty(IDLE_LOCK_PROPERTY, Integer.toString(idleLockSeconds));
        }
        BundleContext context = FrameworkUtil.getBundle(Platform.class).getBundleContext();
        ServiceReference<ServiceComponentRuntime> ref = context.getServiceReference(ServiceComponentRuntime.class);
        ServiceComponentRuntime scr = context.getService(ref);
        try {
            Bundle core = Arrays.stream(context.getBundles()).filter(b -> "org.doorstep.core".equals(b.getSymbolicName()))
                    .findFirst().orElseThrow(() -> new AssertionError("org.doorstep.core is not installed"));
            ComponentDescriptionDTO component = scr.getComponentDescriptionDTO(core, VAULT_COMPONENT);
            if (component == null) {
                throw new AssertionError("no DS component " + VAULT_COMPONENT);
            }
            scr.disableComponent(component).getValue();
            scr.enableComponent(component).getValue();
        } finally {
            context.ungetService(ref);
        }
        return vaultAccessOn(context, dir);
    }

    private static VaultAccess vaultAccessOn(BundleContext context, Path dir) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            ServiceReference<VaultAccess> ref = context.getServiceReference(VaultAccess.class);
            if (ref != null) {
                VaultAccess access = context.getService(ref);
                if (access != null && access.dataDir().toAbsolutePath().equals(dir.toAbsolutePath())) {
                    return access;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the vault component did not come back on " + dir);
    }

    static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the OS cleans it eventually
        }
    }
}
