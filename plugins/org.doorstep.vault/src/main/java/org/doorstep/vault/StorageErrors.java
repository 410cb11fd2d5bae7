package org.doorstep.vault;

import java.sql.SQLException;
import java.util.Locale;

/** Turns Derby's errors into sentences an officer or support person can act on. */
final class StorageErrors {

    private StorageErrors() {
    }

    static VaultException.Storage wrap(String action, SQLException e) {
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
        if (all.contains("no space left") || all.contains("disk is full") || all.contains("disk full")
                || states.contains("XSDG1") || states.contains("XSLA4") || states.contains("XSLAJ") || states.contains("XSDFJ")) {
            return "the data disk is full. Nothing of this action was saved; free some space and try again.";
        }
        if (states.contains("25502") || states.contains("XSAI3") || all.contains("read-only") || all.contains("read only")
                || all.contains("permission denied") || all.contains("access denied")) {
            return "the data folder cannot be written (read-only or no permission). Nothing of this action was saved.";
        }
        if (states.contains("XJ040") || states.contains("XBM06")) {
            return "the database refused its key (it belongs to another vault or is damaged).";
        }
        if (states.contains("XSDB") || states.contains("XSLA") || states.contains("XSDG") || states.contains("XJ001")) {
            return "the database files are damaged (" + e.getSQLState() + "): " + e.getMessage();
        }
        return e.getMessage() + " (SQLState " + e.getSQLState() + ")";
    }

    private static Throwable next(Throwable t) {
        if (t instanceof SQLException s && s.getNextException() != null && s.getNextException() != t.getCause()) {
            return s.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
