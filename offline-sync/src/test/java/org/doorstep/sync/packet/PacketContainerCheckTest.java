package org.doorstep.sync.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.doorstep.sync.packet.PacketException.Reason;

/**
 * Containers that are properly signed and encrypted but do not agree with their manifest: what a faulty or
 * hostile device could send. HQ must refuse each with the reason and a message that names the problem.
 */
class PacketContainerCheckTest {

    private static Map<String, byte[]> contents() {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        contents.put("case.json", "{\"caseId\":\"c-1\"}".getBytes(StandardCharsets.UTF_8));
        contents.put("photo/face.jpg", new byte[] {1, 2, 3, 4, 5});
        return contents;
    }

    private static PacketException refusedContainer(PacketSuite suite, byte[] manifestJson, byte[]... entries)
            throws IOException {
        TestPki pki = TestPki.of(suite);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        new PacketSealer(pki.device.keys().getPrivate(), pki.device.certificate(), pki.hq.certificate(), TestPki.RANDOM)
                .sealContent(signed -> {
                    DataOutputStream out = new DataOutputStream(signed);
                    out.write(PacketContainer.MAGIC);
                    out.writeByte(PacketContainer.VERSION);
                    out.writeInt(manifestJson.length);
                    out.write(manifestJson);
                    for (byte[] entry : entries) {
                        out.write(entry);
                    }
                    out.flush();
                }, packet);
        return assertThrows(PacketException.class, () -> PacketRoundTripTest.opener(pki.hq)
                .openInMemory(new ByteArrayInputStream(packet.toByteArray()), pki.device.certificate()));
    }

    private static void assertRefused(Reason reason, String words, PacketException e) {
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void refusesBytesAfterTheLastEntry(PacketSuite suite) throws Exception {
        Map<String, byte[]> c = contents();
        byte[] json = PacketRoundTripTest.manifestFor(suite, c).toJson();
        assertRefused(Reason.MALFORMED, "follows the last entry",
                refusedContainer(suite, json, c.get("case.json"), c.get("photo/face.jpg"), "extra".getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void refusesAMissingEntry(PacketSuite suite) throws Exception {
        Map<String, byte[]> c = contents();
        byte[] json = PacketRoundTripTest.manifestFor(suite, c).toJson();
        assertRefused(Reason.MALFORMED, "photo/face.jpg", refusedContainer(suite, json, c.get("case.json")));
    }

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void refusesAnEntryThatDoesNotMatchItsDigest(PacketSuite suite) throws Exception {
        Map<String, byte[]> c = contents();
        byte[] json = PacketRoundTripTest.manifestFor(suite, c).toJson();
        assertRefused(Reason.TAMPERED, "photo/face.jpg",
                refusedContainer(suite, json, c.get("case.json"), new byte[] {1, 2, 3, 4, 6}));
    }

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void refusesAManifestWithAnUnknownField(PacketSuite suite) throws Exception {
        Map<String, byte[]> c = contents();
        String json = new String(PacketRoundTripTest.manifestFor(suite, c).toJson(), StandardCharsets.UTF_8)
                .replace("\"suite\":", "\"priority\":\"urgent\",\"suite\":");
        assertRefused(Reason.MALFORMED, "priority",
                refusedContainer(suite, json.getBytes(StandardCharsets.UTF_8), c.get("case.json"), c.get("photo/face.jpg")));
    }

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void refusesAManifestWithADuplicateField(PacketSuite suite) throws Exception {
        Map<String, byte[]> c = contents();
        String json = new String(PacketRoundTripTest.manifestFor(suite, c).toJson(), StandardCharsets.UTF_8)
                .replace("\"suite\":", "\"caseId\":\"other\",\"suite\":");
        assertRefused(Reason.MALFORMED, "caseId",
                refusedContainer(suite, json.getBytes(StandardCharsets.UTF_8), c.get("case.json"), c.get("photo/face.jpg")));
    }

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void refusesAManifestNamingAnEntryTwice(PacketSuite suite) throws Exception {
        Map<String, byte[]> c = contents();
        String json = new String(PacketRoundTripTest.manifestFor(suite, c).toJson(), StandardCharsets.UTF_8)
                .replace("\"photo/face.jpg\"", "\"case.json\"");
        assertRefused(Reason.MALFORMED, "twice",
                refusedContainer(suite, json.getBytes(StandardCharsets.UTF_8), c.get("case.json"), c.get("photo/face.jpg")));
    }

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void refusesAnEntryNameThatCouldEscapeAFolder(PacketSuite suite) throws Exception {
        Map<String, byte[]> c = contents();
        String json = new String(PacketRoundTripTest.manifestFor(suite, c).toJson(), StandardCharsets.UTF_8)
                .replace("\"photo/face.jpg\"", "\"../face.jpg\"");
        assertRefused(Reason.MALFORMED, "../face.jpg",
                refusedContainer(suite, json.getBytes(StandardCharsets.UTF_8), c.get("case.json"), c.get("photo/face.jpg")));
    }

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void refusesAManifestThatIsNotJson(PacketSuite suite) throws Exception {
        assertRefused(Reason.MALFORMED, "manifest", refusedContainer(suite, "not json".getBytes(StandardCharsets.UTF_8)));
    }

    /** A manifest may not claim the other suite's algorithms: the packet's own suite is what counts. */
    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void refusesAManifestNamingTheOtherSuite(PacketSuite suite) throws Exception {
        Map<String, byte[]> c = contents();
        String other = TestPki.other(suite).id();
        String json = new String(PacketRoundTripTest.manifestFor(suite, c).toJson(), StandardCharsets.UTF_8)
                .replace("\"suite\":\"" + suite.id() + "\"", "\"suite\":\"" + other + "\"");
        assertRefused(Reason.MALFORMED, "the manifest names the " + other + " suite",
                refusedContainer(suite, json.getBytes(StandardCharsets.UTF_8), c.get("case.json"), c.get("photo/face.jpg")));
    }
}
