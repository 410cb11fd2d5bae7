package org.doorstep.vault.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Comparator;
import java.util.Properties;

/**
 * Reads and writes the key file as properties, atomically: a new version is written beside the old one,
 * forced to disk, then renamed over it, and the folder is forced too, so a crash leaves either the old
 * or the new file, never a torn one. Readable only by the owner where the file system allows.
 */
final class KeyFile {

    private KeyFile() {
    }

    static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }

    static void write(Path file, Properties properties) throws IOException {
        // store(OutputStream) escapes non-Latin-1 characters (officer names in Chinese) as \\uXXXX;
        // the date comment it adds is dropped so the file says nothing about when it was written.
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        properties.store(raw, "Doorstep vault key file; do not edit");
        String text = raw.toString(StandardCharsets.ISO_8859_1).lines()
                .filter(line -> !line.startsWith("#") || line.startsWith("#Doorstep"))
                .sorted(Comparator.comparing((String line) -> !line.startsWith("#")).thenComparing(Comparator.naturalOrder()))
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        Path temp = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temp);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
            restrictToOwner(temp);
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(file.toAbsolutePath().getParent());
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] base64(Properties p, String key) throws VaultFileException {
        String value = required(p, key);
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new VaultFileException("key file field '" + key + "' is not valid Base64");
        }
    }

    static String required(Properties p, String key) throws VaultFileException {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new VaultFileException("key file has no '" + key + "'");
        }
        return value.strip();
    }

    /** An optional integer field: {@code fallback} when absent (files written before the field existed). */
    static int integer(Properties p, String key, int min, int max, int fallback) throws VaultFileException {
        return p.getProperty(key) == null ? fallback : integer(p, key, min, max);
    }

    static int integer(Properties p, String key, int min, int max) throws VaultFileException {
        String value = required(p, key);
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new VaultFileException("key file field '" + key + "' is " + n + ", outside " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new VaultFileException("key file field '" + key + "' is not a number: '" + value + "'");
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the user profile's ACL protects the data folder
        }
    }

    private static void forceDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms (Windows) cannot open a directory; the rename is still atomic there
        }
    }
}
