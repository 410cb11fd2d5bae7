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

import org.junit.jupiter.api.Test;

import org.doorstep.sync.packet.PacketException.Reason;

/**
 * Containers that are properly signed and encrypted but do not agree with their manifest: what a faulty or
 * hostile device could send. HQ must refuse each with the reason and a message that names the problem.
 */
class PacketContainerCheckTest {

    private static final TestPki.Party DEVICE = PacketRoundTripTest.DEVICE;
    private static final TestPki.Party HQ = PacketRoundTripTest.HQ;

    private static Map<String, byte[]> contents() {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        contents.put("case.json", "{\"caseId\":\"c-1\"}".getBytes(StandardCharsets.UTF_8));
        contents.put("photo/face.jpg", new byte[] {1, 2, 3, 4, 5});
        return contents;
    }

    private static PacketException refusedContainer(byte[] manifestJson, byte[]... entries) throws IOException {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        new PacketSealer(DEVICE.keys().getPrivate(), DEVICE.certificate(), HQ.certificate(), TestPki.RANDOM)
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
        return assertThrows(PacketException.class, () -> PacketRoundTripTest.opener(HQ)
                .openInMemory(new ByteArrayInputStream(packet.toByteArray()), DEVICE.certificate()));
    }

    private static void assertRefused(Reason reason, String words, PacketException e) {
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }

    @Test
    void refusesBytesAfterTheLastEntry() throws Exception {
        Map<String, byte[]> c = contents();
        byte[] json = PacketRoundTripTest.manifestFor(c).toJson();
        assertRefused(Reason.MALFORMED, "follows the last entry",
                refusedContainer(json, c.get("case.json"), c.get("photo/face.jpg"), "extra".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesAMissingEntry() throws Exception {
        Map<String, byte[]> c = contents();
        byte[] json = PacketRoundTripTest.manifestFor(c).toJson();
        assertRefused(Reason.MALFORMED, "photo/face.jpg", refusedContainer(json, c.get("case.json")));
    }

    @Test
    void refusesAnEntryThatDoesNotMatchItsDigest() throws Exception {
        Map<String, byte[]> c = contents();
        byte[] json = PacketRoundTripTest.manifestFor(c).toJson();
        assertRefused(Reason.TAMPERED, "photo/face.jpg",
                refusedContainer(json, c.get("case.json"), new byte[] {1, 2, 3, 4, 6}));
    }

    @Test
    void refusesAManifestWithAnUnknownField() throws Exception {
        Map<String, byte[]> c = contents();
        String json = new String(PacketRoundTripTest.manifestFor(c).toJson(), StandardCharsets.UTF_8)
                .replace("\"suite\":", "\"priority\":\"urgent\",\"suite\":");
        assertRefused(Reason.MALFORMED, "priority",
                refusedContainer(json.getBytes(StandardCharsets.UTF_8), c.get("case.json"), c.get("photo/face.jpg")));
    }

    @Test
    void refusesAManifestWithADuplicateField() throws Exception {
        Map<String, byte[]> c = contents();
        String json = new String(PacketRoundTripTest.manifestFor(c).toJson(), StandardCharsets.UTF_8)
                .replace("\"suite\":", "\"caseId\":\"other\",\"suite\":");
        assertRefused(Reason.MALFORMED, "caseId",
                refusedContainer(json.getBytes(StandardCharsets.UTF_8), c.get("case.json"), c.get("photo/face.jpg")));
    }

    @Test
    void refusesAManifestNamingAnEntryTwice() throws Exception {
        Map<String, byte[]> c = contents();
        String json = new String(PacketRoundTripTest.manifestFor(c).toJson(), StandardCharsets.UTF_8)
                .replace("\"photo/face.jpg\"", "\"case.json\"");
        assertRefused(Reason.MALFORMED, "twice",
                refusedContainer(json.getBytes(StandardCharsets.UTF_8), c.get("case.json"), c.get("photo/face.jpg")));
    }

    @Test
    void refusesAnEntryNameThatCouldEscapeAFolder() throws Exception {
        Map<String, byte[]> c = contents();
        String json = new String(PacketRoundTripTest.manifestFor(c).toJson(), StandardCharsets.UTF_8)
                .replace("\"photo/face.jpg\"", "\"../face.jpg\"");
        assertRefused(Reason.MALFORMED, "../face.jpg",
                refusedContainer(json.getBytes(StandardCharsets.UTF_8), c.get("case.json"), c.get("photo/face.jpg")));
    }

    @Test
    void refusesAManifestThatIsNotJson() throws Exception {
        assertRefused(Reason.MALFORMED, "manifest", refusedContainer("not json".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesAManifestNamingTheGmSuiteInAnIntlPacket() throws Exception {
        Map<String, byte[]> c = contents();
        String json = new String(PacketRoundTripTest.manifestFor(c).toJson(), StandardCharsets.UTF_8)
                .replace("\"suite\":\"intl\"", "\"suite\":\"gm\"");
        assertRefused(Reason.MALFORMED, "gm",
                refusedContainer(json.getBytes(StandardCharsets.UTF_8), c.get("case.json"), c.get("photo/face.jpg")));
    }
}
