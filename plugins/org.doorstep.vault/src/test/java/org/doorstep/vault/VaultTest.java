package org.doorstep.vault;

import static org.doorstep.vault.Fixture.PASSPHRASE;
import static org.doorstep.vault.Fixture.WANG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.keys.Officer;
import org.doorstep.vault.keys.UnlockResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VaultTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aCaseIsStoredEncryptedAndReadBackAfterARestartInBothSuites(CryptoSuite suite) throws Exception {
        Fixture f = new Fixture(dir);
        String id;
        List<NewItem> items = Fixture.typicalCase("张三 MARKER");
        try (Vault vault = f.setUp(suite)) {
            CaseSummary created = vault.cases().create("张三 · 护照", true, items);
            id = created.id();
            assertEquals(CaseState.DRAFT, created.state());
            assertTrue(created.urgent());
            assertEquals(WANG.id(), created.officerId());
        }
        try (Vault vault = f.reopen()) {
            assertEquals(Vault.Status.LOCKED, vault.status());
            assertThrows(VaultException.Locked.class, () -> vault.cases().list());
            assertInstanceOf(UnlockResult.Unlocked.class, vault.unlock(WANG.id(), PASSPHRASE.toCharArray()));
            assertEquals(suite, vault.suite());
            CaseSummary read = vault.cases().get(id);
            assertEquals("张三 · 护照", read.label());
            for (NewItem item : items) {
                assertArrayEquals(item.content(), vault.cases().read(id, item.slot()), item.slot());
            }
            assertEquals(items.size(), vault.cases().items(id).size());
            assertTrue(vault.verifyAudit().intact(), () -> vault.verifyAudit().problems().toString());
        }
    }

    @Test
    void theLifecycleGoesForwardOnlyAlongItsArrowsAndSaysWhyNot() throws Exception {
        Fixture f = new Fixture(dir);
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            CaseStore cases = vault.cases();
            String id = cases.create("李四", false, List.of(form("{}"))).id();

            VaultException.IllegalTransition e = assertThrows(VaultException.IllegalTransition.class,
                    () -> cases.moveTo(id, CaseState.SEALED, null));
            assertTrue(e.getMessage().contains("is draft and cannot become sealed"), e.getMessage());
            assertTrue(e.getMessage().contains("it can become: complete"), e.getMessage());
            assertEquals(CaseState.DRAFT, cases.get(id).state(), "a refused change changes nothing");

            cases.moveTo(id, CaseState.COMPLETE, null);
            assertThrows(VaultException.IllegalTransition.class, () -> cases.put(id, List.of(form("{\"x\":1}"))),
                    "only a draft can be edited");
            cases.moveTo(id, CaseState.DRAFT, "photo retaken");
            cases.put(id, List.of(form("{\"x\":1}")));
            cases.moveTo(id, CaseState.COMPLETE, null);
            cases.moveTo(id, CaseState.SEALED, null);
            assertThrows(VaultException.IllegalTransition.class, () -> cases.moveTo(id, CaseState.DELIVERED, null),
                    "only a receipt delivers");
            cases.moveTo(id, CaseState.QUEUED, null);
            cases.moveTo(id, CaseState.SENT, null);
            cases.moveTo(id, CaseState.REJECTED, "照片不合格 photo rejected");
            assertEquals("照片不合格 photo rejected", cases.get(id).note());
            cases.moveTo(id, CaseState.DRAFT, null);
            assertThrows(IllegalArgumentException.class, () -> cases.moveTo(id, CaseState.REJECTED, " "));
            assertThrows(VaultException.IllegalTransition.class, () -> cases.acceptReceipt(id, "r-1"),
                    "a draft has no receipt");
            assertThrows(VaultException.NoSuchCase.class, () -> cases.get("00000000-0000-0000-0000-000000000000"));

            List<AuditAction> actions = vault.auditEntries(1, 1000).stream().map(AuditEntry::action).toList();
            assertEquals(List.of(AuditAction.DEVICE_SET_UP, AuditAction.UNLOCK, AuditAction.CASE_CREATED,
                    AuditAction.CASE_EDITED, AuditAction.CASE_COMPLETED, AuditAction.CASE_REOPENED, AuditAction.CASE_EDITED,
                    AuditAction.CASE_COMPLETED, AuditAction.SEAL, AuditAction.QUEUE, AuditAction.SEND,
                    AuditAction.REJECTED, AuditAction.CASE_REOPENED), actions);
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aDeliveredCaseIsShreddedAndCannotBeReadEvenUnlocked(CryptoSuite suite) throws Exception {
        Fixture f = new Fixture(dir);
        String id;
        String other;
        try (Vault vault = f.setUp(suite)) {
            CaseStore cases = vault.cases();
            id = cases.create("王五", false, Fixture.typicalCase("王五")).id();
            other = cases.create("赵六", false, List.of(form("{\"keep\":true}"))).id();
            for (CaseState s : List.of(CaseState.COMPLETE, CaseState.SEALED, CaseState.QUEUED, CaseState.SENT)) {
                cases.moveTo(id, s, null);
            }
            CaseSummary shredded = cases.acceptReceipt(id, "HQ-RCPT-0001");
            assertEquals(CaseState.SHREDDED, shredded.state());
            assertNull(shredded.label());
        }
        try (Vault vault = f.reopenUnlocked()) {
            CaseStore cases = vault.cases();
            assertEquals(CaseState.SHREDDED, cases.get(id).state());
            assertThrows(VaultException.Shredded.class, () -> cases.read(id, "photo"));
            assertThrows(VaultException.Shredded.class, () -> cases.read(id, "form"));
            assertEquals(List.of(), cases.items(id));
            assertArrayEquals("{\"keep\":true}".getBytes(StandardCharsets.UTF_8), cases.read(other, "form"),
                    "other cases are untouched");
            List<AuditEntry> trail = vault.auditEntries(1, 1000);
            assertTrue(trail.stream().anyMatch(e -> e.action() == AuditAction.RECEIPT && id.equals(e.caseId())
                    && e.detail().contains("HQ-RCPT-0001")));
            assertTrue(trail.stream().anyMatch(e -> e.action() == AuditAction.SHRED && id.equals(e.caseId())));
            assertTrue(vault.verifyAudit().intact());
        }
        // Below the API: with the master key in hand, the database has no key and no item of the case left.
        try (DbProbe probe = DbProbe.open(f)) {
            assertEquals(0, probe.count("SELECT COUNT(*) FROM case_keys WHERE case_id = ?", id));
            assertEquals(0, probe.count("SELECT COUNT(*) FROM case_items WHERE case_id = ?", id));
            assertEquals(0, probe.count("SELECT COUNT(*) FROM cases WHERE id = ? AND label_sealed IS NOT NULL", id));
            assertEquals(1, probe.count("SELECT COUNT(*) FROM case_keys WHERE case_id = ?", other));
        }
    }

    @Test
    void severalOfficersEachUnlockWithTheirOwnPassphrase() throws Exception {
        Fixture f = new Fixture(dir);
        Officer li = new Officer("J20077", "李警官");
        char[] liPass = "往来港澳通行证 签注 0042".toCharArray();
        try (Vault vault = f.setUp(CryptoSuite.GM)) {
            vault.enrol(li, liPass, liPass);
            vault.cases().create("陈七", false, List.of(form("{}")));
        }
        try (Vault vault = f.reopen()) {
            assertInstanceOf(UnlockResult.Refused.class, vault.unlock(li.id(), PASSPHRASE.toCharArray()));
            assertInstanceOf(UnlockResult.Unlocked.class, vault.unlock(li.id(), liPass));
            assertEquals(li, vault.officer().orElseThrow());
            assertEquals(1, vault.cases().list().size());
            List<AuditEntry> trail = vault.auditEntries(1, 100);
            AuditEntry failed = trail.stream().filter(e -> e.action() == AuditAction.UNLOCK_FAILED).findFirst().orElseThrow();
            assertEquals(li.id(), failed.officerId(), "the failed attempt made while locked is in the trail");
            assertEquals(AuditAction.UNLOCK, trail.get(trail.size() - 1).action());
            assertTrue(vault.verifyAudit().intact());
        }
    }

    @Test
    void theVaultLocksItselfAfterTheIdleTime() throws Exception {
        Fixture f = new Fixture(dir);
        List<Vault.Status> seen = new ArrayList<>();
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            vault.addListener(seen::add);
            f.clock.advance(Duration.ofMinutes(4));
            vault.cases().list(); // use restarts the idle time
            f.clock.advance(Duration.ofMinutes(4));
            assertFalse(vault.lockIfIdle());
            assertEquals(Vault.Status.UNLOCKED, vault.status());
            f.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
            assertTrue(vault.lockIfIdle());
            assertEquals(Vault.Status.LOCKED, vault.status());
            assertEquals(List.of(Vault.Status.LOCKED), seen);
            assertThrows(VaultException.Locked.class, () -> vault.cases().list());
            vault.unlock(WANG.id(), PASSPHRASE.toCharArray());
            assertTrue(vault.auditEntries(1, 100).stream().anyMatch(e -> e.action() == AuditAction.IDLE_LOCK));
        }
    }

    @Test
    void badItemsAreRefusedBeforeAnythingIsStored() throws Exception {
        Fixture f = new Fixture(dir);
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            assertThrows(IllegalArgumentException.class, () -> new NewItem(ItemKind.PHOTO, "Photo!", "image/jpeg", new byte[1]));
            assertThrows(IllegalArgumentException.class, () -> new NewItem(ItemKind.PHOTO, "photo", "jpeg", new byte[1]));
            assertThrows(IllegalArgumentException.class, () -> new NewItem(ItemKind.PHOTO, "photo", "image/jpeg", new byte[0]));
            assertThrows(IllegalArgumentException.class,
                    () -> vault.cases().create("x", false, List.of(form("{}"), form("{\"again\":1}"))));
            assertThrows(IllegalArgumentException.class, () -> vault.cases().create(" ", false, List.of()));
            assertEquals(List.of(), vault.cases().list());
        }
    }

    @Test
    void wipingDestroysTheKeysAndTheDatabase() throws Exception {
        Fixture f = new Fixture(dir);
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            vault.cases().create("孙八", false, List.of(form("{}")));
            vault.wipe("lost laptop, remote command");
            assertEquals(Vault.Status.WIPED, vault.status());
        }
        assertFalse(java.nio.file.Files.exists(dir.resolve(Vault.DB_FOLDER)));
        try (Vault vault = f.reopen()) {
            assertEquals(Vault.Status.WIPED, vault.status());
            assertTrue(vault.wipeRecord().orElseThrow().endsWith(": lost laptop, remote command"),
                    "the key file keeps when and why: " + vault.wipeRecord());
            assertInstanceOf(UnlockResult.LockedOut.class, vault.unlock(WANG.id(), PASSPHRASE.toCharArray()));
        }
    }

    static NewItem form(String json) {
        return new NewItem(ItemKind.FORM, "form", "application/json", json.getBytes(StandardCharsets.UTF_8));
    }
}
