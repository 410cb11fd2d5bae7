package org.doorstep.sync.packet;

/**
 * What HQ accepts in one packet. Checked before anything is allocated, so a hostile manifest cannot make HQ
 * read or store more than this.
 *
 * @param maxManifestBytes largest manifest (JSON) accepted
 * @param maxEntries       most entries in one packet
 * @param maxEntryBytes    largest single entry
 * @param maxTotalBytes    largest sum of entry lengths
 */
public record PacketLimits(int maxManifestBytes, int maxEntries, long maxEntryBytes, long maxTotalBytes) {

    /** 1 MiB manifest, 1,000 entries, 1 GiB per entry and 4 GiB per packet: far above one case's photos and scans. */
    public static final PacketLimits DEFAULT = new PacketLimits(1 << 20, 1_000, 1L << 30, 4L << 30);

    public PacketLimits {
        if (maxManifestBytes <= 0 || maxEntries <= 0 || maxEntryBytes < 0 || maxTotalBytes < 0) {
            throw new IllegalArgumentException("packet limits must be positive");
        }
    }
}
