package org.doorstep.sync.packet;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The signed content of a packet: a header, the manifest and the entries one after the other.
 *
 * <pre>
 *   magic "DSPK" (4) | container version 1 (1) | manifest length n (4, big-endian, unsigned) | manifest JSON (n)
 *   | entry 1 bytes | entry 2 bytes | … (in manifest order, each exactly its manifest length) | end
 * </pre>
 *
 * The lengths come from the manifest, so the entries need no framing of their own and the container can be
 * written and read in one pass. Nothing may follow the last entry.
 */
final class PacketContainer {

    static final byte[] MAGIC = {'D', 'S', 'P', 'K'};
    static final int VERSION = 1;

    private PacketContainer() {
    }

    static void write(PacketManifest manifest, PacketSealer.EntrySource source, OutputStream signed) throws IOException {
        byte[] json = manifest.toJson();
        DataOutputStream out = new DataOutputStream(signed);
        out.write(MAGIC);
        out.writeByte(VERSION);
        out.writeInt(json.length);
        out.write(json);
        for (PacketEntry entry : manifest.entries()) {
            try (InputStream in = source.open(entry)) {
                if (in == null) {
                    throw new IllegalArgumentException("no content for entry " + entry.name());
                }
                PacketSealer.copyEntry(entry, manifest.suite(), in, out);
            }
        }
        out.flush();
    }

    /** Reads the header and the manifest; the entries follow in {@code in}. */
    static PacketManifest readManifest(DataInputStream in, PacketLimits limits) throws IOException, PacketException {
        byte[] magic = new byte[MAGIC.length];
        try {
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw malformed("the signed content is not a Doorstep packet container");
            }
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw malformed("unknown container version " + version);
            }
            long length = Integer.toUnsignedLong(in.readInt());
            if (length > limits.maxManifestBytes()) {
                throw malformed("manifest of " + length + " bytes, more than the limit of " + limits.maxManifestBytes());
            }
            byte[] json = new byte[(int) length];
            in.readFully(json);
            return PacketManifest.fromJson(json, limits);
        } catch (EOFException e) {
            throw malformed("the container ends inside its header or manifest");
        }
    }

    private static PacketException malformed(String message) {
        return new PacketException(PacketException.Reason.MALFORMED, message);
    }
}
