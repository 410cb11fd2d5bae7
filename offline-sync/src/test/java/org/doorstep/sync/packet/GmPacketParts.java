package org.doorstep.sync.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Arrays;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.BigIntegers;

/**
 * A {@code gm} packet taken apart with Bouncy Castle's ASN.1 classes and lightweight ciphers only, field by field as
 * docs/ARCHITECTURE.md describes it: nothing of the opener (nor of the sealer's helpers) is used, so tests built on
 * this show what the format is, not what our code happens to agree with.
 */
record GmPacketParts(ContentInfo contentInfo, AuthEnvelopedData envelope, KeyTransRecipientInfo recipient,
        byte[] nonce, int tagBytes, byte[] ciphertext, byte[] mac) {

    static GmPacketParts of(byte[] packet) throws IOException {
        ContentInfo contentInfo = ContentInfo.getInstance(ASN1Primitive.fromByteArray(packet));
        AuthEnvelopedData envelope = AuthEnvelopedData.getInstance(contentInfo.getContent());
        assertEquals(1, envelope.getRecipientInfos().size(), "recipient infos");
        RecipientInfo recipient = RecipientInfo.getInstance(envelope.getRecipientInfos().getObjectAt(0));
        GCMParameters gcm = GCMParameters.getInstance(
                envelope.getAuthEncryptedContentInfo().getContentEncryptionAlgorithm().getParameters());
        return new GmPacketParts(contentInfo, envelope, KeyTransRecipientInfo.getInstance(recipient.getInfo()),
                gcm.getNonce(), gcm.getIcvLen(), envelope.getAuthEncryptedContentInfo().getEncryptedContent().getOctets(),
                envelope.getMac().getOctets());
    }

    byte[] encryptedKey() {
        return recipient.getEncryptedKey().getOctets();
    }

    /**
     * The encrypted key's {@code SM2Cipher ::= SEQUENCE { x INTEGER, y INTEGER, hash OCTET STRING, cipherText
     * OCTET STRING }} laid out as the raw C1 | C3 | C2 that GB/T 32918.4 defines: 04 | x | y | hash | cipher text.
     */
    byte[] encryptedKeyAsC1C3C2() {
        ASN1Sequence cipher = ASN1Sequence.getInstance(encryptedKey());
        assertEquals(4, cipher.size(), "SM2Cipher fields");
        byte[] x = BigIntegers.asUnsignedByteArray(32, ASN1Integer.getInstance(cipher.getObjectAt(0)).getValue());
        byte[] y = BigIntegers.asUnsignedByteArray(32, ASN1Integer.getInstance(cipher.getObjectAt(1)).getValue());
        byte[] hash = ASN1OctetString.getInstance(cipher.getObjectAt(2)).getOctets();
        byte[] text = ASN1OctetString.getInstance(cipher.getObjectAt(3)).getOctets();
        assertEquals(32, hash.length, "SM3 hash C3");
        byte[] raw = new byte[1 + 64 + 32 + text.length];
        raw[0] = 0x04;
        System.arraycopy(x, 0, raw, 1, 32);
        System.arraycopy(y, 0, raw, 33, 32);
        System.arraycopy(hash, 0, raw, 65, 32);
        System.arraycopy(text, 0, raw, 97, text.length);
        return raw;
    }

    /** SM4-GCM with the lightweight API: the ciphertext, then the mac field as the tag. */
    byte[] decryptContent(byte[] key) throws InvalidCipherTextException {
        return decrypt(key, ciphertext, mac);
    }

    byte[] decrypt(byte[] key, byte[] ciphertext, byte[] tag) throws InvalidCipherTextException {
        GCMModeCipher cipher = GCMBlockCipher.newInstance(new SM4Engine());
        cipher.init(false, new AEADParameters(new KeyParameter(key), tagBytes * 8, nonce));
        byte[] input = Arrays.copyOf(ciphertext, ciphertext.length + tag.length);
        System.arraycopy(tag, 0, input, ciphertext.length, tag.length);
        byte[] plain = new byte[cipher.getOutputSize(input.length)];
        int n = cipher.processBytes(input, 0, input.length, plain, 0);
        n += cipher.doFinal(plain, n);
        return Arrays.copyOf(plain, n);
    }

    /** The decrypted content: a ContentInfo holding the device's SignedData. */
    record Signed(ContentInfo contentInfo, SignedData signedData, SignerInfo signer, byte[] container,
            byte[] signedAttributes, byte[] signature) {

        static Signed of(byte[] plain) throws IOException {
            ContentInfo contentInfo = ContentInfo.getInstance(ASN1Primitive.fromByteArray(plain));
            SignedData signedData = SignedData.getInstance(contentInfo.getContent());
            assertEquals(1, signedData.getSignerInfos().size(), "signer infos");
            SignerInfo signer = SignerInfo.getInstance(signedData.getSignerInfos().getObjectAt(0));
            byte[] container = ASN1OctetString.getInstance(signedData.getEncapContentInfo().getContent()).getOctets();
            // RFC 5652 5.4: the signature covers the DER of the signed attributes as a SET OF, not as [0] IMPLICIT
            return new Signed(contentInfo, signedData, signer, container,
                    signer.getAuthenticatedAttributes().getEncoded(ASN1Encoding.DER),
                    signer.getEncryptedDigest().getOctets());
        }
    }
}
