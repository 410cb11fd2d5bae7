package org.doorstep.vault;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.doorstep.vault.crypto.Aead;
import org.doorstep.vault.crypto.CorruptDataException;

/**
 * Sealing and the settings table for the sync service's data. Each value is sealed under a key derived from the
 * master key for this purpose only, with a context naming what it is, so a value copied to another name or row
 * fails to open; in the {@code gm} suite that is SM4-GCM on top of Derby's AES, as for cases.
 */
final class SyncData {

    private SyncData() {
    }

    static byte[] seal(Vault vault, byte[] plain, String context) {
        return new Aead(vault.suite(), vault.random()).seal(vault.session().syncKek, plain,
                context.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] open(Vault vault, byte[] sealed, String context) {
        try {
            return Aead.open(vault.session().syncKek, sealed, context.getBytes(StandardCharsets.UTF_8));
        } catch (CorruptDataException e) {
            throw new VaultException.Storage("the vault's " + context + " is damaged and cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** A setting's plaintext, or {@code null} when it is not set. */
    static byte[] get(Vault vault, Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT val FROM sync_settings WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? open(vault, blob(rs.getBlob(1)), "setting/" + name) : null;
            }
        }
    }

    static String getText(Vault vault, Connection c, String name) throws SQLException {
        byte[] value = get(vault, c, name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** Sets ({@code value} non-null) or removes ({@code null}) a setting, inside the caller's transaction. */
    static void put(Vault vault, Connection c, String name, byte[] value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sync_settings WHERE name = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
        if (value == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_settings VALUES (?, ?, ?)")) {
            ps.setString(1, name);
            ps.setBytes(2, seal(vault, value, "setting/" + name));
            ps.setLong(3, vault.clock().millis());
            ps.executeUpdate();
        }
    }

    static void putText(Vault vault, Connection c, String name, String value) throws SQLException {
        put(vault, c, name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] blob(Blob blob) throws SQLException {
        try (InputStream in = blob.getBinaryStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new SQLException("cannot read a stored value: " + e.getMessage(), e);
        } finally {
            blob.free();
        }
    }
}
