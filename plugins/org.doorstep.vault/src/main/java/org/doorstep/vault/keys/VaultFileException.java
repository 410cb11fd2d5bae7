package org.doorstep.vault.keys;

/** The vault's key file is missing a field or holds a value that cannot be right; says which. */
public class VaultFileException extends Exception {

    private static final long serialVersionUID = 1L;

    public VaultFileException(String message) {
        super(message);
    }
}
