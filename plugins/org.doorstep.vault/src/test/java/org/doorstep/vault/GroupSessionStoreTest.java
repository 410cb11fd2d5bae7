package org.doorstep.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.doorstep.vault.crypto.CryptoSuite;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Group sessions kept sealed in the vault (schema 3), each change audited, stale saves refused. */
class GroupSessionStoreTest {

    private static final byte[] CONTENT = "{\"roster\":[\"张伟 110105194912310021\"]}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aSessionSurvivesLockingAndReopeningAndEveryChangeIsAudited(CryptoSuite suite) throws Exception {
        Fixture f = new Fixture(dir);
        String id;
        try (Vault vault = f.setUp(suite)) {
            GroupSessionStore.Stored s = vault.groupSessions().create(CONTENT, "company 9144");
            id = s.id();
            assertEquals(1, s.revision());
            byte[] changed = "{\"roster\":[]}".getBytes(StandardCharsets.UTF_8);
            assertEquals(2, vault.groupSessions().save(id, 1, changed, "roster imported: 3 rows").revision());
            VaultException stale = assertThrows(VaultException.IllegalTransition.class,
                    () -> vault.groupSessions().save(id, 1, CONTENT, "stale"));
            assertTrue(stale.getMessage().contains("changed elsewhere"), stale.getMessage());
        }
        try (Vault vault = f.reopenUnlocked()) {
            GroupSessionStore.Stored s = vault.groupSessions().get(id).orElseThrow();
            assertEquals(2, s.revision());
            assertArrayEquals("{\"roster\":[]}".getBytes(StandardCharsets.UTF_8), s.content());
            assertEquals(List.of(id), vault.groupSessions().list().stream().map(GroupSessionStore.Stored::id).toList());
            List<AuditEntry> audit = vault.auditEntries(1, 1000).stream()
                    .filter(e -> e.action() == AuditAction.GROUP_SESSION).toList();
            assertEquals(2, audit.size(), "create and one save; the refused save left nothing");
            assertTrue(audit.get(1).detail().endsWith("roster imported: 3 rows"), audit.get(1).detail());
            assertTrue(vault.verifyAudit().intact());
            vault.groupSessions().delete(id, "ended");
            assertTrue(vault.groupSessions().get(id).isEmpty());
        }
    }

    @Test
    void theContentIsSealedBelowTheDatabase() throws Exception {
        Fixture f = new Fixture(dir);
        String id;
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            id = vault.groupSessions().create(CONTENT, null).id();
        }
        try (DbProbe probe = DbProbe.open(f)) {
            byte[] raw;
            try (var ps = probe.db.connection().prepareStatement("SELECT content FROM group_sessions WHERE session_id = ?")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    raw = rs.getBytes(1);
                }
            }
            assertTrue(raw.length > CONTENT.length);
            assertTrue(!new String(raw, StandardCharsets.ISO_8859_1).contains("110105194912310021"),
                    "no identity number in clear in the row");
        }
    }

    @Test
    void aSchemaTwoVaultGetsTheGroupSessionTableAtUnlock() throws Exception {
        Fixture f = new Fixture(dir);
        String caseId;
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            caseId = vault.cases().create("二版", false, Fixture.typicalCase("x")).id();
        }
        try (DbProbe probe = DbProbe.open(f)) {
            SchemaUpgradeTest.downgradeToSchemaTwo(probe.db.connection());
        }
        try (Vault vault = f.reopenUnlocked()) {
            assertEquals(CaseState.DRAFT, vault.cases().get(caseId).state());
            assertEquals(List.of(), vault.groupSessions().list());
            assertEquals("schema 2 → 3", vault.auditEntries(1, 1000).stream()
                    .filter(e -> e.action() == AuditAction.SCHEMA_UPGRADED).findFirst().orElseThrow().detail());
            vault.groupSessions().create(CONTENT, null);
        }
    }
}
