package org.doorstep.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.doorstep.vault.crypto.CryptoSuite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tampering with the stored audit trail, below the vault's API (with the master key, as an insider who
 * knows a passphrase could), is detected by {@link Vault#verifyAudit()}: edits, deletions, reordering,
 * truncation and foreign signatures.
 */
class AuditTamperTest {

    @TempDir
    Path dir;
    private Fixture f;

    @BeforeEach
    void fixture() {
        f = new Fixture(dir);
    }

    /** One trail per suite, written once and copied for each test (creating an encrypted database takes a while). */
    @TempDir
    static Path templates;

    /** Set-up, unlock, 1 create + 1 form, 3 transitions: 7 entries, then the lock makes 8. */
    private void writeTrail(CryptoSuite suite) throws Exception {
        Path template = templates.resolve(suite.id());
        synchronized (AuditTamperTest.class) {
            if (!Files.exists(template)) {
                writeTrail(suite, new Fixture(template));
            }
        }
        try (Stream<Path> walk = Files.walk(template)) {
            for (Path from : walk.toList()) {
                Path to = dir.resolve(template.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
    }

    private static void writeTrail(CryptoSuite suite, Fixture f) throws Exception {
        try (Vault vault = f.setUp(suite)) {
            String id = vault.cases().create("周九", false, List.of(VaultTest.form("{}"))).id();
            vault.cases().moveTo(id, CaseState.COMPLETE, null);
            vault.cases().moveTo(id, CaseState.SEALED, null);
            vault.cases().moveTo(id, CaseState.QUEUED, null);
            assertTrue(vault.verifyAudit().intact());
            assertEquals(7, vault.verifyAudit().entries());
        }
    }

    private List<String> tamperAndVerify(String... statements) throws Exception {
        try (DbProbe probe = DbProbe.open(f)) {
            for (String sql : statements) {
                probe.update(sql);
            }
        }
        try (Vault vault = f.reopenUnlocked()) {
            AuditReport report = vault.verifyAudit();
            assertFalse(report.intact(), "tampering went unnoticed");
            return report.problems();
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void anEditedEntryIsDetected(CryptoSuite suite) throws Exception {
        writeTrail(suite);
        List<String> problems = tamperAndVerify("UPDATE audit SET detail = 'draft → complete' WHERE seq = 6");
        assertTrue(problems.contains("entry 6 (SEAL) was altered after it was written"), problems.toString());
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void anEditedTimeOrOfficerIsDetected(CryptoSuite suite) throws Exception {
        writeTrail(suite);
        List<String> problems = tamperAndVerify("UPDATE audit SET at_ms = at_ms - 3600000 WHERE seq = 3",
                "UPDATE audit SET officer_id = 'J99999' WHERE seq = 5");
        assertTrue(problems.contains("entry 3 (CASE_CREATED) was altered after it was written"), problems.toString());
        assertTrue(problems.contains("entry 5 (CASE_COMPLETED) was altered after it was written"), problems.toString());
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aDeletedEntryIsDetected(CryptoSuite suite) throws Exception {
        writeTrail(suite);
        List<String> problems = tamperAndVerify("DELETE FROM audit WHERE seq = 4");
        assertTrue(problems.contains("entries 4 are missing (deleted)"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("entry 5 does not follow")), problems.toString());
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void reorderedEntriesAreDetected(CryptoSuite suite) throws Exception {
        writeTrail(suite);
        List<String> problems = tamperAndVerify("UPDATE audit SET seq = -5 WHERE seq = 5",
                "UPDATE audit SET seq = 5 WHERE seq = 6", "UPDATE audit SET seq = 6 WHERE seq = -5");
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("entry 5 does not follow")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("entry 6 does not follow")), problems.toString());
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void entriesCutFromTheEndAreDetected(CryptoSuite suite) throws Exception {
        writeTrail(suite);
        // the last entry is the lock (8); cut it and the queue entry before it
        List<String> problems = tamperAndVerify("DELETE FROM audit WHERE seq >= 7");
        assertTrue(problems.contains("entries 7–8 are missing (deleted)"), problems.toString());
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void entriesCutFromTheEndWithoutAnotherUnlockAreDetectedByTheSignedEnd(CryptoSuite suite) throws Exception {
        writeTrail(suite);
        try (DbProbe probe = DbProbe.open(f)) {
            probe.update("DELETE FROM audit WHERE seq >= 7");
            AuditReport report = AuditTrail.verify(probe.db.connection(), suite, probe.devicePublicKey());
            assertEquals(List.of("the trail ends at entry 6 but its signed end marker says 8 (entries were cut from the end)"),
                    report.problems());
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void anEntryRehashedAndSignedWithAnotherKeyIsDetected(CryptoSuite suite) throws Exception {
        writeTrail(suite);
        org.doorstep.vault.crypto.DeviceKey forger = org.doorstep.vault.crypto.DeviceKey.generate(suite, f.random);
        try (DbProbe probe = DbProbe.open(f)) {
            AuditEntry e = AuditTrail.read(probe.db.connection(), 6, 1).get(0);
            String detail = "forged";
            byte[] hash = AuditTrail.hash(suite, e.previousHash(), e.seq(), e.at().toEpochMilli(), e.officerId(),
                    e.action().name(), e.caseId(), detail);
            try (var ps = probe.db.connection().prepareStatement(
                    "UPDATE audit SET detail = ?, hash = ?, signature = ? WHERE seq = 6")) {
                ps.setString(1, detail);
                ps.setBytes(2, hash);
                ps.setBytes(3, forger.sign(hash));
                ps.executeUpdate();
            }
            probe.db.connection().commit();
            List<String> problems = AuditTrail.verify(probe.db.connection(), suite, probe.devicePublicKey()).problems();
            assertTrue(problems.contains("entry 6 is not signed by this laptop's device key"), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("entry 7 does not follow")), problems.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void anUntouchedTrailVerifiesAfterRestarts(CryptoSuite suite) throws Exception {
        writeTrail(suite);
        for (int i = 0; i < 2; i++) {
            try (Vault vault = f.reopenUnlocked()) {
                assertTrue(vault.verifyAudit().intact(), () -> vault.verifyAudit().problems().toString());
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().equals("derby.log")), "no derby.log written");
        }
    }
}
