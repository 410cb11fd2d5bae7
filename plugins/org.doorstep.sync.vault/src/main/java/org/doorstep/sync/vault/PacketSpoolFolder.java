package org.doorstep.sync.vault;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The folder of sealed packet files, {@code <data folder>/outbox/<packet id>.dspk}. The files are ciphertext for HQ
 * (the laptop cannot read them back), so they live beside the vault rather than in it, where the chunker and the
 * removable-media export read them as plain files.
 *
 * <p>A file is written to {@code <packet id>.dspk.tmp}, forced to disk, then renamed atomically and the folder
 * forced: a {@code .dspk} file is always complete, and a crash leaves at most a temporary file, which the next start
 * deletes. What the vault does not list as a waiting packet is deleted too, so the spool never holds a file for an
 * unknown packet.
 */
public final class PacketSpoolFolder {

    public static final String FOLDER = "outbox";
    static final String SUFFIX = ".dspk";
    static final String TEMP_SUFFIX = ".dspk.tmp";
    private static final Pattern NAME = Pattern.compile(
            "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\\.dspk|\\.dspk\\.tmp)");

    /** A complete file: where, how long, and its SHA-256 (what HQ's receipt names). */
    public record Written(Path file, long bytes, byte[] sha256) {
    }

    /** Writes the packet's bytes; the stream is not to be closed. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Path folder;

    public PacketSpoolFolder(Path dataDir) {
        this.folder = dataDir.resolve(FOLDER);
    }

    public Path folder() {
        return folder;
    }

    public Path fileOf(UUID packetId) {
        return folder.resolve(packetId + SUFFIX);
    }

    Path tempOf(UUID packetId) {
        return folder.resolve(packetId + TEMP_SUFFIX);
    }

    /**
     * Writes a packet file whole or not at all: into a temporary file, forced, renamed over any older file of the
     * same packet, folder forced. If {@code content} fails the temporary file is deleted and nothing else changes.
     */
    public Written write(UUID packetId, Content content) throws IOException {
        ensureFolder();
        Path temp = tempOf(packetId);
        Files.deleteIfExists(temp);
        MessageDigest sha256 = sha256();
        long bytes;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            CountingStream counting = new CountingStream(Channels.newOutputStream(channel));
            try (DigestOutputStream out = new DigestOutputStream(counting, sha256)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            bytes = counting.count;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Path file = fileOf(packetId);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceFolder(folder);
        return new Written(file, bytes, sha256.digest());
    }

    /** Deletes a packet's file (and a temporary one), if there is one; the folder is forced. */
    public void delete(UUID packetId) throws IOException {
        boolean deleted = Files.deleteIfExists(fileOf(packetId)) | Files.deleteIfExists(tempOf(packetId));
        if (deleted) {
            forceFolder(folder);
        }
    }

    /** The complete packet files in the folder, by packet id. */
    Map<UUID, Path> files() throws IOException {
        Map<UUID, Path> files = new LinkedHashMap<>();
        for (Path p : entries()) {
            Matcher m = NAME.matcher(p.getFileName().toString());
            if (m.matches() && m.group(2).equals(SUFFIX)) {
                files.put(UUID.fromString(m.group(1)), p);
            }
        }
        return files;
    }

    /** Temporary files left by a write that did not finish. */
    List<Path> temporaryFiles() throws IOException {
        List<Path> temps = new ArrayList<>();
        for (Path p : entries()) {
            Matcher m = NAME.matcher(p.getFileName().toString());
            if (m.matches() && m.group(2).equals(TEMP_SUFFIX)) {
                temps.add(p);
            }
        }
        return temps;
    }

    private List<Path> entries() throws IOException {
        List<Path> list = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return list;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
            dir.forEach(list::add);
        }
        list.sort(null);
        return list;
    }

    private void ensureFolder() throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            try {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (Windows): the user profile's ACLs apply
            }
        }
    }

    static void forceFolder(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a folder as a channel; NTFS journals the rename itself
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Counts what passes, so the size comes without a second look at the file. */
    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
