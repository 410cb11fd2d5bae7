package org.doorstep.core.vault;

import java.nio.file.Path;
import java.util.Optional;

import org.doorstep.vault.Vault;

/**
 * The laptop's vault as the product holds it: opened at start from the data folder when the laptop has been
 * set up, kept for the whole session, locked when idle. Its status is published as the
 * {@link org.doorstep.core.status.DeviceStatusService device status}.
 */
public interface VaultAccess {

    /** The data folder: {@code -Ddoorstep.data}, else {@code DOORSTEP_DATA}, else {@code ~/.doorstep}. */
    Path dataDir();

    /** The vault, once the laptop has been set up; empty on first start. */
    Optional<Vault> vault();

    /** Takes over a vault just set up in {@link #dataDir()} (first-start screens, command line). */
    void adopt(Vault newlySetUp);
}
