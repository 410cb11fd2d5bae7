package org.doorstep.sync.packet;

import java.util.Arrays;
import java.util.Locale;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * The algorithm family a packet is sealed with; the same names as the vault's crypto suites ({@code intl},
 * {@code gm}). Only {@code intl} packets can be sealed and opened today; the {@code gm} envelope is not
 * implemented yet (see docs/ARCHITECTURE.md, "Packets").
 */
public enum PacketSuite {
    /** ECDSA P-256 / SHA-256 signature, ECDH P-256 + AES-256 key wrap, AES-256-GCM content. */
    INTL("intl"),
    /** SM2 / SM3 / SM4-GCM: entry digests are SM3; sealing is not implemented yet. */
    GM("gm");

    private final String id;

    PacketSuite(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The hash of entry digests in the manifest: SHA-256 or SM3, both 32 bytes. */
    public Digest newDigest() {
        return this == INTL ? new SHA256Digest() : new SM3Digest();
    }

    public static PacketSuite byId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown packet suite '" + id + "': expected 'intl' or 'gm'"));
    }
}
