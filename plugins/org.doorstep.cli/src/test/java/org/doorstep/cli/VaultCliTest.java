package org.doorstep.cli;

import static org.doorstep.cli.CliRun.OFFICER;
import static org.doorstep.cli.CliRun.PASSPHRASE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.domain.checklist.Checklist;
import org.doorstep.domain.checklist.ChecklistJson;
import org.doorstep.domain.checklist.ItemKey;
import org.doorstep.domain.form.CaseForm;
import org.doorstep.domain.form.FormJson;
import org.doorstep.domain.visit.Presence;
import org.doorstep.domain.visit.VisitJson;
import org.doorstep.domain.visit.VisitRecord;

import org.doorstep.vault.AuditAction;
import org.doorstep.vault.AuditEntry;
import org.doorstep.vault.AuditTampering;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.CaseSummary;
import org.doorstep.vault.Fixture;
import org.doorstep.vault.Vault;
import org.doorstep.vault.crypto.Argon2Settings;
import org.doorstep.vault.keys.VaultPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

class VaultCliTest {

    private static final String LI_PASSPHRASE = "往来港澳通行证 签注 0042";
    private static final String ZHAO_PASSPHRASE = "出入境 上门服务 赵 7788";

    @TempDir
    Path dir;

    @Test
    void supportStaffSetUpEnrolImportListVerifyAndWipeALaptop() throws Exception {
        CliRun cli = new CliRun(dir.resolve("data"));
        cli.setUp();

        CliRun.Result status = cli.run("", Map.of(), "status").assertOk();
        assertTrue(status.out().contains("FIELD-07"), status.out());
        assertTrue(status.out().contains("J10023 (王警官)"), status.out());
        assertTrue(status.out().contains("vault:            locked"), status.out());

        // enrol with every passphrase on standard input: the unlocking one, then the new one twice
        cli.run(PASSPHRASE + "\n" + LI_PASSPHRASE + "\n" + LI_PASSPHRASE + "\n", Map.of(),
                "enrol", "--officer", "J20077", "--name", "李警官", "--as", OFFICER).assertOk();
        // and with both in the environment, unlocked by the officer just enrolled
        cli.run("", Map.of(Passphrases.ENV, LI_PASSPHRASE, Passphrases.ENV_NEW, ZHAO_PASSPHRASE),
                "enrol", "--officer", "J30001", "--name", "赵警官", "--as", "J20077").assertOk();

        // the documented example, imported by the second officer
        Path example = CliRun.examples().resolve("case.json");
        CliRun.Result imported = cli.run(LI_PASSPHRASE + "\n", Map.of(), "import", example.toString(), "--as", "J20077")
                .assertOk();
        String id = imported.out().strip();
        assertTrue(id.matches("[0-9a-f-]{36}"), "prints the new case id: " + id);

        CliRun.Result table = cli.run("", Map.of(Passphrases.ENV, ZHAO_PASSPHRASE), "list", "--as", "J30001").assertOk();
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith(id.substring(0, 8)) && l.contains("draft")
                && l.contains("J20077") && l.endsWith("张三 · 普通护照 + 往来港澳通行证")), table.out());

        JsonNode listed = JsonMapper.builder().build().readTree(cli.listJson());
        assertEquals(1, listed.size());
        assertEquals(id, listed.get(0).get("id").textValue());
        assertEquals("draft", listed.get(0).get("state").textValue());
        assertFalse(listed.get(0).get("urgent").booleanValue());

        CliRun.Result verified = cli.asOfficer("verify", "--as", OFFICER).assertOk();
        assertTrue(verified.out().startsWith("audit trail intact: "), verified.out());

        // what was stored, read back through the vault's own API and the domain's readers
        JsonNode caseFile = JsonMapper.builder().build().readTree(Files.readAllBytes(example));
        CaseForm form = FormJson.read(JsonMapper.builder().build().writeValueAsBytes(caseFile.get("form")));
        try (Vault vault = new Fixture(cli.data).reopenUnlocked()) {
            assertEquals(List.of("checklist application/json", "finger.l1 image/png", "finger.r1 image/x-wsq",
                    "form application/json", "photo image/jpeg", "photo.witness image/jpeg", "scan.id-card application/pdf",
                    "scan.relative-id application/pdf", "visit application/json"),
                    vault.cases().items(id).stream().map(i -> i.slot() + " " + i.mediaType()).toList());
            byte[] storedForm = vault.cases().read(id, "form");
            assertEquals(form, FormJson.read(storedForm), "the form as the case file gave it");
            assertArrayEquals(FormJson.write(form), storedForm, "written as the domain writes it: compact, in its order");
            assertTrue(new String(storedForm, StandardCharsets.UTF_8).startsWith(
                    "{\"format\":\"doorstep-form/1\",\"applicant\":{\"name\":\"张三\",\"idNumber\":\"11010519491231002X\"}"));

            Checklist checklist = Checklist.restore(Catalogue.builtIn(), form, ChecklistJson.read(vault.cases().read(id, "checklist")));
            assertEquals(LocalDate.of(2026, 11, 20), checklist.visitDate());
            assertEquals(Optional.of("scan.id-card"), checklist.item(ItemKey.of("resident-id-card")).orElseThrow().scan());
            assertEquals(Optional.of("scan.relative-id"), checklist.item(ItemKey.of("relative-hkmo-id")).orElseThrow().scan());
            assertEquals(Optional.of(LocalDate.of(2026, 12, 5)), checklist.item(ItemKey.of("kinship-proof")).orElseThrow()
                    .deadline(), "the catalogue's 15 days for a proof of kinship");
            assertTrue(checklist.canComplete());

            VisitRecord visit = VisitJson.read(vault.cases().read(id, "visit"));
            assertEquals("J10023", visit.officer().id());
            assertEquals(Instant.parse("2026-11-20T01:30:00Z"), visit.start());
            assertEquals("photo.witness", ((Presence.Witnessed) visit.presence()).photo());

            assertArrayEquals(Fixture.resource("obama.jpg"), vault.cases().read(id, "photo"));
            assertArrayEquals(Files.readAllBytes(CliRun.examples().resolve("scan-id-card.pdf")),
                    vault.cases().read(id, "scan.id-card"));
        }

        cli.run("", Map.of(), "wipe", "--yes", "--reason", "laptop returned").assertOk();
        assertTrue(cli.run("", Map.of(), "status").assertOk().out().contains("vault:            wiped"));
        cli.asOfficer("list", "--as", OFFICER).assertFails(VaultCli.EXIT_REFUSED, "has been wiped");
        assertFalse(Files.exists(cli.data.resolve("db")), "the database is gone");

        cli.setUp(); // a wiped laptop is set up afresh, for a new deployment
        assertTrue(cli.run("", Map.of(), "status").assertOk().out().contains("vault:            locked"));
        cli.asOfficer("list", "--as", OFFICER).assertOk();
    }

    @Test
    void everyAttachmentKindIsStoredWithTheMediaTypeOfItsContent() throws Exception {
        CliRun cli = new CliRun(dir.resolve("data"));
        cli.setUp();
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.write(in.resolve("photo.png"), Fixture.resource("probe.png"));
        Files.write(in.resolve("signature.jpg"), Fixture.resource("biden.jpg"));
        Files.write(in.resolve("disability.pdf"), MediaCheckTest.PDF);
        // named .png but JPEG inside: the content decides
        Files.write(in.resolve("finger.png"), Fixture.resource("obama.jpg"));
        Files.writeString(in.resolve("case.json"), """
                {"format": "doorstep-case/2", "label": "李四 · 护照（加急）", "visitDate": "2026-11-20",
                 "form": {"format": "doorstep-form/1",
                   "applicant": {"name": "李四", "idNumber": "110102197001010039", "phone": "13700000000"},
                   "visit": {"reason": "disabled", "evidence": "scan.disability"},
                   "applications": [{"type": "passport", "issue": "first"}],
                   "urgent": {"reason": "funeral", "evidence": "scan.funeral", "neededBy": "2026-11-25"},
                   "delivery": {"method": "collect"},
                   "contact": {"address": "北京市东城区某胡同 5 号"}},
                 "attachments": [
                   {"kind": "photo", "slot": "photo", "file": "photo.png"},
                   {"kind": "signature", "slot": "signature", "file": "signature.jpg"},
                   {"kind": "scan", "slot": "scan.disability", "file": "%s"},
                   {"kind": "scan", "slot": "scan.funeral", "file": "signature.jpg", "material": "funeral-proof"},
                   {"kind": "fingerprint", "slot": "finger.r2", "file": "finger.png"}]}
                """.formatted(in.resolve("disability.pdf").toString().replace("\\", "\\\\")));
        String id = cli.asOfficer("import", in.resolve("case.json").toString(), "--as", OFFICER).assertOk().out().strip();

        try (Vault vault = new Fixture(cli.data).reopenUnlocked()) {
            CaseSummary c = vault.cases().get(id);
            assertTrue(c.urgent(), "the form asks for urgent processing");
            assertEquals(CaseState.DRAFT, c.state());
            assertEquals(List.of("checklist application/json", "finger.r2 image/jpeg", "form application/json",
                    "photo image/png", "scan.disability application/pdf", "scan.funeral image/jpeg", "signature image/jpeg"),
                    vault.cases().items(id).stream().map(i -> i.slot() + " " + i.mediaType()).toList());
            String form = new String(vault.cases().read(id, "form"), StandardCharsets.UTF_8);
            assertTrue(form.startsWith("{\"format\":\"doorstep-form/1\",\"applicant\":{\"name\":\"李四\""), form);
            assertFalse(form.contains(" \"") || form.contains("\n"), "compact: " + form);
            // the form's evidence counts as present; the officer still owes the ID card scan
            String checklist = new String(vault.cases().read(id, "checklist"), StandardCharsets.UTF_8);
            assertTrue(checklist.contains("{\"material\":\"disability-certificate\",\"status\":\"present\",\"scan\":\"scan.disability\"}"), checklist);
            assertTrue(checklist.contains("{\"material\":\"funeral-proof\",\"status\":\"present\",\"scan\":\"scan.funeral\"}"), checklist);
            assertTrue(checklist.contains("{\"material\":\"resident-id-card\",\"status\":\"missing\"}"), checklist);
        }
        assertTrue(cli.asOfficer("list", "--as", OFFICER, "--state", "draft").out().contains("urgent"));
        Files.writeString(in.resolve("two-lines.json"), CaseFiles.caseWith("").replace("\"张三\", \"visitDate", "\"王五\\n第二行\", \"visitDate"));
        cli.asOfficer("import", in.resolve("two-lines.json").toString(), "--as", OFFICER).assertOk();
        assertEquals(3, cli.asOfficer("list", "--as", OFFICER).out().lines().count(), "one line per case, and the heading");
        assertEquals("no sealed cases on this laptop\n",
                cli.asOfficer("list", "--as", OFFICER, "--state", "sealed").assertOk().out());
    }

    @Test
    void aWrongPassphraseIsRefusedWithTheAttemptsLeftAndNoCaseChanges() {
        CliRun cli = new CliRun(dir.resolve("data"));
        cli.setUp();
        cli.asOfficer("import", CliRun.examples().resolve("case.json").toString(), "--as", OFFICER).assertOk();
        String before = cli.listJson();
        long entries = cli.auditEntries();

        cli.run("", Map.of(Passphrases.ENV, "not the passphrase at all"), "import",
                CliRun.examples().resolve("case.json").toString(), "--as", OFFICER)
                .assertFails(VaultCli.EXIT_REFUSED, "wrong passphrase for officer J10023")
                .assertFails(VaultCli.EXIT_REFUSED, "9 attempts left");
        assertTrue(cli.run("", Map.of(), "status").out().contains("failed attempts:  1"));

        assertEquals(before, cli.listJson(), "no case was added");
        // nothing but: the first verify's lock, the failed attempt (moved in at the next unlock), list's unlock
        // and lock, and the second verify's unlock
        assertEquals(entries + 5, cli.auditEntries());
        try (Vault vault = new Fixture(cli.data).reopenUnlocked()) {
            List<AuditEntry> trail = vault.auditEntries(1, 1000);
            assertEquals(1, trail.stream().filter(e -> e.action() == AuditAction.UNLOCK_FAILED).count());
            assertEquals(1, trail.stream().filter(e -> e.action() == AuditAction.CASE_CREATED).count());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void backOffAndLockOutAreEachReportedInOneLine() {
        VaultPolicy strict = new VaultPolicy(3, false, 2, 1, Duration.ofMinutes(5), Duration.ofMinutes(5),
                new Argon2Settings(256, 1, 1));
        CliRun cli = new CliRun(dir.resolve("data"), strict);
        cli.setUp();
        Map<String, String> wrong = Map.of(Passphrases.ENV, "wrong passphrase, twice");

        cli.run("", wrong, "verify", "--as", OFFICER).assertFails(VaultCli.EXIT_REFUSED, "2 attempts left");
        cli.run("", wrong, "verify", "--as", OFFICER).assertFails(VaultCli.EXIT_REFUSED, "WARNING: only 1 attempt left")
                .assertFails(VaultCli.EXIT_REFUSED, "the next attempt is accepted in 1 s");
        cli.asOfficer("verify", "--as", OFFICER).assertFails(VaultCli.EXIT_REFUSED, "wait 1 s before the next attempt");

        sleep(Duration.ofMillis(1100));
        cli.run("", wrong, "verify", "--as", OFFICER).assertFails(VaultCli.EXIT_REFUSED, "locked out");
        cli.asOfficer("verify", "--as", OFFICER).assertFails(VaultCli.EXIT_REFUSED, "take it back to HQ");
        assertTrue(cli.run("", Map.of(), "status").out().contains("locked out"));
    }

    @Test
    void aBrokenAuditTrailIsListedAndExitsWithThree() throws Exception {
        CliRun cli = new CliRun(dir.resolve("data"));
        cli.setUp();
        AuditTampering.alterDetail(cli.data, 1, "device FIELD-99");

        CliRun.Result r = cli.asOfficer("verify", "--as", OFFICER)
                .assertFails(VaultCli.EXIT_AUDIT_BROKEN, "audit trail broken: 1 problem in");
        assertEquals(List.of("problem: entry 1 (DEVICE_SET_UP) was altered after it was written"), r.out().lines().toList());
    }

    @Test
    void setUpTwiceIsRefusedAndChangesNothing() {
        CliRun cli = new CliRun(dir.resolve("data"));
        cli.setUp();
        var before = cli.snapshot();
        cli.run(PASSPHRASE + "\n" + PASSPHRASE + "\n", Map.of(), "setup", "--device", "OTHER", "--suite", "gm",
                "--officer", "J99999", "--name", "某人").assertFails(VaultCli.EXIT_BAD_INPUT, "there is already a vault in");
        assertEquals(before, cli.snapshot());
    }

    @Test
    void aRefusedPassphraseAtSetUpCreatesNothing() {
        CliRun cli = new CliRun(dir.resolve("data"));
        cli.run("too short\ntoo short!\n", Map.of(), "setup", "--device", "FIELD-07", "--suite", "intl", "--officer",
                OFFICER, "--name", "王警官").assertFails(VaultCli.EXIT_BAD_INPUT,
                        "refused: it has fewer than 10 characters; the repetition differs");
        cli.run(PASSPHRASE + "\n", Map.of(), "setup", "--device", "FIELD-07", "--suite", "intl", "--officer",
                OFFICER, "--name", "王警官").assertFails(VaultCli.EXIT_BAD_INPUT, "before the repetition");
        assertFalse(Files.exists(cli.data), "not even the data folder");
    }

    @Test
    void aPassphraseMissingFromStandardInputIsNotCountedAsAnAttempt() {
        CliRun cli = new CliRun(dir.resolve("data"));
        cli.setUp();
        var before = cli.snapshot();
        cli.run("", Map.of(), "list", "--as", OFFICER).assertFails(VaultCli.EXIT_BAD_INPUT, "set DOORSTEP_PASSPHRASE");
        cli.run("\n", Map.of(), "list", "--as", OFFICER).assertFails(VaultCli.EXIT_BAD_INPUT, "is empty; nothing was tried");
        assertEquals(before, cli.snapshot());
    }

    @Test
    void enrollingWithABadNewPassphraseOrAnEnrolledIdChangesNothing() {
        CliRun cli = new CliRun(dir.resolve("data"));
        cli.setUp();
        var before = cli.snapshot();
        cli.run(PASSPHRASE + "\nshort\nshort\n", Map.of(), "enrol", "--officer", "J20077", "--name", "李警官", "--as",
                OFFICER).assertFails(VaultCli.EXIT_BAD_INPUT, "passphrase for officer J20077 refused");
        cli.run("", Map.of(Passphrases.ENV, PASSPHRASE, Passphrases.ENV_NEW, LI_PASSPHRASE), "enrol", "--officer", OFFICER,
                "--name", "王警官", "--as", OFFICER).assertFails(VaultCli.EXIT_BAD_INPUT, "already enrolled");
        assertEquals(before, cli.snapshot(), "not even an unlock was recorded");
    }

    @Test
    void wipeWithoutYesRefusesAndChangesNothing() {
        CliRun cli = new CliRun(dir.resolve("data"));
        cli.setUp();
        cli.asOfficer("import", CliRun.examples().resolve("case.json").toString(), "--as", OFFICER).assertOk();
        var before = cli.snapshot();
        cli.run("", Map.of(), "wipe", "--reason", "test").assertFails(VaultCli.EXIT_BAD_INPUT, "Add --yes to confirm");
        assertEquals(before, cli.snapshot());
        assertEquals(1, cli.asOfficer("list", "--as", OFFICER, "--json").out().split("\"id\"").length - 1);
    }

    @Test
    void usageMistakesNameTheProblemAndHelpExplainsEveryCommand() {
        CliRun cli = new CliRun(dir.resolve("data"));
        cli.raw("", Map.of()).assertFails(VaultCli.EXIT_BAD_INPUT, "no command given");
        cli.raw("", Map.of(), "upload").assertFails(VaultCli.EXIT_BAD_INPUT, "unknown command 'upload'");
        cli.run("", Map.of(), "list", "--as", OFFICER, "--colour").assertFails(VaultCli.EXIT_BAD_INPUT,
                "list: unknown option --colour");
        cli.run("", Map.of(), "list").assertFails(VaultCli.EXIT_BAD_INPUT, "--as OFFICER_ID is required");
        cli.run("", Map.of(), "list", "--as").assertFails(VaultCli.EXIT_BAD_INPUT, "--as needs a value");
        cli.run("", Map.of(), "list", "--as", "a", "--as=b").assertFails(VaultCli.EXIT_BAD_INPUT, "--as is given twice");
        cli.run("", Map.of(), "list", "--as", "J 1").assertFails(VaultCli.EXIT_BAD_INPUT, "is not an officer id");
        cli.run("", Map.of(), "list", "--as", OFFICER, "--state", "lost").assertFails(VaultCli.EXIT_BAD_INPUT,
                "expected one of draft, complete");
        cli.run("", Map.of(), "import", "--as", OFFICER).assertFails(VaultCli.EXIT_BAD_INPUT, "CASE.json is missing");
        cli.run("", Map.of(), "setup", "--device", "D", "--suite", "des", "--officer", "J1", "--name", "N")
                .assertFails(VaultCli.EXIT_BAD_INPUT, "unknown crypto suite 'des'");
        cli.asOfficer("list", "--as", OFFICER).assertFails(VaultCli.EXIT_BAD_INPUT, "there is no vault in");
        assertTrue(cli.raw("", Map.of(), "--help").assertOk().out().contains("Exit codes"));
        for (String command : List.of("setup", "enrol", "import", "list", "verify", "status", "wipe", "id-check",
                "checklist", "photo-check", "finger-score")) {
            assertTrue(cli.raw("", Map.of(), command, "--help").assertOk().out().startsWith("usage: doorstep-cli " + command));
        }
        assertTrue(cli.run("", Map.of(), "status").assertOk().out().contains("not set up"));
        assertFalse(Files.exists(cli.data), "nothing was created");
    }

    @Test
    void aCommandWhoseEngineTheInstallationLacksNamesTheMissingPackage() {
        // in the product, photo-check runs without org.doorstep.photo on the class path until that engine ships
        assertEquals("org.doorstep.photo",
                VaultCli.missingPart(new NoClassDefFoundError("org/doorstep/photo/PhotoInputException")));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
