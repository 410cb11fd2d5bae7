package org.doorstep.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import org.doorstep.vault.CaseState;
import org.doorstep.vault.ItemKind;
import org.doorstep.vault.NewItem;
import org.doorstep.vault.Vault;
import org.doorstep.vault.crypto.Argon2Settings;
import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.keys.Officer;
import org.doorstep.vault.keys.UnlockResult;
import org.doorstep.vault.keys.VaultPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;

/**
 * The vault as the product runs it: inside OSGi, with Derby from the {@code org.doorstep.derby} bundle and
 * Bouncy Castle from its own bundle, in both crypto suites.
 */
class VaultInOsgiTest {

    private static final VaultPolicy CHEAP = VaultPolicy.DEFAULT.withArgon2(new Argon2Settings(256, 1, 1));
    private static final char[] PASSPHRASE = "上门办证 只跑一次 OSGi".toCharArray();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aCaseSurvivesLockingAndIsReadBackInsideOsgi(CryptoSuite suite) throws Exception {
        assertEquals("org.doorstep.vault", FrameworkUtil.getBundle(Vault.class).getSymbolicName());
        byte[] photo = "not really a JPEG, the vault does not care".getBytes(StandardCharsets.UTF_8);
        Officer officer = new Officer("J10023", "王警官");
        String id;
        try (Vault vault = Vault.setUp(dir, "FIELD-OSGI", suite, officer, PASSPHRASE, PASSPHRASE, CHEAP,
                Clock.systemUTC(), new SecureRandom())) {
            id = vault.cases().create("张三 · 护照", false,
                    List.of(new NewItem(ItemKind.PHOTO, "photo", "image/jpeg", photo))).id();
            vault.cases().moveTo(id, CaseState.COMPLETE, null);
        }
        try (Vault vault = Vault.open(dir, CHEAP, Clock.systemUTC(), new SecureRandom())) {
            assertInstanceOf(UnlockResult.Unlocked.class, vault.unlock("J10023", PASSPHRASE));
            assertEquals(CaseState.COMPLETE, vault.cases().get(id).state());
            assertArrayEquals(photo, vault.cases().read(id, "photo"));
            assertTrue(vault.verifyAudit().intact(), () -> vault.verifyAudit().problems().toString());
        }
    }
}
