package org.doorstep.vault;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Lets tests outside this package damage a stored item the way a failing disk or an attacker with a passphrase could. */
public final class ItemTampering {

    private ItemTampering() {
    }

    /**
     * Flips one bit of a stored item's sealed content, {@code fromEnd} bytes before its end (so 1..16 hit the GCM tag,
     * more hit the ciphertext), below the vault's API; the vault in {@code dataDir} must be closed.
     */
    public static void flipBit(Path dataDir, String caseId, String slot, int fromEnd) throws Exception {
        try (DbProbe probe = DbProbe.open(new Fixture(dataDir))) {
            var c = probe.db.connection();
            byte[] sealed;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT content FROM case_items WHERE case_id = ? AND slot = ?")) {
                ps.setString(1, caseId);
                ps.setString(2, slot);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no item " + slot + " in case " + caseId);
                    }
                    sealed = rs.getBytes(1);
                }
            }
            sealed[sealed.length - fromEnd] ^= 0x01;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE case_items SET content = ? WHERE case_id = ? AND slot = ?")) {
                ps.setBytes(1, sealed);
                ps.setString(2, caseId);
                ps.setString(3, slot);
                ps.executeUpdate();
            }
            c.commit();
        }
    }
}
