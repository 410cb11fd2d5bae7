package org.doorstep.sync.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code openssl} opens what the sealer writes. {@code intl}: {@code openssl cms} decrypts the packet with HQ's
 * key and verifies the device's signature. {@code gm}: OpenSSL 3.0's CMS has no SM2 (it cannot even sign with it), so
 * its primitives check the parts: {@code pkeyutl} decrypts the SM2-encrypted content key, {@code dgst} verifies the SM2
 * signature over the signed attributes with the default user ID and recomputes the SM3 message digest; SM4-GCM, which
 * the {@code openssl} command cannot run, is decrypted with Bouncy Castle's lightweight API.
 */
class PacketOpensslInteropTest {

    @TempDir
    Path dir;

    @Test
    void opensslDecryptsAndVerifiesAPacket() throws Exception {
        String openssl = findOpenssl();
        assumeTrue(openssl != null, "openssl is not on the PATH, so the interop check cannot run");
        TestPki pki = new TestPki(PacketSuite.INTL);
        TestPki.Party device = pki.device;
        TestPki.Party hq = pki.hq;
        Map<String, byte[]> contents = PacketRoundTripTest.sampleContents();
        PacketManifest manifest = PacketRoundTripTest.manifestFor(PacketSuite.INTL, contents);
        byte[] packet = PacketRoundTripTest.seal(device, hq, manifest, contents);
        Files.write(dir.resolve("packet.der"), packet);
        TestPki.writePem(dir.resolve("hq.pem"), hq.certificate());
        TestPki.writePkcs8(dir.resolve("hq.key"), hq.keys());
        TestPki.writePem(dir.resolve("ca.pem"), pki.ca.certificate());

        run(openssl, "cms", "-decrypt", "-inform", "DER", "-in", "packet.der", "-recip", "hq.pem", "-inkey", "hq.key",
                "-binary", "-out", "inner.der");
        run(openssl, "cms", "-verify", "-inform", "DER", "-in", "inner.der", "-CAfile", "ca.pem", "-binary",
                "-out", "content.bin");

        assertArrayEquals(expectedContainer(manifest, contents), Files.readAllBytes(dir.resolve("content.bin")));
    }

    @Test
    void opensslDecryptsTheContentKeyAndVerifiesTheSignatureOfAGmPacket() throws Exception {
        String openssl = findOpenssl();
        assumeTrue(openssl != null, "openssl is not on the PATH, so the interop check cannot run");
        Files.write(dir.resolve("empty"), new byte[0]);
        assumeTrue(exitCode(openssl, "dgst", "-sm3", "empty") == 0, "this openssl has no SM3, so it has no SM2 either");
        TestPki pki = new TestPki(PacketSuite.GM);
        Map<String, byte[]> contents = PacketRoundTripTest.sampleContents();
        PacketManifest manifest = PacketRoundTripTest.manifestFor(PacketSuite.GM, contents);
        GmPacketParts parts = GmPacketParts.of(PacketRoundTripTest.seal(pki.device, pki.hq, manifest, contents));
        Files.write(dir.resolve("key.enc"), parts.encryptedKey());
        TestPki.writePkcs8(dir.resolve("hq.key"), pki.hq.keys());
        TestPki.writePem(dir.resolve("device.pub"), pki.device.certificate().getPublicKey());

        run(openssl, "pkeyutl", "-decrypt", "-inkey", "hq.key", "-in", "key.enc", "-out", "key.bin");
        GmPacketParts.Signed signed = GmPacketParts.Signed.of(
                parts.decryptContent(Files.readAllBytes(dir.resolve("key.bin"))));
        Files.write(dir.resolve("attrs.der"), signed.signedAttributes());
        Files.write(dir.resolve("sig.bin"), signed.signature());
        Files.write(dir.resolve("container.bin"), signed.container());
        run(openssl, "dgst", "-sm3", "-verify", "device.pub", "-signature", "sig.bin", "-sigopt",
                "distid:1234567812345678", "attrs.der");
        run(openssl, "dgst", "-sm3", "-binary", "-out", "container.sm3", "container.bin");

        assertArrayEquals(expectedContainer(manifest, contents), signed.container());
        Attribute digest = new AttributeTable(signed.signer().getAuthenticatedAttributes()).get(CMSAttributes.messageDigest);
        assertArrayEquals(Files.readAllBytes(dir.resolve("container.sm3")),
                ASN1OctetString.getInstance(digest.getAttrValues().getObjectAt(0)).getOctets());
    }

    /** The container as the sealer writes it, rebuilt independently from the format's description. */
    static byte[] expectedContainer(PacketManifest manifest, Map<String, byte[]> contents)
            throws IOException, PacketException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] json = manifest.toJson();
        out.write("DSPK".getBytes(StandardCharsets.US_ASCII));
        out.write(1);
        out.write(new byte[] {(byte) (json.length >>> 24), (byte) (json.length >>> 16), (byte) (json.length >>> 8),
                (byte) json.length});
        out.write(json);
        for (PacketEntry entry : manifest.entries()) {
            out.write(contents.get(entry.name()));
        }
        // and what the manifest says is what came in
        assertEquals(manifest, PacketManifest.fromJson(json, PacketLimits.DEFAULT));
        return out.toByteArray();
    }

    private void run(String... command) throws IOException, InterruptedException {
        int exit = exitCode(command);
        assertEquals(0, exit, String.join(" ", command) + " failed:\n" + Files.readString(dir.resolve("openssl.log")));
    }

    private int exitCode(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            return -1;
        }
        return process.exitValue();
    }

    private static String findOpenssl() {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(folder, "openssl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
