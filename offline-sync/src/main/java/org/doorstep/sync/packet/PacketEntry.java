package org.doorstep.sync.packet;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file of a packet as the manifest lists it: its name (unique in the packet), media type, exact length in
 * bytes and digest (SHA-256 or SM3 by suite, 32 bytes).
 */
public record PacketEntry(String name, String mediaType, long length, byte[] digest) {

    /** Names are plain relative paths: no "..", no leading "/", nothing a file system could misread. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}(/[A-Za-z0-9_][A-Za-z0-9._-]{0,99}){0,3}");
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9.+-]{0,63}/[a-z0-9][a-z0-9.+-]{0,63}");
    static final int DIGEST_BYTES = 32;

    public PacketEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("entry name '" + name + "' is not a plain relative name");
        }
        if (!MEDIA_TYPE.matcher(mediaType).matches()) {
            throw new IllegalArgumentException("entry " + name + ": media type '" + mediaType + "' is not valid");
        }
        if (length < 0) {
            throw new IllegalArgumentException("entry " + name + ": negative length " + length);
        }
        if (digest.length != DIGEST_BYTES) {
            throw new IllegalArgumentException("entry " + name + ": digest has " + digest.length + " bytes, not 32");
        }
        digest = digest.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    public String digestHex() {
        return HexFormat.of().formatHex(digest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PacketEntry e && name.equals(e.name) && mediaType.equals(e.mediaType)
                && length == e.length && Arrays.equals(digest, e.digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, mediaType, length, Arrays.hashCode(digest));
    }

    @Override
    public String toString() {
        return "PacketEntry[" + name + ", " + mediaType + ", " + length + " bytes, " + digestHex() + "]";
    }
}
