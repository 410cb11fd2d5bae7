package org.doorstep.sync.packet;

import java.util.Arrays;
import java.util.Locale;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * The algorithm family a packet is sealed with, named as the vault's crypto suites. The packet format has one
 * suite, {@code intl}; a manifest naming any other (the vault's {@code gm} included) is refused when it is
 * read. The {@code gm} envelope (SM2 / SM3 / SM4-GCM) is a separate format still to be built; its design is in
 * docs/ARCHITECTURE.md, "Packets".
 */
public enum PacketSuite {
    /** ECDSA P-256 / SHA-256 signature, ECDH P-256 + AES-256 key wrap, AES-256-GCM content. */
    INTL("intl");

    private final String id;

    PacketSuite(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The hash of entry digests in the manifest: SHA-256, 32 bytes. */
    public Digest newDigest() {
        return new SHA256Digest();
    }

    public static PacketSuite byId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "packet suite '" + id + "' is not one this version reads: only 'intl' (the 'gm' envelope is not"
                                + " available yet)"));
    }
}
