package org.doorstep.photo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * The camera path that can be tested on a build machine: no camera. With a camera attached the test is skipped
 * (taking a picture of whoever sits at the machine is not a unit test).
 */
class CameraSourceTest {

    @Test
    void missingCameraGivesAClearReason() {
        assumeFalse(Files.exists(Path.of("/dev/video0")) || Files.exists(Path.of("/dev/video42")),
                "a camera is attached");
        PhotoInputException e = assertThrows(PhotoInputException.class, () -> new CameraSource(42, 1280, 720).acquire());
        assertEquals("camera.none", e.reason().key());
        assertEquals("No camera found (device 42). Connect a camera, or import the photo from a file.",
                e.reason(Locale.ENGLISH));
        assertEquals("未找到相机(设备 42)。请连接相机,或从文件导入照片。", e.reason(Locale.SIMPLIFIED_CHINESE));
    }

    @Test
    void firstCameraIsAlsoReportedMissingWhenThereIsNone() {
        assumeFalse(Files.exists(Path.of("/dev/video0")), "a camera is attached");
        PhotoInputException e = assertThrows(PhotoInputException.class, () -> CameraSource.firstCamera().acquire());
        assertEquals("camera.none", e.reason().key());
    }

    @Test
    void aLivePreviewOfACameraThatIsNotThereSaysNoCameraFoundAndLeavesNothingRunning() {
        assumeFalse(Files.exists(Path.of("/dev/video42")), "a camera is attached");
        PhotoInputException e = assertThrows(PhotoInputException.class,
                () -> CameraPreview.open(42, 1280, 720, frame -> { }));
        assertEquals("camera.none", e.reason().key());
        assertEquals("No camera found (device 42). Connect a camera, or import the photo from a file.",
                e.reason(Locale.ENGLISH));
        assertEquals(0, Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("doorstep-camera-preview")).count(), "no preview thread left behind");
    }
}
