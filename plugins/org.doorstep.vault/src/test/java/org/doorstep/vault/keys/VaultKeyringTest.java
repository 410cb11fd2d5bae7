package org.doorstep.vault.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import org.doorstep.vault.crypto.Argon2Settings;
import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.crypto.PassphrasePolicy.Problem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VaultKeyringTest {

    /** Cheap Argon2 so the tests are about behaviour, not cost (the default is measured by the benchmark). */
    private static final VaultPolicy POLICY = VaultPolicy.DEFAULT.withArgon2(new Argon2Settings(256, 1, 1));
    private static final char[] RIGHT = "上门办证 只跑一次 2026".toCharArray();
    private static final char[] WRONG = "上门办证 只跑一次 2025".toCharArray();
    private static final Officer WANG = new Officer("J10023", "王警官");

    @TempDir
    Path dir;
    private Path file;
    private final TestClock clock = new TestClock();
    private final SecureRandom random = new SecureRandom();

    @BeforeEach
    void paths() {
        file = dir.resolve("vault.keys");
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void theEnrolledOfficerUnlocksTheSameMasterKeyAfterARestart(CryptoSuite suite) throws Exception {
        VaultKeyring keyring = setUp(suite, POLICY);
        byte[] first = unlocked(keyring.unlock("J10023", RIGHT)).masterKey().bytes();

        VaultKeyring reopened = VaultKeyring.open(file, POLICY, clock, random);
        UnlockResult.Unlocked again = unlocked(reopened.unlock("J10023", RIGHT));
        assertArrayEquals(first, again.masterKey().bytes());
        assertEquals(WANG, again.officer());
        assertEquals("FIELD-07", reopened.deviceName());
        assertEquals(suite, reopened.suite());
    }

    @Test
    void theKeyFileHoldsNoPassphraseAndNoMasterKeyAndOnlyTheOwnerCanReadIt() throws Exception {
        VaultKeyring keyring = setUp(CryptoSuite.INTL, POLICY);
        byte[] master = unlocked(keyring.unlock("J10023", RIGHT)).masterKey().bytes();
        byte[] stored = Files.readAllBytes(file);
        String text = new String(stored, StandardCharsets.ISO_8859_1);
        assertFalse(text.contains("2026"), "passphrase fragment in the key file");
        // the file escapes non-Latin-1 text as \\uXXXX: look for the passphrase's words in that form too
        String escapedWords = "上门办证".chars().mapToObj(c -> String.format("\\u%04X", c))
                .collect(java.util.stream.Collectors.joining());
        assertFalse(text.contains(escapedWords), "passphrase words in the key file");
        assertTrue(text.contains("\\u738B"), "officer name stored in escaped form, so the search above is meaningful");
        assertFalse(contains(stored, master), "raw master key in the key file");
        assertFalse(text.contains(java.util.Base64.getEncoder().encodeToString(master)), "Base64 master key in the key file");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aWrongPassphraseIsRefusedAndCountedAndWaitingStartsAfterThreeFailures() throws Exception {
        VaultKeyring keyring = setUp(CryptoSuite.INTL, POLICY);
        for (int i = 1; i <= 3; i++) {
            UnlockResult.Refused refused = assertInstanceOf(UnlockResult.Refused.class, keyring.unlock("J10023", WRONG));
            assertEquals(10 - i, refused.remainingAttempts());
            assertEquals(Duration.ZERO, refused.retryAfter());
        }
        UnlockResult.Refused fourth = assertInstanceOf(UnlockResult.Refused.class, keyring.unlock("J10023", WRONG));
        assertEquals(Duration.ofSeconds(1), fourth.retryAfter());

        // an attempt during the wait is not tried and not counted, even with the right passphrase
        assertInstanceOf(UnlockResult.TooSoon.class, keyring.unlock("J10023", RIGHT));
        assertEquals(4, keyring.failedAttempts());

        clock.advance(Duration.ofSeconds(1));
        unlocked(keyring.unlock("J10023", RIGHT));
        assertEquals(0, keyring.failedAttempts(), "success resets the count");
    }

    @Test
    void anUnknownOfficerLooksExactlyLikeAWrongPassphrase() throws Exception {
        VaultKeyring keyring = setUp(CryptoSuite.INTL, POLICY);
        UnlockResult.Refused refused = assertInstanceOf(UnlockResult.Refused.class, keyring.unlock("NOBODY", RIGHT));
        assertEquals(9, refused.remainingAttempts());
    }

    @Test
    void theOfficerIsWarnedBeforeTheLastAttemptsAndTheVaultLocksOutAfterTen() throws Exception {
        VaultKeyring keyring = setUp(CryptoSuite.INTL, POLICY);
        for (int i = 1; i < 10; i++) {
            UnlockResult.Refused refused = assertInstanceOf(UnlockResult.Refused.class, keyring.unlock("J10023", WRONG));
            assertEquals(refused.remainingAttempts() <= 3, refused.warn(), "warning with " + refused.remainingAttempts() + " left");
            clock.advance(refused.retryAfter());
        }
        UnlockResult.LockedOut out = assertInstanceOf(UnlockResult.LockedOut.class, keyring.unlock("J10023", WRONG));
        assertFalse(out.keysDestroyed());
        assertInstanceOf(UnlockResult.LockedOut.class, keyring.unlock("J10023", RIGHT));
        assertEquals(VaultKeyring.State.LOCKED_OUT, VaultKeyring.open(file, POLICY, clock, random).state());
    }

    @Test
    void aDestroyingPolicyLeavesNoWrappedKeyAfterLockOut() throws Exception {
        VaultPolicy strict = POLICY.withLockout(2, true);
        VaultKeyring keyring = setUp(CryptoSuite.GM, strict);
        assertInstanceOf(UnlockResult.Refused.class, keyring.unlock("J10023", WRONG));
        UnlockResult.LockedOut out = assertInstanceOf(UnlockResult.LockedOut.class, keyring.unlock("J10023", WRONG));
        assertTrue(out.keysDestroyed());
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(".wrapped="), text);
        assertFalse(text.contains(".salt="), text);
        VaultKeyring reopened = VaultKeyring.open(file, strict, clock, random);
        assertEquals(VaultKeyring.State.WIPED, reopened.state());
        assertInstanceOf(UnlockResult.LockedOut.class, reopened.unlock("J10023", RIGHT));
    }

    @Test
    void aSecondOfficerEnrolledByTheFirstUnlocksTheSameVault() throws Exception {
        VaultKeyring keyring = setUp(CryptoSuite.INTL, POLICY);
        MasterKey key = unlocked(keyring.unlock("J10023", RIGHT)).masterKey();
        char[] liPass = "李警官的口令很长很长".toCharArray();
        keyring.enrol(key, new Officer("J20077", "李警官"), liPass, liPass);

        VaultKeyring reopened = VaultKeyring.open(file, POLICY, clock, random);
        assertEquals(List.of("J10023", "J20077"), reopened.officers().stream().map(Officer::id).toList());
        assertArrayEquals(key.bytes(), unlocked(reopened.unlock("J20077", liPass)).masterKey().bytes());
    }

    @Test
    void enrolmentRefusesAForeignKeyADuplicateAndABadPassphrase() throws Exception {
        VaultKeyring keyring = setUp(CryptoSuite.INTL, POLICY);
        MasterKey key = unlocked(keyring.unlock("J10023", RIGHT)).masterKey();
        MasterKey foreign = new MasterKey(new byte[MasterKey.BYTES]);
        char[] ok = "another long passphrase".toCharArray();
        assertThrows(IllegalArgumentException.class, () -> keyring.enrol(foreign, new Officer("X1", "X"), ok, ok));
        assertThrows(IllegalArgumentException.class, () -> keyring.enrol(key, WANG, ok, ok));
        PassphraseRejectedException e = assertThrows(PassphraseRejectedException.class,
                () -> keyring.enrol(key, new Officer("X2", "Y"), "short".toCharArray(), "shorter".toCharArray()));
        assertEquals(List.of(Problem.TOO_SHORT, Problem.TYPED_DIFFERENTLY), e.problems());
        assertEquals(1, VaultKeyring.open(file, POLICY, clock, random).officers().size());
    }

    @Test
    void aClosedMasterKeyCannotBeUsed() throws Exception {
        MasterKey key = unlocked(setUp(CryptoSuite.INTL, POLICY).unlock("J10023", RIGHT)).masterKey();
        key.close();
        assertThrows(IllegalStateException.class, key::bytes);
    }

    @Test
    void setUpRefusesToOverwriteAnExistingVault() throws Exception {
        setUp(CryptoSuite.INTL, POLICY);
        byte[] before = Files.readAllBytes(file);
        assertThrows(java.io.IOException.class, () -> setUp(CryptoSuite.INTL, POLICY));
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void aDamagedKeyFileIsReportedByFieldAndLeftAsItWas() throws Exception {
        setUp(CryptoSuite.INTL, POLICY);
        String original = Files.readString(file, StandardCharsets.ISO_8859_1);
        Files.writeString(file, original.replaceAll("(?m)^suite=.*$", "suite=rot13"), StandardCharsets.ISO_8859_1);
        VaultFileException e = assertThrows(VaultFileException.class, () -> VaultKeyring.open(file, POLICY, clock, random));
        assertTrue(e.getMessage().contains("'suite'"), e.getMessage());

        Files.writeString(file, original.replaceAll("(?m)^officer\\.J10023\\.salt=.*$", "officer.J10023.salt=***"),
                StandardCharsets.ISO_8859_1);
        e = assertThrows(VaultFileException.class, () -> VaultKeyring.open(file, POLICY, clock, random));
        assertTrue(e.getMessage().contains("officer.J10023.salt"), e.getMessage());
        assertTrue(Files.readString(file, StandardCharsets.ISO_8859_1).contains("salt=***"), "file left untouched");
    }

    @Test
    void backoffDoublesUpToTheCap() {
        VaultPolicy p = VaultPolicy.DEFAULT;
        assertEquals(Duration.ZERO, p.backoffAfter(3));
        assertEquals(Duration.ofSeconds(1), p.backoffAfter(4));
        assertEquals(Duration.ofSeconds(8), p.backoffAfter(7));
        assertEquals(Duration.ofMinutes(5), p.backoffAfter(40));
    }

    private VaultKeyring setUp(CryptoSuite suite, VaultPolicy policy) throws Exception {
        return VaultKeyring.setUp(file, "FIELD-07", suite, WANG, RIGHT, RIGHT, policy, clock, random);
    }

    private static UnlockResult.Unlocked unlocked(UnlockResult result) {
        return assertInstanceOf(UnlockResult.Unlocked.class, result, () -> "expected unlock, got " + result);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
