package org.doorstep.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * This test runtime holds the field feature's bundles (see the pom's extra requirements): every one of them must
 * resolve in Equinox, which is what the product needs at start, and each platform's natives must attach to their
 * host.
 */
class FieldFeatureBundlesTest {

    /** Our bundles and the wrappers the capture engines run on; each must be in the runtime. */
    private static final List<String> FEATURE_BUNDLES = List.of("org.doorstep.core", "org.doorstep.ui",
            "org.doorstep.vault", "org.doorstep.domain", "org.doorstep.derby", "org.doorstep.cli",
            "org.doorstep.capture", "org.doorstep.sync.vault", "org.doorstep.photo", "org.doorstep.opencv",
            "org.doorstep.opencv.linux.x86_64", "org.doorstep.fingerprint", "org.doorstep.sourceafis", "offline-sync",
            "org.apache.pdfbox", "it.unimi.dsi.fastutil", "slf4j.api");

    private final BundleContext context = FrameworkUtil.getBundle(FieldFeatureBundlesTest.class).getBundleContext();

    @Test
    void everyBundleOfTheRuntimeResolves() {
        Bundle[] bundles = context.getBundles();
        context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(null);
        Map<String, Bundle> byName = Arrays.stream(bundles)
                .collect(Collectors.toMap(Bundle::getSymbolicName, Function.identity(), (a, b) -> a));
        for (String name : FEATURE_BUNDLES) {
            assertTrue(byName.containsKey(name), name + " is not in the test runtime");
        }
        List<String> unresolved = new ArrayList<>();
        for (Bundle bundle : bundles) {
            if (bundle.getState() == Bundle.INSTALLED || bundle.getState() == Bundle.UNINSTALLED) {
                unresolved.add(bundle.getSymbolicName() + " " + bundle.getVersion());
            }
        }
        assertEquals(List.of(), unresolved, "bundles Equinox could not resolve");
    }

    @Test
    void theLinuxNativesAttachToOpenCvAndTheWindowsOnesStayOut() {
        Bundle host = Arrays.stream(context.getBundles())
                .filter(b -> "org.doorstep.opencv".equals(b.getSymbolicName())).findFirst().orElseThrow();
        List<String> fragments = host.adapt(BundleWiring.class).getProvidedWires(BundleRevision.HOST_NAMESPACE)
                .stream().map(BundleWire::getRequirer).map(BundleRevision::getSymbolicName).toList();
        assertEquals(List.of("org.doorstep.opencv.linux.x86_64"), fragments);
        assertTrue(Arrays.stream(context.getBundles())
                .noneMatch(b -> "org.doorstep.opencv.win32.x86_64".equals(b.getSymbolicName())),
                "the Windows natives are filtered out of a Linux runtime");
    }
}
