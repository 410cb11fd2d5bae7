package org.doorstep.fingerprint.drivers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.doorstep.fingerprint.CaptureOptions;
import org.doorstep.fingerprint.FingerCapture;
import org.doorstep.fingerprint.FingerPosition;
import org.doorstep.fingerprint.FingerTemplates;
import org.doorstep.fingerprint.FingerprintMessages;
import org.doorstep.fingerprint.QualityAssessor;
import org.doorstep.fingerprint.SameFingerCheck;
import org.doorstep.fingerprint.SourceKind;
import org.junit.jupiter.api.Test;

class SimulatorDriverTest {

    @Test
    void everyCaptureIsLabelledSimulated() throws Exception {
        try (SimulatorDriver simulator = new SimulatorDriver(11)) {
            assertEquals(SourceKind.SIMULATED, simulator.describe().kind());
            FingerCapture c = simulator.capture(FingerPosition.LEFT_INDEX, null);
            assertTrue(c.simulated());
            assertEquals(SourceKind.SIMULATED, c.source());
            assertEquals("模拟指纹：并非真实采集，仅供演示", FingerprintMessages.captureLabel(Locale.SIMPLIFIED_CHINESE, c));
            assertTrue(FingerprintMessages.captureLabel(Locale.ENGLISH, c).startsWith("SIMULATED"));
        }
    }

    @Test
    void theWordSimulatedIsWrittenIntoThePixels() throws Exception {
        try (SimulatorDriver simulator = new SimulatorDriver(11)) {
            FingerCapture c = simulator.capture(FingerPosition.LEFT_INDEX, null);
            // the top-left corner is glass (light) except for the dark letters of the mark
            int dark = 0;
            for (int y = 4; y < 18; y++) {
                for (int x = 4; x < 110; x++) {
                    dark += c.image().pixel(x, y) < 60 ? 1 : 0;
                }
            }
            assertTrue(dark > 300, dark + " dark pixels in the corner");
        }
    }

    @Test
    void theSameSeedIsTheSamePersonAndTheFingersDiffer() throws Exception {
        FingerTemplates templates = new FingerTemplates();
        List<FingerCapture> person = new ArrayList<>();
        try (SimulatorDriver a = new SimulatorDriver(5, 0); SimulatorDriver b = new SimulatorDriver(5, 0)) {
            FingerCapture first = a.capture(FingerPosition.RIGHT_INDEX, null);
            assertArrayEquals(first.image().pixels(), b.capture(FingerPosition.RIGHT_INDEX, null).image().pixels());
            FingerCapture retry = a.capture(FingerPosition.RIGHT_INDEX, null);
            assertFalse(java.util.Arrays.equals(first.image().pixels(), retry.image().pixels()), "each capture differs");
            assertTrue(templates.similarity(first, retry) >= SameFingerCheck.DEFAULT_THRESHOLD,
                    "a retry is the same finger: " + templates.similarity(first, retry));
            for (FingerPosition p : FingerPosition.values()) {
                person.add(a.capture(p, null));
            }
        }
        assertEquals(List.of(), new SameFingerCheck(templates, SameFingerCheck.DEFAULT_THRESHOLD).check(person),
                "ten different fingers");
    }

    @Test
    void firmCapturesPassAndPoorOnesFail() throws Exception {
        QualityAssessor assessor = new QualityAssessor(new FingerTemplates());
        try (SimulatorDriver firm = new SimulatorDriver(8, 0); SimulatorDriver poor = new SimulatorDriver(8, 1)) {
            for (FingerPosition p : List.of(FingerPosition.RIGHT_INDEX, FingerPosition.LEFT_INDEX, FingerPosition.RIGHT_THUMB)) {
                int good = assessor.assess(firm.capture(p, null)).score();
                assertTrue(good >= 80, p + " firm capture scored " + good);
                int bad = assessor.assess(poor.capture(p, null)).score();
                assertTrue(bad < good, p + " poor capture scored " + bad);
            }
        }
        // about a quarter of default captures are poor, so a demonstration shows the retry advice
        try (SimulatorDriver usual = new SimulatorDriver(9)) {
            int failed = 0;
            for (int i = 0; i < 12; i++) {
                failed += assessor.assess(usual.capture(FingerPosition.values()[i % 10], null)).score() < CaptureOptions.DEFAULT_QUALITY ? 1 : 0;
            }
            assertTrue(failed >= 1 && failed <= 8, failed + " of 12 failed");
        }
    }
}
