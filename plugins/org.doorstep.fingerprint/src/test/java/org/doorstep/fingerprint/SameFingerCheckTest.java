package org.doorstep.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;

class SameFingerCheckTest {

    private final FingerTemplates templates = new FingerTemplates();
    private final SameFingerCheck check = new SameFingerCheck(templates, SameFingerCheck.DEFAULT_THRESHOLD);

    @Test
    void flagsProbeAndMatchingRecordedAsDifferentFingers() throws Exception {
        FingerCapture probe = TestImages.capture("probe.png", FingerPosition.RIGHT_INDEX);
        FingerCapture matching = TestImages.capture("matching.png", FingerPosition.LEFT_INDEX);
        List<SameFingerPair> pairs = check.check(List.of(probe, matching));
        assertEquals(1, pairs.size());
        assertTrue(pairs.get(0).score() > 200, "SourceAFIS scored them " + pairs.get(0).score());
    }

    @Test
    void doesNotFlagProbeAndNonmatching() throws Exception {
        FingerCapture probe = TestImages.capture("probe.png", FingerPosition.RIGHT_INDEX);
        FingerCapture other = TestImages.capture("nonmatching.png", FingerPosition.LEFT_INDEX);
        assertEquals(List.of(), check.check(List.of(probe, other)));
        assertTrue(templates.similarity(probe, other) < 10);
    }

    @Test
    void findsTheOnePairAmongACaseOfCaptures() throws Exception {
        FingerCapture probe = TestImages.capture("probe.png", FingerPosition.RIGHT_INDEX);
        FingerCapture thumb = TestImages.capture("matching.png", FingerPosition.RIGHT_THUMB);
        List<FingerCapture> capture = List.of(probe, TestImages.capture("nonmatching.png", FingerPosition.LEFT_INDEX),
                thumb, TestImages.capture("wsq-original.wsq", FingerPosition.LEFT_THUMB));
        List<SameFingerPair> pairs = check.check(capture);
        assertEquals(1, pairs.size(), pairs.toString());
        assertEquals(probe, pairs.get(0).first());
        assertEquals(thumb, pairs.get(0).second());
    }

    @Test
    void retriesOfOneFingerAreNotCompared() throws Exception {
        FingerCapture first = TestImages.capture("probe.png", FingerPosition.RIGHT_INDEX);
        FingerCapture retry = TestImages.capture("matching.png", FingerPosition.RIGHT_INDEX);
        assertEquals(List.of(), check.check(List.of(first, retry)));
    }

    @Test
    void templatesSurviveSerialisationWithTheJacksonOnTheClassPath() throws Exception {
        // BUILD.md's trap: a Jackson mix made SourceAFIS unable to read its own templates back
        String databind = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString();
        assertEquals(databind, com.fasterxml.jackson.dataformat.cbor.PackageVersion.VERSION.toString());
        assertEquals(databind, com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString());
        FingerCapture probe = TestImages.capture("probe.png", FingerPosition.RIGHT_INDEX);
        FingerCapture matching = TestImages.capture("matching.png", FingerPosition.LEFT_INDEX);
        FingerprintTemplate restored = new FingerprintTemplate(templates.of(probe).toByteArray());
        double direct = new FingerprintMatcher(templates.of(probe)).match(templates.of(matching));
        double viaBytes = new FingerprintMatcher(restored).match(templates.of(matching));
        assertEquals(direct, viaBytes, 1e-9);
    }
}
