package org.doorstep.core.vault;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.doorstep.vault.Vault;
import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.keys.Officer;
import org.doorstep.vault.keys.PassphraseRejectedException;
import org.doorstep.vault.keys.VaultPolicy;

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

    /**
     * The rules a vault set up here gets: the defaults, with the idle time an administrator may set with
     * {@code -Ddoorstep.vault.idleLockSeconds}. A vault already set up keeps the rules written into its key file.
     */
    VaultPolicy policy();

    /**
     * First start: sets the vault up in {@link #dataDir()} with {@link #policy()}, unlocked by the first officer,
     * and takes it over. Slow (Argon2): call it off the UI thread.
     *
     * @throws PassphraseRejectedException the passphrase breaks the policy; nothing was created
     * @throws IllegalStateException       this laptop is already set up (and not wiped)
     */
    Vault setUp(String deviceName, CryptoSuite suite, Officer first, char[] passphrase, char[] passphraseAgain)
            throws IOException, PassphraseRejectedException;

    /** Takes over a vault just set up in {@link #dataDir()} (first-start screens, command line). */
    void adopt(Vault newlySetUp);
}
