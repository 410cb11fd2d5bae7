package org.doorstep.vault;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Turns Derby's and the file system's errors into one sentence an officer or support person can act on.
 *
 * <p>What Derby 10.17 reports (seen on a full and on a read-only tmpfs): a full disk is {@code XSDG1} when a
 * data page could not be written, {@code XSLA1}+{@code XSLA4} or {@code XSLA0} when the transaction log could
 * not be written or flushed, always chained to {@code XJ001} with the file system's "No space left on
 * device"; a database on a read-only folder boots read-only and refuses every change with {@code 25502}. The
 * file system's own words decide first, because {@code XSLA4} says "full or read-only" without knowing which.
 */
final class StorageErrors {

    static final String DISK_FULL = "the data disk is full, so nothing was changed: free some space and try again";
    static final String CANNOT_WRITE = "the data folder cannot be written (it is read-only or not permitted), "
            + "so nothing was changed: ask support to check the disk";

    private StorageErrors() {
    }

    static VaultException.Storage wrap(String action, SQLException e) {
        return new VaultException.Storage("could not " + action + ": " + describe(e), e);
    }

    /** For the key file, which is written with plain file I/O. */
    static VaultException.Storage wrap(String action, IOException e) {
        return new VaultException.Storage("could not " + action + ": " + describe(e), e);
    }

    static String describe(SQLException e) {
        String states = "";
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                states += s.getSQLState() + " ";
            }
            text.append(' ').append(t.getMessage());
        }
        String all = text.toString().toLowerCase(Locale.ROOT);
        if (saysFull(all)) {
            return DISK_FULL;
        }
        if (saysReadOnly(all) || states.contains("25502") || states.contains("XSAI3")) {
            return CANNOT_WRITE;
        }
        if (states.contains("XSDG1") || states.contains("XSLA4") || states.contains("XSLAJ") || states.contains("XSDFJ")) {
            return DISK_FULL;
        }
        if (states.contains("XJ040") || states.contains("XBM06")) {
            return "the database refused its key (it belongs to another vault or is damaged)";
        }
        if (states.contains("XSDB") || states.contains("XSLA") || states.contains("XSDG") || states.contains("XJ001")) {
            return "the database files are damaged (" + e.getSQLState() + "): " + e.getMessage();
        }
        return e.getMessage() + " (SQLState " + e.getSQLState() + ")";
    }

    static String describe(IOException e) {
        // FileSystemException's message is "file: reason", e.g. ".../vault.keys.new: Read-only file system"
        String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (saysFull(text)) {
            return DISK_FULL;
        }
        if (e instanceof AccessDeniedException || saysReadOnly(text)) {
            return CANNOT_WRITE;
        }
        return String.valueOf(e.getMessage());
    }

    private static boolean saysFull(String text) {
        // not Derby's own "if the disk is full": XSLA4 says that on a read-only disk too
        return text.contains("no space left") || text.contains("not enough space") || text.contains("quota exceeded");
    }

    private static boolean saysReadOnly(String text) {
        return text.contains("read-only file system") || text.contains("permission denied")
                || text.contains("access denied") || text.contains("access is denied") || text.contains("write protected");
    }

    private static Throwable next(Throwable t) {
        if (t instanceof SQLException s && s.getNextException() != null && s.getNextException() != t.getCause()) {
            return s.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
