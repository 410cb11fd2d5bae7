package org.doorstep.cli;

import static org.doorstep.cli.CliRun.OFFICER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.doorstep.vault.CaseState;
import org.doorstep.vault.Fixture;
import org.doorstep.vault.Vault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync commands refuse what they cannot do, with one line and the right exit code, and change nothing: the
 * end-to-end path with a running HQ is {@code LocalHqTest} (offline-sync/hq), which uses the same service classes.
 */
class SyncCommandsTest {

    @TempDir
    Path dir;

    @Test
    void aLaptopThatIsNotEnrolledRefusesToSealSyncOrExportAndKeepsItsCase() throws Exception {
        CliRun cli = new CliRun(dir.resolve("data"));
        cli.setUp();
        String id = cli.asOfficer("import", CliRun.examples().resolve("case.json").toString(), "--as", OFFICER)
                .assertOk().out().strip();

        cli.asOfficer("seal", id, "--as", OFFICER).assertFails(VaultCli.EXIT_REFUSED, "not enrolled");
        cli.asOfficer("sync", "--as", OFFICER, "--wait", "5").assertFails(VaultCli.EXIT_REFUSED, "not enrolled");
        cli.asOfficer("export", dir.resolve("stick").toString(), "--as", OFFICER)
                .assertFails(VaultCli.EXIT_REFUSED, "not enrolled");
        try (Vault vault = new Fixture(cli.data).reopenUnlocked()) {
            assertEquals(CaseState.DRAFT, vault.cases().get(id).state(), "a refused seal leaves the draft as it was");
            assertEquals(0, vault.packets().open().size());
        }
    }

    @Test
    void badEnrolmentArgumentsAreRefusedBeforeAnythingIsSent() throws Exception {
        CliRun cli = new CliRun(dir.resolve("data"));
        cli.setUp();
        cli.run("", Map.of(), "sync-enrol", "--as", OFFICER, "--hq", "ftp://hq", "--code", "X", "--ca", "Y")
                .assertFails(VaultCli.EXIT_BAD_INPUT, "--hq: not an http(s) address");
        cli.asOfficer("sync-enrol", "--as", OFFICER, "--hq", "http://127.0.0.1:9/v1/enrol", "--code",
                "PKT6-C5XK-DKW6-XA9V-QVYZ-0H42-Z4AY", "--ca", "SHA256:12").assertFails(VaultCli.EXIT_REFUSED,
                        "the CA fingerprint must be 32 bytes of hex");
        cli.asOfficer("sync", "--as", OFFICER, "--wait", "soon").assertFails(VaultCli.EXIT_BAD_INPUT,
                "--wait needs a whole number of seconds");
        Files.createDirectories(dir.resolve("empty"));
        cli.asOfficer("receipts", dir.resolve("empty").toString(), "--as", OFFICER).assertFails(VaultCli.EXIT_BAD_INPUT,
                "no answers from HQ");
    }
}
