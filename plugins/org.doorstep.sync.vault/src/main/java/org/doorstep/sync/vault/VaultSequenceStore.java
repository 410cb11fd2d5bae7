package org.doorstep.sync.vault;

import java.util.Objects;

import org.doorstep.sync.command.SignedCommands;
import org.doorstep.vault.Vault;

/**
 * The last command number accepted, as the vault keeps it. The vault also checks the number again in the transaction
 * that carries the command out and stores it, so two deliveries of one command cannot both pass.
 */
final class VaultSequenceStore implements SignedCommands.SequenceStore {

    private final Vault vault;

    VaultSequenceStore(Vault vault) {
        this.vault = Objects.requireNonNull(vault, "vault");
    }

    @Override
    public long lastAccepted(String deviceId) {
        return vault.syncSettings().lastCommandSequence();
    }
}
