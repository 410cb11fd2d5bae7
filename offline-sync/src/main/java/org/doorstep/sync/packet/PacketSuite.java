package org.doorstep.sync.packet;

import java.security.Key;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Locale;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;

import org.doorstep.sync.pki.PkiSuite;

/**
 * The algorithm family a packet is sealed with, named as the vault's crypto suites and matching the device PKI's
 * {@link PkiSuite}: a deployment's CA, devices and HQ all use one. Both suites write the same structure (see
 * docs/ARCHITECTURE.md, "Packets"); only the algorithms differ.
 */
public enum PacketSuite {
    /** ECDSA P-256 / SHA-256 signature, ECDH P-256 + AES-256 key wrap, AES-256-GCM content, SHA-256 entry digests. */
    INTL("intl", PkiSuite.INTL),
    /** SM2 / SM3 signature, SM2 public-key encryption of the content key, SM4-GCM content, SM3 entry digests. */
    GM("gm", PkiSuite.GM);

    private final String id;
    private final PkiSuite pki;

    PacketSuite(String id, PkiSuite pki) {
        this.id = id;
        this.pki = pki;
    }

    public String id() {
        return id;
    }

    /** The device PKI's suite with the same curve and signature algorithm. */
    public PkiSuite pkiSuite() {
        return pki;
    }

    /** The hash of entry digests in the manifest: SHA-256 ({@code intl}) or SM3 ({@code gm}), 32 bytes either way. */
    public Digest newDigest() {
        return this == GM ? new SM3Digest() : new SHA256Digest();
    }

    public static PacketSuite byId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "packet suite '" + id + "' is not one this version reads: only 'intl' and 'gm'"));
    }

    /**
     * The suite of a certificate's key: {@code intl} for EC P-256, {@code gm} for SM2 (curve sm2p256v1).
     *
     * @param what names the certificate in the message if it is neither
     * @throws IllegalArgumentException for any other key
     */
    public static PacketSuite of(X509Certificate certificate, String what) {
        return of(certificate.getPublicKey(), what);
    }

    /** The suite of a key, public or private; see {@link #of(X509Certificate, String)}. */
    static PacketSuite of(Key key, String what) {
        PkiSuite pki = PkiSuite.of(key).orElseThrow(() -> new IllegalArgumentException(
                what + " is neither an EC P-256 key (intl) nor an SM2 key (gm), so no packet suite can use it"));
        return Arrays.stream(values()).filter(s -> s.pki == pki).findFirst().orElseThrow();
    }

    /** Checks that a key belongs to this suite, saying which suite it does belong to if not. */
    void require(Key key, String what) {
        PacketSuite actual = of(key, what);
        if (actual != this) {
            throw new IllegalArgumentException(what + " is a key of the " + actual.id + " suite (" + actual.keyName()
                    + "), not of the " + id + " suite (" + keyName() + "): a packet uses one suite throughout");
        }
    }

    private String keyName() {
        return this == GM ? "SM2" : "EC P-256";
    }
}
