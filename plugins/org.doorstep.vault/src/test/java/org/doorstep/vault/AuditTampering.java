package org.doorstep.vault;

import java.nio.file.Path;

/** Lets tests outside this package break a vault's audit trail the way an attacker with a passphrase could. */
public final class AuditTampering {

    private AuditTampering() {
    }

    /** Rewrites the detail of one audit entry below the vault's API (set up with {@link Fixture}'s officer). */
    public static void alterDetail(Path dataDir, long seq, String detail) throws Exception {
        try (DbProbe probe = DbProbe.open(new Fixture(dataDir))) {
            int changed = probe.update("UPDATE audit SET detail = '" + detail.replace("'", "''") + "' WHERE seq = " + seq);
            if (changed != 1) {
                throw new IllegalStateException("no audit entry " + seq);
            }
        }
    }
}
