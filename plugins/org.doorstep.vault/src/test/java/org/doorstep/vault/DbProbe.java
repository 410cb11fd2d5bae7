package org.doorstep.vault;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.doorstep.vault.keys.UnlockResult;
import org.doorstep.vault.keys.VaultKeyring;

/**
 * Opens a vault's database directly with the master key, below the vault's API, as an attacker who knows a
 * passphrase could: for tests that look at (or tamper with) the raw rows.
 */
final class DbProbe implements AutoCloseable {

    final Database db;

    private DbProbe(Database db) {
        this.db = db;
    }

    static DbProbe open(Fixture f) throws Exception {
        return open(f, true);
    }

    /** Opens the database without upgrading its schema, to look at what an older or newer version left. */
    static DbProbe openAsFound(Fixture f) throws Exception {
        return open(f, false);
    }

    private static DbProbe open(Fixture f, boolean upgrade) throws Exception {
        VaultKeyring keyring = VaultKeyring.open(f.dataDir.resolve(Vault.KEY_FILE), Fixture.POLICY, f.clock, f.random);
        UnlockResult.Unlocked u = (UnlockResult.Unlocked) keyring.unlock(Fixture.WANG.id(), Fixture.PASSPHRASE.toCharArray());
        byte[] master = u.masterKey().bytes();
        u.masterKey().close();
        Path folder = f.dataDir.resolve(Vault.DB_FOLDER);
        String bootPassword = Database.bootPassword(keyring.suite(), master);
        return new DbProbe(upgrade ? Database.open(folder, bootPassword, false) : Database.openAsFound(folder, bootPassword));
    }

    long count(String sql, String arg) throws SQLException {
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    byte[] devicePublicKey() throws SQLException {
        try (PreparedStatement ps = db.connection().prepareStatement("SELECT public_key FROM device_key WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBytes(1);
        }
    }

    int update(String sql) throws SQLException {
        try (var s = db.connection().createStatement()) {
            int n = s.executeUpdate(sql);
            db.connection().commit();
            return n;
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
