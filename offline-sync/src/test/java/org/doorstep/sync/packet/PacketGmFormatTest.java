package org.doorstep.sync.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.doorstep.sync.pki.CaOptions;
import org.doorstep.sync.pki.DeviceCa;
import org.doorstep.sync.pki.EnrolmentCode;
import org.doorstep.sync.pki.EnrolmentRequest;
import org.doorstep.sync.pki.InMemoryCaStore;
import org.doorstep.sync.pki.PkiSuite;

/**
 * The {@code gm} packet is what docs/ARCHITECTURE.md says, checked field by field with Bouncy Castle's ASN.1 classes
 * and its lightweight {@link SM2Engine}, SM4-GCM and {@link SM2Signer}, never through {@link PacketOpener}: the OIDs,
 * the SM2Cipher in C1C3C2 order, SM4-GCM with the tag in the mac field, and an SM2 signature with SM3 and the default
 * user ID {@code 1234567812345678} over the signed attributes.
 */
class PacketGmFormatTest {

    private static final byte[] DEFAULT_USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

    private static TestPki pki;
    private static Map<String, byte[]> contents;
    private static PacketManifest manifest;
    private static byte[] packet;
    private static GmPacketParts parts;

    @BeforeAll
    static void sealOne() throws Exception {
        pki = TestPki.of(PacketSuite.GM);
        contents = PacketRoundTripTest.sampleContents();
        manifest = PacketRoundTripTest.manifestFor(PacketSuite.GM, contents);
        packet = PacketRoundTripTest.seal(pki.device, pki.hq, manifest, contents);
        parts = GmPacketParts.of(packet);
    }

    private static byte[] contentKey() throws Exception {
        SM2Engine engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.init(false, (ECPrivateKeyParameters) PrivateKeyFactory.createKey(pki.hq.keys().getPrivate().getEncoded()));
        byte[] raw = parts.encryptedKeyAsC1C3C2();
        return engine.processBlock(raw, 0, raw.length);
    }

    @Test
    void theEnvelopeIsAuthEnvelopedDataWithSm2KeyTransportAndSm4Gcm() throws Exception {
        assertEquals(new ASN1ObjectIdentifier("1.2.840.113549.1.9.16.1.23"), parts.contentInfo().getContentType());
        assertEquals(0, parts.envelope().getVersion().intValueExact());
        assertNull(parts.envelope().getOriginatorInfo());
        assertNull(parts.envelope().getAuthAttrs());
        assertNull(parts.envelope().getUnauthAttrs());
        // KeyTransRecipientInfo version 0: HQ's certificate by issuer and serial number
        assertEquals(0, parts.recipient().getVersion().intValueExact());
        X509CertificateHolder hq = new JcaX509CertificateHolder(pki.hq.certificate());
        assertEquals(new IssuerAndSerialNumber(hq.getIssuer(), hq.getSerialNumber()),
                IssuerAndSerialNumber.getInstance(parts.recipient().getRecipientIdentifier().getId()));
        // sm2encrypt, no parameters
        assertEquals(new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.2.156.10197.1.301.3")),
                parts.recipient().getKeyEncryptionAlgorithm());
        assertNull(parts.recipient().getKeyEncryptionAlgorithm().getParameters());
        // id-data encrypted with sm4-gcm: 12-byte nonce, 16-byte tag in the mac field
        assertEquals(new ASN1ObjectIdentifier("1.2.840.113549.1.7.1"),
                parts.envelope().getAuthEncryptedContentInfo().getContentType());
        assertEquals(new ASN1ObjectIdentifier("1.2.156.10197.1.104.8"),
                parts.envelope().getAuthEncryptedContentInfo().getContentEncryptionAlgorithm().getAlgorithm());
        assertEquals(12, parts.nonce().length);
        assertEquals(16, parts.tagBytes());
        assertEquals(16, parts.mac().length);
    }

    /**
     * GB/T 32918.4 leaves the order of C2 and C3 to the parties; GB/T 35276's SM2Cipher is C1, C3, C2. The lightweight
     * engine decrypts the key in that order with HQ's key alone, and the same bytes read as C1C2C3 do not decrypt.
     */
    @Test
    void theContentKeyIsAnSm2CipherInC1C3C2Order() throws Exception {
        byte[] key = contentKey();
        assertEquals(16, key.length);

        byte[] raw = parts.encryptedKeyAsC1C3C2();
        SM2Engine otherOrder = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C2C3);
        otherOrder.init(false, (ECPrivateKeyParameters) PrivateKeyFactory.createKey(pki.hq.keys().getPrivate().getEncoded()));
        assertThrows(InvalidCipherTextException.class, () -> otherOrder.processBlock(raw, 0, raw.length));
        SM2Engine otherKey = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        otherKey.init(false, (ECPrivateKeyParameters) PrivateKeyFactory.createKey(pki.newKeyPair().getPrivate().getEncoded()));
        assertThrows(InvalidCipherTextException.class, () -> otherKey.processBlock(raw, 0, raw.length));
    }

    @Test
    void theContentIsSm4GcmOverTheDevicesSignedData() throws Exception {
        byte[] key = contentKey();
        GmPacketParts.Signed signed = GmPacketParts.Signed.of(parts.decryptContent(key));

        assertEquals(new ASN1ObjectIdentifier("1.2.840.113549.1.7.2"), signed.contentInfo().getContentType());
        assertArrayEquals(PacketOpensslInteropTest.expectedContainer(manifest, contents), signed.container());
        byte[] tag = parts.mac().clone();
        tag[0] ^= 1;
        assertThrows(InvalidCipherTextException.class, () -> parts.decrypt(key, parts.ciphertext(), tag));
    }

    @Test
    void theSignatureIsSm2WithSm3AndTheDefaultUserId() throws Exception {
        GmPacketParts.Signed signed = GmPacketParts.Signed.of(parts.decryptContent(contentKey()));
        AlgorithmIdentifier sm3 = new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.2.156.10197.1.401"));

        assertEquals(1, signed.signedData().getVersion().intValueExact());
        assertEquals(new DERSet(sm3), signed.signedData().getDigestAlgorithms());
        assertEquals(new ASN1ObjectIdentifier("1.2.840.113549.1.7.1"),
                signed.signedData().getEncapContentInfo().getContentType());
        assertEquals(1, signed.signedData().getCertificates().size());
        assertEquals(new JcaX509CertificateHolder(pki.device.certificate()).toASN1Structure(),
                Certificate.getInstance(signed.signedData().getCertificates().getObjectAt(0)));
        X509CertificateHolder device = new JcaX509CertificateHolder(pki.device.certificate());
        assertEquals(new IssuerAndSerialNumber(device.getIssuer(), device.getSerialNumber()),
                IssuerAndSerialNumber.getInstance(signed.signer().getSID().getId()));
        assertEquals(sm3.getAlgorithm(), signed.signer().getDigestAlgorithm().getAlgorithm());
        assertEquals(new ASN1ObjectIdentifier("1.2.156.10197.1.501"),
                signed.signer().getDigestEncryptionAlgorithm().getAlgorithm());

        AttributeTable attributes = new AttributeTable(signed.signer().getAuthenticatedAttributes());
        assertEquals(new ASN1ObjectIdentifier("1.2.840.113549.1.7.1"),
                attributes.get(CMSAttributes.contentType).getAttrValues().getObjectAt(0));
        Attribute messageDigest = attributes.get(CMSAttributes.messageDigest);
        assertArrayEquals(sm3(signed.container()),
                ASN1OctetString.getInstance(messageDigest.getAttrValues().getObjectAt(0)).getOctets());

        assertTrue(verifies(signed, DEFAULT_USER_ID, pki.device.certificate()), "SM2 with the default user ID");
        assertFalse(verifies(signed, "another user id".getBytes(StandardCharsets.US_ASCII), pki.device.certificate()),
                "the user ID is part of what is signed");
        assertFalse(verifies(signed, DEFAULT_USER_ID, pki.device("laptop-0099").certificate()), "another device's key");
    }

    @Test
    void theManifestDigestsEntriesWithSm3() throws Exception {
        GmPacketParts.Signed signed = GmPacketParts.Signed.of(parts.decryptContent(contentKey()));
        String json = new String(signed.container(), StandardCharsets.UTF_8);

        assertTrue(json.contains("\"suite\":\"gm\""), json.substring(0, 200));
        for (Map.Entry<String, byte[]> entry : contents.entrySet()) {
            String hex = String.format("%064x", new BigInteger(1, sm3(entry.getValue())));
            assertTrue(json.contains("\"name\":\"" + entry.getKey() + "\"") && json.contains("\"digest\":\"" + hex + "\""),
                    entry.getKey());
        }
    }

    /** A device certificate as enrolment issues it (DeviceCa, gm): the packet opens against it. */
    @Test
    void opensAPacketFromADeviceEnrolledWithTheDeviceCa() throws Exception {
        DeviceCa ca = DeviceCa.createRoot(PkiSuite.GM, "Doorstep Device CA (packet test)",
                CaOptions.defaults(URI.create("http://hq.doorstep.invalid/pki/devices.crl")), new InMemoryCaStore(),
                Clock.systemUTC(), TestPki.RANDOM);
        String deviceId = "laptop-0042";
        DeviceCa.IssuedCode code = ca.issueCode(deviceId);
        KeyPair key = PkiSuite.GM.generateKeyPair(TestPki.RANDOM);
        X509Certificate certificate = new JcaX509CertificateConverter().setProvider(TestPki.BC).getCertificate(ca.enrol(
                EnrolmentRequest.create(PkiSuite.GM, deviceId, key, EnrolmentCode.parse(code.code().formatted())).der()));
        TestPki.Party enrolled = new TestPki.Party(key, certificate);
        byte[] sealed = PacketRoundTripTest.seal(enrolled, pki.hq, manifest, contents);

        PacketOpener.OpenedPacket opened = PacketRoundTripTest.opener(pki.hq)
                .openInMemory(new ByteArrayInputStream(sealed), certificate);

        assertEquals(manifest, opened.manifest());
        assertEquals(List.copyOf(contents.keySet()), List.copyOf(opened.contents().keySet()));
    }

    private static byte[] sm3(byte[] data) {
        SM3Digest digest = new SM3Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    private static boolean verifies(GmPacketParts.Signed signed, byte[] userId, X509Certificate certificate)
            throws Exception {
        SM2Signer verifier = new SM2Signer();
        verifier.init(false, new ParametersWithID(
                (ECPublicKeyParameters) PublicKeyFactory.createKey(certificate.getPublicKey().getEncoded()), userId));
        verifier.update(signed.signedAttributes(), 0, signed.signedAttributes().length);
        return verifier.verifySignature(signed.signature());
    }
}
