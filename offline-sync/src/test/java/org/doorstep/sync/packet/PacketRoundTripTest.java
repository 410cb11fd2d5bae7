package org.doorstep.sync.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.bouncycastle.crypto.Digest;
import org.junit.jupiter.api.Test;

import org.doorstep.sync.packet.PacketException.Reason;

class PacketRoundTripTest {

    static final TestPki PKI = new TestPki();
    static final TestPki.Party DEVICE = PKI.device("laptop-0042");
    static final TestPki.Party HQ = PKI.hq();

    static byte[] digest(PacketSuite suite, byte[] content) {
        Digest digest = suite.newDigest();
        digest.update(content, 0, content.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    static Map<String, byte[]> sampleContents() {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        contents.put("case.json", "{\"surname\":\"张\",\"given\":\"伟\"}".getBytes(StandardCharsets.UTF_8));
        byte[] photo = new byte[300_000];
        TestPki.RANDOM.nextBytes(photo);
        contents.put("photo/face.jpg", photo);
        contents.put("empty.bin", new byte[0]);
        return contents;
    }

    static PacketManifest manifestFor(Map<String, byte[]> contents) {
        List<PacketEntry> entries = new ArrayList<>();
        contents.forEach((name, bytes) -> entries.add(new PacketEntry(name,
                name.endsWith(".jpg") ? "image/jpeg" : name.endsWith(".json") ? "application/json" : "application/octet-stream",
                bytes.length, digest(PacketSuite.INTL, bytes))));
        return new PacketManifest(UUID.randomUUID(), "laptop-0042", "case-2026-000123",
                Instant.now().truncatedTo(ChronoUnit.MILLIS), PacketSuite.INTL, entries);
    }

    static byte[] seal(TestPki.Party device, TestPki.Party hq, PacketManifest manifest, Map<String, byte[]> contents)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PacketSealer(device.keys().getPrivate(), device.certificate(), hq.certificate(), TestPki.RANDOM)
                .seal(manifest, entry -> new ByteArrayInputStream(contents.get(entry.name())), out);
        return out.toByteArray();
    }

    static PacketOpener opener(TestPki.Party hq) {
        return new PacketOpener(hq.keys().getPrivate(), hq.certificate(), PacketLimits.DEFAULT);
    }

    static PacketException refused(byte[] packet, TestPki.Party hq, TestPki.Party device) {
        return assertThrows(PacketException.class,
                () -> opener(hq).openInMemory(new ByteArrayInputStream(packet), device.certificate()));
    }

    @Test
    void opensWhatTheDeviceSealed() throws Exception {
        Map<String, byte[]> contents = sampleContents();
        PacketManifest manifest = manifestFor(contents);
        byte[] packet = seal(DEVICE, HQ, manifest, contents);

        PacketOpener.OpenedPacket opened = opener(HQ).openInMemory(new ByteArrayInputStream(packet), DEVICE.certificate());

        assertEquals(manifest, opened.manifest());
        assertEquals(contents.keySet(), opened.contents().keySet());
        contents.forEach((name, bytes) -> assertArrayEquals(bytes, opened.contents().get(name), name));
    }

    @Test
    void refusesPacketWithAChangedCiphertextByte() throws Exception {
        Map<String, byte[]> contents = sampleContents();
        byte[] packet = seal(DEVICE, HQ, manifestFor(contents), contents);
        packet[packet.length / 2] ^= 0x01;

        assertEquals(Reason.TAMPERED, refused(packet, HQ, DEVICE).reason());
    }

    @Test
    void refusesPacketWithAChangedGcmTag() throws Exception {
        Map<String, byte[]> contents = sampleContents();
        byte[] packet = seal(DEVICE, HQ, manifestFor(contents), contents);
        packet[indexOfLastTag(packet) + 7] ^= 0x01;

        assertEquals(Reason.TAMPERED, refused(packet, HQ, DEVICE).reason());
    }

    /** Where the mac's 16 bytes start: the last OCTET STRING of 16 bytes (there are no unauthenticated attributes). */
    private static int indexOfLastTag(byte[] packet) {
        for (int i = packet.length - 18; i >= 0; i--) {
            if (packet[i] == 0x04 && packet[i + 1] == 0x10) {
                return i + 2;
            }
        }
        return fail("no 16-byte OCTET STRING in the packet");
    }

    /**
     * Every byte from the encrypted content on (content type, GCM parameters, ciphertext, tag) is authenticated, so
     * any change there is refused. The recipient info before it is not covered by GCM (RFC 5083 authenticates only
     * the content and its attributes), nor is BER framing: a change there must be refused or, if it touches a
     * field that does not matter (a version number, an end-of-contents), open to exactly the same case; it never
     * opens to anything else.
     */
    @Test
    void noChangedByteOpensToADifferentCase() throws Exception {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        contents.put("a.txt", "small".getBytes(StandardCharsets.UTF_8));
        PacketManifest manifest = manifestFor(contents);
        byte[] packet = seal(DEVICE, HQ, manifest, contents);
        // content type, GCM parameters and ciphertext (one BER chunk here), then two end-of-contents, then the tag
        int encryptedContent = indexOf(packet, new byte[] {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
                (byte) 0xf7, 0x0d, 0x01, 0x07, 0x01});
        int tag = indexOfLastTag(packet);
        int endOfCiphertext = tag - 4;
        Set<Reason> seen = new TreeSet<>();
        for (int i = 0; i < packet.length; i++) {
            byte[] changed = packet.clone();
            changed[i] ^= 0x5a;
            try {
                PacketOpener.OpenedPacket opened = opener(HQ).openInMemory(new ByteArrayInputStream(changed),
                        DEVICE.certificate());
                boolean authenticated = i >= encryptedContent && i < endOfCiphertext || i >= tag && i < tag + 16;
                assertTrue(!authenticated, "a packet with authenticated byte " + i + " changed was opened");
                assertEquals(manifest, opened.manifest());
                assertArrayEquals(contents.get("a.txt"), opened.contents().get("a.txt"));
            } catch (PacketException e) {
                seen.add(e.reason());
            }
        }
        assertTrue(seen.containsAll(Set.of(Reason.TAMPERED, Reason.MALFORMED)), "reasons seen: " + seen);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return fail("not found");
    }

    @Test
    void refusesTruncatedPacket() throws Exception {
        Map<String, byte[]> contents = sampleContents();
        byte[] packet = seal(DEVICE, HQ, manifestFor(contents), contents);
        for (int length : new int[] {0, 10, 200, packet.length / 2, packet.length - 1}) {
            PacketException e = refused(Arrays.copyOf(packet, length), HQ, DEVICE);
            assertTrue(Set.of(Reason.MALFORMED, Reason.TAMPERED).contains(e.reason()), length + ": " + e.getMessage());
        }
    }

    @Test
    void refusesPacketForAnotherHqCertificate() throws Exception {
        Map<String, byte[]> contents = sampleContents();
        byte[] packet = seal(DEVICE, HQ, manifestFor(contents), contents);

        assertEquals(Reason.UNDECRYPTABLE, refused(packet, PKI.hq(), DEVICE).reason());
    }

    @Test
    void refusesWhenHqKeyDoesNotMatchTheCertificate() throws Exception {
        Map<String, byte[]> contents = sampleContents();
        byte[] packet = seal(DEVICE, HQ, manifestFor(contents), contents);
        TestPki.Party wrongKey = new TestPki.Party(TestPki.newKeyPair(), HQ.certificate());

        assertEquals(Reason.UNDECRYPTABLE, refused(packet, wrongKey, DEVICE).reason());
    }

    @Test
    void refusesPacketSignedByAnotherDevice() throws Exception {
        Map<String, byte[]> contents = sampleContents();
        byte[] packet = seal(PKI.device("laptop-0099"), HQ, manifestFor(contents), contents);

        assertEquals(Reason.UNKNOWN_SIGNER, refused(packet, HQ, DEVICE).reason());
    }

    @Test
    void refusesSignatureMadeWithAnotherKeyUnderTheDeviceCertificate() throws Exception {
        Map<String, byte[]> contents = sampleContents();
        TestPki.Party impostor = new TestPki.Party(TestPki.newKeyPair(), DEVICE.certificate());
        byte[] packet = seal(impostor, HQ, manifestFor(contents), contents);

        assertEquals(Reason.BAD_SIGNATURE, refused(packet, HQ, DEVICE).reason());
    }

    @Test
    void sealerRefusesContentThatDoesNotMatchTheManifest() {
        Map<String, byte[]> contents = sampleContents();
        PacketManifest manifest = manifestFor(contents);
        contents.put("case.json", "{\"surname\":\"李\"}".getBytes(StandardCharsets.UTF_8));

        assertThrows(IllegalArgumentException.class, () -> seal(DEVICE, HQ, manifest, contents));
    }

    @Test
    void onlyTheIntlSuiteCanBeNamedSoNoGmPacketCanBeSealed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PacketSuite.byId("gm"));
        assertTrue(e.getMessage().contains("'gm' envelope is not available"), e.getMessage());
        assertEquals(List.of(PacketSuite.INTL), List.of(PacketSuite.values()));
    }

    @Test
    void refusesManifestBeyondTheLimits() throws Exception {
        Map<String, byte[]> contents = sampleContents();
        byte[] packet = seal(DEVICE, HQ, manifestFor(contents), contents);
        PacketOpener strict = new PacketOpener(HQ.keys().getPrivate(), HQ.certificate(),
                new PacketLimits(1 << 20, 10, 100_000, 1 << 20));

        PacketException e = assertThrows(PacketException.class,
                () -> strict.openInMemory(new ByteArrayInputStream(packet), DEVICE.certificate()));
        assertEquals(Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("photo/face.jpg"), e.getMessage());
    }

    @Test
    void entryNamesMustBePlainRelativeNames() {
        for (String name : new String[] {"../etc/passwd", "/abs", "a//b", "", "a\\b", "x/../y"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> new PacketEntry(name, "text/plain", 0, new byte[32]), name);
        }
    }
}
