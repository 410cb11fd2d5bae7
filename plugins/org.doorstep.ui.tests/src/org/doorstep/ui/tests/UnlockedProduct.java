package org.doorstep.ui.tests;

import java.nio.file.Path;

import org.doorstep.core.vault.VaultAccess;
import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.keys.Officer;

/** A product whose laptop was set up (through the product's own vault component) and is unlocked. */
final class UnlockedProduct {

    static final String DEVICE = "笔记本-01";
    static final String OFFICER = "A1001";
    static final String PASSPHRASE = "门前的老槐树开花了吗";

    private UnlockedProduct() {
    }

    static Path setUp(String name) throws Exception {
        Path dir = ProductData.fresh(name, null);
        VaultAccess access = ProductData.use(dir, null);
        access.setUp(DEVICE, CryptoSuite.INTL, new Officer(OFFICER, "张警官"), PASSPHRASE.toCharArray(),
                PASSPHRASE.toCharArray());
        return dir;
    }
}
