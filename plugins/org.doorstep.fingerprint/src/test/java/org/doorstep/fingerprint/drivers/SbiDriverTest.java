package org.doorstep.fingerprint.drivers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.doorstep.fingerprint.CaptureOptions;
import org.doorstep.fingerprint.FingerCapture;
import org.doorstep.fingerprint.FingerCaptureSession;
import org.doorstep.fingerprint.FingerPlan;
import org.doorstep.fingerprint.FingerPosition;
import org.doorstep.fingerprint.FingerprintDeviceException;
import org.doorstep.fingerprint.SourceKind;
import org.doorstep.fingerprint.TestImages;
import org.doorstep.fingerprint.drivers.SbiTestDevice.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SbiDriverTest {

    private static final Duration CAPTURE = Duration.ofSeconds(1);

    private SbiTestDevice device;

    @BeforeEach
    void startDevice() throws Exception {
        device = SbiTestDevice.start();
    }

    @AfterEach
    void stopDevice() {
        device.close();
    }

    @Test
    void discoversTheDeviceAmongAllSbiPorts() throws Exception {
        List<SbiDevice> found = SbiDriver.discover(SbiOptions.DEFAULT);
        SbiDevice d = found.stream().filter(x -> x.port() == device.port()).findFirst().orElseThrow();
        assertEquals("4", d.deviceId());
        assertTrue(d.ready() && d.registration());
        assertEquals(List.of("0.9.5"), d.specVersions());
        assertEquals("Single", d.deviceSubType());
        assertTrue(device.requests().contains("MOSIPDISC /device"));
    }

    @Test
    void connectsAndDescribesTheScannerFromItsDeviceInfo() throws Exception {
        try (SbiDriver driver = SbiDriver.connect(device.options())) {
            assertEquals(SbiTestDevice.MODEL, driver.device().model());
            assertEquals(SbiTestDevice.SERIAL, driver.device().serialNo());
            assertEquals("1.2.3", driver.device().firmware());
            assertEquals(SourceKind.REAL, driver.describe().kind());
            assertTrue(driver.describe().name().contains(SbiTestDevice.MODEL));
        }
        assertEquals(List.of("MOSIPDISC /device", "MOSIPDINFO /info"), device.requests());
    }

    @Test
    void capturesTheAskedFingerAsARealImage() throws Exception {
        try (SbiDriver driver = SbiDriver.connect(device.options())) {
            FingerCapture c = driver.capture(FingerPosition.RIGHT_INDEX, CAPTURE);
            assertEquals(FingerPosition.RIGHT_INDEX, c.position());
            assertEquals(SourceKind.REAL, c.source());
            assertFalse(c.simulated());
            assertArrayEquals(TestImages.image("probe.png").pixels(), c.image().pixels());
            assertEquals(500, c.image().ppi());
            assertTrue(c.device().contains(SbiTestDevice.SERIAL), c.device());
        }
    }

    @Test
    void followsTheHashChainOverSeveralCaptures() throws Exception {
        try (SbiDriver driver = SbiDriver.connect(device.options())) {
            driver.capture(FingerPosition.RIGHT_INDEX, CAPTURE);
            driver.capture(FingerPosition.LEFT_INDEX, CAPTURE);
            FingerCapture third = driver.capture(FingerPosition.RIGHT_THUMB, CAPTURE);
            assertArrayEquals(TestImages.image("matching.png").pixels(), third.image().pixels());
        }
    }

    @Test
    void reportsNoDeviceWhenNothingListens() throws Exception {
        int port = device.port();
        device.close();
        SbiOptions options = device.options();
        FingerprintDeviceException e = assertThrows(FingerprintDeviceException.class, () -> SbiDriver.connect(options));
        assertEquals("device.notFound", e.key());
        assertTrue(e.getMessage().contains(port + "–" + port), e.getMessage());
        assertTrue(e.message(Locale.SIMPLIFIED_CHINESE).contains("没有找到指纹采集仪"), e.message(Locale.SIMPLIFIED_CHINESE));
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = { "GARBAGE", "WRONG_FIELDS", "HTTP_500", "HANG", "HUGE" })
    void discoveryNamesAPortThatAnswersBadly(Mode mode) {
        device.discovery(mode);
        FingerprintDeviceException e = assertThrows(FingerprintDeviceException.class,
                () -> SbiDriver.connect(device.options()));
        assertEquals("device.notFound", e.key());
        assertTrue(e.getMessage().contains("Port " + device.port() + " answered"), e.getMessage());
        String chinese = e.message(Locale.SIMPLIFIED_CHINESE);
        assertTrue(chinese.contains("端口 " + device.port() + " 有应答") && !chinese.contains("Port"), chinese);
    }

    @Test
    void refusesABusyDevice() {
        device.discovery(Mode.NOT_READY);
        FingerprintDeviceException e = assertThrows(FingerprintDeviceException.class,
                () -> SbiDriver.connect(device.options()));
        assertEquals("device.notReady", e.key());
        assertTrue(e.getMessage().contains("Busy"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = { "GARBAGE", "WRONG_FIELDS", "HTTP_500", "HANG" })
    void aDeviceInfoGoneWrongIsAClearError(Mode mode) {
        device.info(mode);
        FingerprintDeviceException e = assertThrows(FingerprintDeviceException.class,
                () -> SbiDriver.connect(device.options()));
        assertEquals(expectedKey(mode), e.key(), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = { "NORMAL", "NOT_READY" }, mode = EnumSource.Mode.EXCLUDE)
    void aCaptureGoneWrongIsAClearErrorAndChangesNothingKept(Mode mode) throws Exception {
        try (SbiDriver driver = SbiDriver.connect(device.options())) {
            FingerCaptureSession session = new FingerCaptureSession(FingerPlan.idCard(),
                    CaptureOptions.DEFAULT.withCaptureTimeout(CAPTURE));
            session.capture(driver, FingerPosition.RIGHT_INDEX);
            var keptBefore = session.keptCaptures();
            device.capture(mode);
            long start = System.nanoTime();
            FingerprintDeviceException e = assertThrows(FingerprintDeviceException.class,
                    () -> session.capture(driver, FingerPosition.LEFT_INDEX));
            assertEquals(expectedKey(mode), e.key(), e.getMessage());
            assertTrue(e.getMessage().contains(String.valueOf(device.port())) || mode == Mode.WRONG_FINGER, e.getMessage());
            assertEquals(keptBefore, session.keptCaptures());
            assertEquals(FingerPosition.LEFT_INDEX, session.nextFinger().orElseThrow());
            // a hanging device costs the capture timeout plus the margin, not more
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());

            // the device recovers: the chain was not advanced by the failure, so the next capture verifies
            device.capture(Mode.NORMAL);
            assertTrue(session.capture(driver, FingerPosition.LEFT_INDEX).kept());
        }
    }

    private static String expectedKey(Mode mode) {
        return switch (mode) {
            case GARBAGE -> "device.garbage";
            case WRONG_FIELDS -> "device.fields";
            case HTTP_500 -> "device.http";
            case HANG -> "device.timeout";
            case HUGE -> "device.tooLarge";
            case DEVICE_ERROR -> "device.error";
            case BAD_IMAGE -> "device.bioValue";
            case TAMPERED_HASH -> "device.hash";
            case WRONG_FINGER -> "device.wrongFinger";
            default -> throw new IllegalArgumentException(mode.name());
        };
    }

    @Test
    void theLivePreviewHandsOverJpegFramesUntilItIsClosed() throws Exception {
        try (SbiDriver driver = SbiDriver.connect(device.options())) {
            java.util.List<byte[]> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
            SbiStream stream = driver.stream(FingerPosition.RIGHT_INDEX, frames::add);
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            while (frames.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            stream.close();
            assertTrue(frames.size() >= 3, frames.size() + " frames");
            for (byte[] f : frames) {
                assertEquals(0xFF, f[0] & 0xFF, "a JPEG starts with FF D8");
                assertEquals(0xD8, f[1] & 0xFF);
            }
            assertEquals(frames.size(), stream.frames());
            assertFalse(stream.live(), "closed");
            assertTrue(device.requests().contains("STREAM /stream"), device.requests().toString());
            // capturing works beside the preview
            assertEquals(FingerPosition.RIGHT_INDEX, driver.capture(FingerPosition.RIGHT_INDEX,
                    java.time.Duration.ofSeconds(5)).position());
        }
    }

    @Test
    void aScannerWithoutALivePreviewIsRefusedInPlainWords() throws Exception {
        try (SbiDriver driver = SbiDriver.connect(device.options())) {
            device.stream(SbiTestDevice.Mode.HTTP_500);
            FingerprintDeviceException e = assertThrows(FingerprintDeviceException.class,
                    () -> driver.stream(FingerPosition.RIGHT_INDEX, f -> { }));
            assertEquals("device.noStream", e.key());
            assertTrue(e.message(java.util.Locale.ENGLISH).contains("gives no live preview (HTTP 500)"),
                    e.message(java.util.Locale.ENGLISH));
            device.stream(SbiTestDevice.Mode.GARBAGE);
            e = assertThrows(FingerprintDeviceException.class, () -> driver.stream(FingerPosition.RIGHT_INDEX, f -> { }));
            assertTrue(e.message(java.util.Locale.ENGLISH).contains("text/html"), e.message(java.util.Locale.ENGLISH));
        }
    }
}
