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

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.crypto.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.doorstep.sync.packet.PacketException.Reason;

/** Sealing and opening in both suites, and every way a packet can be refused as a whole. */
class PacketRoundTripTest {

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

    static PacketManifest manifestFor(PacketSuite suite, Map<String, byte[]> contents) {
        List<PacketEntry> entries = new ArrayList<>();
        contents.forEach((name, bytes) -> entries.add(new PacketEntry(name,
                name.endsWith(".jpg") ? "image/jpeg" : name.endsWith(".json") ? "application/json" : "application/octet-stream",
                bytes.length, digest(suite, bytes))));
        return new PacketManifest(UUID.randomUUID(), "laptop-0042", "case-2026-000123",
                Instant.now().truncatedTo(ChronoUnit.MILLIS), suite, entries);
    }

    static byte[] seal(TestPki.Party device, TestPki.Party hq, PacketManifest manifest, Map<String, byte[]> contents)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PacketSealer(device.keys().getPrivate(), device.certificate(), hq.certificate(), TestPki.RANDOM)
                .seal(manifest, entry -> new ByteArrayInputStream(contents.get(entry.name())), out);
        return out.toByteArray();
    }

    /** The sample case sealed by the suite's device "laptop-0042" to its HQ. */
    static byte[] sealSample(PacketSuite suite, Map<String, byte[]> contents) throws IOException {
        TestPki pki = TestPki.of(suite);
        return seal(pki.device, pki.hq, manifestFor(suite, contents), contents);
    }

    static PacketOpener opener(TestPki.Party hq) {
        return new PacketOpener(hq.keys().getPrivate(), hq.certificate(), PacketLimits.DEFAULT);
    }

    static PacketException refused(byte[] packet, TestPki.Party hq, TestPki.Party device) {
        return assertThrows(PacketException.class,
                () -> opener(hq).openInMemory(new ByteArrayInputStream(packet), device.certificate()));
    }

    /** Refused by the suite's own HQ, checked against its own device. */
    static PacketException refused(PacketSuite suite, byte[] packet) {
        return refused(packet, TestPki.of(suite).hq, TestPki.of(suite).device);
    }

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void opensWhatTheDeviceSealed(PacketSuite suite) throws Exception {
        TestPki pki = TestPki.of(suite);
        Map<String, byte[]> contents = sampleContents();
        PacketManifest manifest = manifestFor(suite, contents);
        byte[] packet = seal(pki.device, pki.hq, manifest, contents);

        PacketOpener.OpenedPacket opened = opener(pki.hq).openInMemory(new ByteArrayInputStream(packet),
                pki.device.certificate());

        assertEquals(manifest, opened.manifest());
        assertEquals(suite, opened.manifest().suite());
        assertEquals(contents.keySet(), opened.contents().keySet());
        contents.forEach((name, bytes) -> assertArrayEquals(bytes, opened.contents().get(name), name));
    }

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void sealerAndOpenerTakeTheSuiteOfTheirCertificates(PacketSuite suite) {
        TestPki pki = TestPki.of(suite);
        assertEquals(suite, new PacketSealer(pki.device.keys().getPrivate(), pki.device.certificate(),
                pki.hq.certificate(), TestPki.RANDOM).suite());
        assertEquals(suite, opener(pki.hq).suite());
        assertEquals(suite, new PacketSealer(suite, pki.device.keys().getPrivate(), pki.device.certificate(),
                pki.hq.certificate(), TestPki.RANDOM).suite());
        assertEquals(suite, new PacketOpener(suite, pki.hq.keys().getPrivate(), pki.hq.certificate(),
                PacketLimits.DEFAULT).suite());
    }

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void refusesPacketWithAChangedCiphertextByte(PacketSuite suite) throws Exception {
        byte[] packet = sealSample(suite, sampleContents());
        packet[packet.length / 2] ^= 0x01;

        assertEquals(Reason.TAMPERED, refused(suite, packet).reason());
    }

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void refusesPacketWithAChangedGcmTag(PacketSuite suite) throws Exception {
        byte[] packet = sealSample(suite, sampleContents());
        packet[indexOfMac(packet) + 7] ^= 0x01;

        assertEquals(Reason.TAMPERED, refused(suite, packet).reason());
    }

    /**
     * Where the mac's 16 bytes start: the OCTET STRING holding exactly the mac the packet's structure names.
     * (Searching backwards for any 16-byte OCTET STRING header found one inside the random tag in 1 of 20,000
     * packets measured, and the end-of-contents after it were then taken for tag bytes.)
     */
    static int indexOfMac(byte[] packet) throws IOException {
        byte[] mac = AuthEnvelopedData.getInstance(ContentInfo.getInstance(ASN1Primitive.fromByteArray(packet))
                .getContent()).getMac().getOctets();
        byte[] encoded = new byte[mac.length + 2];
        encoded[0] = 0x04;
        encoded[1] = (byte) mac.length;
        System.arraycopy(mac, 0, encoded, 2, mac.length);
        return indexOf(packet, encoded) + 2;
    }

    /**
     * Every byte from the encrypted content on (content type, GCM parameters, ciphertext, tag) is authenticated, so
     * any change there is refused. The recipient info before it is not covered by GCM (RFC 5083 authenticates only
     * the content and its attributes), nor is BER framing: a change there must be refused or, if it touches a
     * field that does not matter (a version number, an end-of-contents), open to exactly the same case; it never
     * opens to anything else.
     */
    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void noChangedByteOpensToADifferentCase(PacketSuite suite) throws Exception {
        TestPki pki = TestPki.of(suite);
        Map<String, byte[]> contents = new LinkedHashMap<>();
        contents.put("a.txt", "small".getBytes(StandardCharsets.UTF_8));
        PacketManifest manifest = manifestFor(suite, contents);
        byte[] packet = seal(pki.device, pki.hq, manifest, contents);
        // content type, GCM parameters and ciphertext (one BER chunk here), then two end-of-contents, then the tag
        int encryptedContent = indexOf(packet, new byte[] {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
                (byte) 0xf7, 0x0d, 0x01, 0x07, 0x01});
        int tag = indexOfMac(packet);
        int endOfCiphertext = tag - 4;
        Set<Reason> seen = new TreeSet<>();
        for (int i = 0; i < packet.length; i++) {
            byte[] changed = packet.clone();
            changed[i] ^= 0x5a;
            try {
                PacketOpener.OpenedPacket opened = opener(pki.hq).openInMemory(new ByteArrayInputStream(changed),
                        pki.device.certificate());
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

    /**
     * A changed ciphertext byte changes the decrypted content at the same place, which the parsers see before the
     * tag is checked; wherever it lands (manifest, entry, signature, framing), the packet is refused as TAMPERED.
     */
    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void everyChangedCiphertextByteIsTampering(PacketSuite suite) throws Exception {
        TestPki pki = TestPki.of(suite);
        Map<String, byte[]> contents = new LinkedHashMap<>();
        contents.put("a.txt", "small".getBytes(StandardCharsets.UTF_8));
        byte[] packet = seal(pki.device, pki.hq, manifestFor(suite, contents), contents);
        byte[] ciphertext = AuthEnvelopedData.getInstance(ContentInfo.getInstance(ASN1Primitive.fromByteArray(packet))
                .getContent()).getAuthEncryptedContentInfo().getEncryptedContent().getOctets();
        int start = indexOf(packet, ciphertext);
        for (int i = start; i < start + ciphertext.length; i++) {
            for (int mask : new int[] {0x01, 0x5a}) {
                byte[] changed = packet.clone();
                changed[i] ^= (byte) mask;
                PacketException e = refused(changed, pki.hq, pki.device);
                assertEquals(Reason.TAMPERED, e.reason(), "ciphertext byte " + (i - start) + " ^ " + mask + ": "
                        + e.getMessage());
            }
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
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

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void refusesTruncatedPacket(PacketSuite suite) throws Exception {
        byte[] packet = sealSample(suite, sampleContents());
        for (int length : new int[] {0, 10, 200, packet.length / 2, packet.length - 1}) {
            PacketException e = refused(suite, Arrays.copyOf(packet, length));
            assertTrue(Set.of(Reason.MALFORMED, Reason.TAMPERED).contains(e.reason()), length + ": " + e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void refusesPacketForAnotherHqCertificate(PacketSuite suite) throws Exception {
        TestPki pki = TestPki.of(suite);
        byte[] packet = sealSample(suite, sampleContents());

        assertEquals(Reason.UNDECRYPTABLE, refused(packet, pki.hq(), pki.device).reason());
    }

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void refusesWhenHqKeyDoesNotMatchTheCertificate(PacketSuite suite) throws Exception {
        TestPki pki = TestPki.of(suite);
        byte[] packet = sealSample(suite, sampleContents());
        TestPki.Party wrongKey = new TestPki.Party(pki.newKeyPair(), pki.hq.certificate());

        assertEquals(Reason.UNDECRYPTABLE, refused(packet, wrongKey, pki.device).reason());
    }

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void refusesPacketSignedByAnotherDevice(PacketSuite suite) throws Exception {
        TestPki pki = TestPki.of(suite);
        Map<String, byte[]> contents = sampleContents();
        byte[] packet = seal(pki.device("laptop-0099"), pki.hq, manifestFor(suite, contents), contents);

        assertEquals(Reason.UNKNOWN_SIGNER, refused(suite, packet).reason());
    }

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void refusesSignatureMadeWithAnotherKeyUnderTheDeviceCertificate(PacketSuite suite) throws Exception {
        TestPki pki = TestPki.of(suite);
        Map<String, byte[]> contents = sampleContents();
        TestPki.Party impostor = new TestPki.Party(pki.newKeyPair(), pki.device.certificate());
        byte[] packet = seal(impostor, pki.hq, manifestFor(suite, contents), contents);

        assertEquals(Reason.BAD_SIGNATURE, refused(suite, packet).reason());
    }

    /** An HQ of one suite is offered a packet of the other: refused as not its kind, never a crash. */
    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void refusesAPacketOfTheOtherSuiteSayingSo(PacketSuite suite) throws Exception {
        PacketSuite other = TestPki.other(suite);
        byte[] packet = sealSample(suite, sampleContents());

        PacketException e = refused(other, packet);

        assertEquals(Reason.MALFORMED, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("the " + suite.id() + " suite's cipher")
                && e.getMessage().contains("opens " + other.id() + " packets"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void sealerRefusesKeysOfTwoSuites(PacketSuite suite) {
        TestPki pki = TestPki.of(suite);
        TestPki otherPki = TestPki.of(TestPki.other(suite));

        IllegalArgumentException hq = assertThrows(IllegalArgumentException.class, () -> new PacketSealer(
                pki.device.keys().getPrivate(), pki.device.certificate(), otherPki.hq.certificate(), TestPki.RANDOM));
        assertTrue(hq.getMessage().contains("HQ's certificate key") && hq.getMessage().contains("one suite"),
                hq.getMessage());
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class, () -> new PacketSealer(
                otherPki.device.keys().getPrivate(), pki.device.certificate(), pki.hq.certificate(), TestPki.RANDOM));
        assertTrue(key.getMessage().contains("the device key"), key.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PacketSealer(TestPki.other(suite),
                pki.device.keys().getPrivate(), pki.device.certificate(), pki.hq.certificate(), TestPki.RANDOM));
    }

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void openerRefusesKeysOfTwoSuites(PacketSuite suite) throws Exception {
        TestPki pki = TestPki.of(suite);
        TestPki otherPki = TestPki.of(TestPki.other(suite));

        assertThrows(IllegalArgumentException.class, () -> new PacketOpener(otherPki.hq.keys().getPrivate(),
                pki.hq.certificate(), PacketLimits.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> new PacketOpener(TestPki.other(suite),
                pki.hq.keys().getPrivate(), pki.hq.certificate(), PacketLimits.DEFAULT));
        byte[] packet = sealSample(suite, sampleContents());
        IllegalArgumentException device = assertThrows(IllegalArgumentException.class, () -> opener(pki.hq)
                .openInMemory(new ByteArrayInputStream(packet), otherPki.device.certificate()));
        assertTrue(device.getMessage().contains("the device certificate's key"), device.getMessage());
    }

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void sealerRefusesAManifestOfTheOtherSuite(PacketSuite suite) {
        TestPki pki = TestPki.of(suite);
        Map<String, byte[]> contents = sampleContents();
        PacketManifest manifest = manifestFor(TestPki.other(suite), contents);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> seal(pki.device, pki.hq, manifest, contents));
        assertTrue(e.getMessage().contains("manifest names the " + TestPki.other(suite).id()), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void sealerRefusesContentThatDoesNotMatchTheManifest(PacketSuite suite) {
        TestPki pki = TestPki.of(suite);
        Map<String, byte[]> contents = sampleContents();
        PacketManifest manifest = manifestFor(suite, contents);
        contents.put("case.json", "{\"surname\":\"李\"}".getBytes(StandardCharsets.UTF_8));

        assertThrows(IllegalArgumentException.class, () -> seal(pki.device, pki.hq, manifest, contents));
    }

    @Test
    void theSuitesAreIntlAndGmAndNoOther() {
        assertEquals(PacketSuite.GM, PacketSuite.byId("gm"));
        assertEquals(PacketSuite.INTL, PacketSuite.byId("intl"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PacketSuite.byId("sm9"));
        assertTrue(e.getMessage().contains("'sm9'"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(PacketSuite.class)
    void refusesManifestBeyondTheLimits(PacketSuite suite) throws Exception {
        TestPki pki = TestPki.of(suite);
        byte[] packet = sealSample(suite, sampleContents());
        PacketOpener strict = new PacketOpener(pki.hq.keys().getPrivate(), pki.hq.certificate(),
                new PacketLimits(1 << 20, 10, 100_000, 1 << 20));

        PacketException e = assertThrows(PacketException.class,
                () -> strict.openInMemory(new ByteArrayInputStream(packet), pki.device.certificate()));
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
