package org.doorstep.vault;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

import org.doorstep.vault.crypto.CryptoSuite;

/**
 * For the benchmark only: creates a Derby database exactly as the vault does ({@link Database#open}, AES-256
 * CBC with a derived boot password), or the same without encryption as its baseline. Public here, in the
 * test sources, so that the production class stays package-private.
 */
public final class BenchDatabase implements AutoCloseable {

    private final Database db;

    private BenchDatabase(Database db) {
        this.db = db;
    }

    /** A new database in {@code folder} (which must not exist yet), with the vault's schema. */
    public static BenchDatabase create(Path folder, boolean encrypted) throws SQLException {
        String bootPassword = null;
        if (encrypted) {
            byte[] master = new byte[32];
            new SecureRandom().nextBytes(master);
            bootPassword = Database.bootPassword(CryptoSuite.INTL, master);
            Arrays.fill(master, (byte) 0);
        }
        return new BenchDatabase(Database.open(folder, bootPassword, true));
    }

    /** Auto-commit off, read committed: as the vault uses it. */
    public Connection connection() {
        return db.connection();
    }

    @Override
    public void close() {
        db.close();
    }
}
