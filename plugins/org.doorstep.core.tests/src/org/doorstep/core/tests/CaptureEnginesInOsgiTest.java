package org.doorstep.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;
import org.doorstep.domain.catalogue.CatalogueHolder;
import org.doorstep.fingerprint.FingerCapture;
import org.doorstep.fingerprint.FingerPosition;
import org.doorstep.fingerprint.FingerQuality;
import org.doorstep.fingerprint.FingerTemplates;
import org.doorstep.fingerprint.QualityAssessor;
import org.doorstep.fingerprint.SameFingerCheck;
import org.doorstep.fingerprint.SameFingerPair;
import org.doorstep.fingerprint.drivers.ImageImportDriver;
import org.doorstep.photo.Assessment;
import org.doorstep.photo.CheckId;
import org.doorstep.photo.PhotoChecker;
import org.doorstep.photo.PhotoSpec;
import org.doorstep.sync.vault.HqCatalogues;
import org.doorstep.sync.vault.SyncIdentity;
import org.doorstep.sync.vault.WipeConfirmation;
import org.doorstep.vault.Vault;
import org.doorstep.vault.crypto.Argon2Settings;
import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.keys.Officer;
import org.doorstep.vault.keys.VaultPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The capture engines and the laptop's sync service as the product runs them: inside Equinox, from the field
 * feature's bundles. OpenCV's natives come out of the platform fragment of {@code org.doorstep.opencv} through
 * JavaCPP's loader; SourceAFIS runs from its wrapper bundle with fastutil, Gson and Jackson CBOR as bundles of their
 * own. Test pictures: {@code testdata/} (see SOURCES.md there).
 */
class CaptureEnginesInOsgiTest {

    @TempDir
    Path dir;

    @Test
    void aRealFaceIsAssessedAgainstTheExitEntryRulesInsideOsgi() throws Exception {
        assertEquals("org.doorstep.photo", FrameworkUtil.getBundle(PhotoChecker.class).getSymbolicName());
        assertEquals("org.doorstep.opencv", FrameworkUtil.getBundle(opencv_core.class).getSymbolicName());
        assertEquals("org.doorstep.opencv", FrameworkUtil.getBundle(Loader.class).getSymbolicName());
        Assessment a;
        try (PhotoChecker checker = new PhotoChecker()) {
            a = checker.assess(testdata("obama.jpg"), PhotoSpec.EXIT_ENTRY);
        }
        // the same figures the photo module's own tests measure on this picture outside OSGi
        assertEquals(1, a.measurements().faces(), a::toString);
        assertEquals(910, a.measurements().sourceWidth());
        assertEquals(1137, a.measurements().sourceHeight());
        for (CheckId passes : List.of(CheckId.RESOLUTION, CheckId.FACE_COUNT, CheckId.FRONTAL, CheckId.HEAD_SIZE,
                CheckId.EXPOSURE, CheckId.SHARPNESS, CheckId.JPEG_SIZE)) {
            assertTrue(a.check(passes).passed(), () -> passes + ": " + a);
        }
        assertTrue(Math.abs(a.measurements().rollDegrees()) < 3, a::toString);
        // too little room above the head in the source, and an office behind him: both said in words
        assertFalse(a.check(CheckId.HEAD_POSITION).passed(), a::toString);
        assertTrue(a.check(CheckId.HEAD_POSITION).reason(Locale.ENGLISH).startsWith("Not enough space above the head"),
                () -> a.check(CheckId.HEAD_POSITION).reason(Locale.ENGLISH));
        assertFalse(a.check(CheckId.BACKGROUND).passed(), a::toString);
        assertFalse(a.passed());
        byte[] jpeg = a.jpeg().orElseThrow();
        assertEquals(0xFF, jpeg[0] & 0xFF);
        assertEquals(0xD8, jpeg[1] & 0xFF);
        assertTrue(jpeg.length >= 20_000 && jpeg.length <= 80_000, "exit-entry JPEG size " + jpeg.length);
    }

    @Test
    void javacppUnpacksTheNativesFromThePlatformFragmentIntoTheConfiguredCache() throws IOException {
        Bundle opencv = FrameworkUtil.getBundle(opencv_core.class);
        String platform = Loader.getPlatform();
        assertEquals("linux-x86_64", platform, "these tests run on Linux x86_64");
        // the natives are entries of the fragment, reached through the host's class path
        assertNotNull(opencv.getResource("org/bytedeco/opencv/" + platform + "/libjniopencv_core.so"));
        Loader.load(opencv_core.class);
        // the test JVM sets org.bytedeco.javacpp.cachedir to target/javacpp-cache: nothing goes to ~/.javacpp
        String configured = System.getProperty("org.bytedeco.javacpp.cachedir");
        assertNotNull(configured, "the test JVM must set org.bytedeco.javacpp.cachedir");
        File cache = Loader.getCacheDir();
        assertEquals(new File(configured).getCanonicalFile(), cache.getCanonicalFile());
        try (Stream<Path> files = Files.walk(cache.toPath())) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("libopencv_core.so")),
                    "libopencv_core unpacked under " + cache);
        }
    }

    @Test
    void realFingerprintsAreImportedAssessedAndComparedInsideOsgi() throws Exception {
        assertEquals("org.doorstep.fingerprint", FrameworkUtil.getBundle(QualityAssessor.class).getSymbolicName());
        assertEquals("org.doorstep.sourceafis",
                FrameworkUtil.getBundle(com.machinezoo.sourceafis.FingerprintTemplate.class).getSymbolicName());
        ImageImportDriver driver = new ImageImportDriver(position -> Optional.empty());
        FingerCapture probe = driver.importBytes(FingerPosition.RIGHT_INDEX, testdata("probe.png"), "probe.png");
        FingerCapture matching = driver.importBytes(FingerPosition.LEFT_INDEX, testdata("matching.png"), "matching.png");
        FingerCapture other = driver.importBytes(FingerPosition.LEFT_THUMB, testdata("nonmatching.png"),
                "nonmatching.png");
        assertEquals(388, probe.image().width());
        assertEquals(ImageImportDriver.DEFAULT_PPI, probe.image().ppi());

        FingerTemplates templates = new FingerTemplates();
        FingerQuality quality = new QualityAssessor(templates).assess(probe);
        assertTrue(quality.score() >= 40 && quality.score() <= 100, "sample print scored " + quality);

        // the same finger recorded as two different fingers is caught; a different finger is not
        List<SameFingerPair> pairs = new SameFingerCheck(templates, SameFingerCheck.DEFAULT_THRESHOLD)
                .check(List.of(probe, matching, other));
        assertEquals(1, pairs.size(), pairs::toString);
        assertEquals(probe, pairs.get(0).first());
        assertEquals(matching, pairs.get(0).second());
        assertTrue(pairs.get(0).score() > 200, "SourceAFIS scored the same finger " + pairs.get(0).score());
        assertTrue(templates.similarity(probe, other) < 10);
    }

    @Test
    void theLaptopSyncServiceWorksOnAVaultInsideOsgi() throws Exception {
        assertEquals("org.doorstep.sync.vault", FrameworkUtil.getBundle(HqCatalogues.class).getSymbolicName());
        VaultPolicy cheap = VaultPolicy.DEFAULT.withArgon2(new Argon2Settings(256, 1, 1));
        char[] passphrase = "上门办证 同步 OSGi".toCharArray();
        Path data = dir.resolve("vault");
        try (Vault vault = Vault.setUp(data, "FIELD-SYNC-OSGI", CryptoSuite.INTL, new Officer("J10024", "李警官"),
                passphrase, passphrase, cheap, Clock.systemUTC(), new SecureRandom())) {
            assertEquals(Optional.empty(), SyncIdentity.of(vault), "a new laptop is not enrolled");
            CatalogueHolder catalogues = HqCatalogues.holder(vault, Clock.systemUTC());
            assertEquals(1, catalogues.accepted().size(), "only the built-in catalogue before HQ sends one");
        }
        assertEquals(Optional.empty(), WipeConfirmation.read(data));
    }

    private static byte[] testdata(String name) throws IOException {
        try (InputStream in = CaptureEnginesInOsgiTest.class.getResourceAsStream("/testdata/" + name)) {
            assertNotNull(in, "testdata/" + name + " is missing from the test bundle");
            return in.readAllBytes();
        }
    }
}
