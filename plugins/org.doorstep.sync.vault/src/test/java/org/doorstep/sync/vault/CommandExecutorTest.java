package org.doorstep.sync.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.doorstep.domain.VisitReason;
import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.sync.command.Command;
import org.doorstep.sync.command.CommandType;
import org.doorstep.sync.command.SignedCommands;
import org.doorstep.sync.pki.PkiSuite;
import org.doorstep.vault.AuditAction;
import org.doorstep.vault.AuditEntry;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.HqCaseStatus;
import org.doorstep.vault.PacketRecord;
import org.doorstep.vault.StoredWorkOrder;
import org.doorstep.vault.Vault;
import org.doorstep.vault.VaultException;
import org.doorstep.vault.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** HQ's commands, signed by a real HQ key, carried out over a real vault; forgeries and replays change nothing. */
class CommandExecutorTest {

    static final String ORDER = """
            {"orderId":"WO-2026-000123","applicant":{"name":"张秀英","idNumber":"11010519491231002X","phone":"+86 138 0000 0000"},
             "address":"北京市西城区某街道 12 号 3 单元 401","reason":"aged-60-plus","documents":["passport","hk-macau-permit"],
             "due":"2026-11-28","note":"行动不便，请提前电话联系"}""";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aWorkOrderFromHqIsStoredSealedAndReadBack() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            CommandOutcome outcome = executor(laptop).execute(command(laptop, 1, CommandType.WORK_ORDER, ORDER));
            assertInstanceOf(CommandOutcome.CarriedOut.class, outcome, outcome.toString());
            assertEquals(1, laptop.vault.syncSettings().lastCommandSequence());
            StoredWorkOrder stored = laptop.vault.hqInbox().workOrder("WO-2026-000123").orElseThrow();
            WorkOrder order = WorkOrder.of(stored);
            assertEquals("张秀英", order.applicant().name());
            assertEquals(Optional.of("11010519491231002X"), order.applicant().idNumber());
            assertEquals(VisitReason.AGED_60_PLUS, order.reason());
            assertEquals(List.of("passport", "hk-macau-permit"), order.documents());
            assertEquals(Optional.of(LocalDate.of(2026, 11, 28)), order.due());
            AuditEntry entry = laptop.vault.auditEntries(1, 1000).getLast();
            assertEquals(AuditAction.WORK_ORDER, entry.action());
            assertFalse(entry.detail().contains("张秀英"), "no applicant data in the trail");
            // what the command line prints and what a log would show of the outcome
            for (String line : List.of(outcome.describe(), outcome.toString())) {
                assertFalse(line.contains("张秀英") || line.contains("11010519491231002X") || line.contains("138 0000"),
                        "no applicant data in " + line);
            }
            assertEquals("command 1 (WORK_ORDER) carried out: work order WO-2026-000123 stored", outcome.describe());
        }
    }

    @Test
    void forgedReplayedExpiredAndOtherDeviceCommandsAreRefusedAndChangeNothing() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            CommandExecutor executor = executor(laptop);
            byte[] first = command(laptop, 5, CommandType.WORK_ORDER, ORDER);
            assertInstanceOf(CommandOutcome.CarriedOut.class, executor.execute(first));
            Instant now = laptop.fixture.clock.instant();
            KeyPair forger = PkiSuite.INTL.generateKeyPair(laptop.random);
            String revoke = "{\"reason\":\"forged\"}";
            List<Object[]> bad = List.of(
                    new Object[] {first, CommandOutcome.Reason.REPLAYED},
                    new Object[] {command(laptop, 4, CommandType.REVOKE, revoke), CommandOutcome.Reason.REPLAYED},
                    new Object[] {SignedCommands.sign(new Command(Laptop.DEVICE_ID, 6, now, now.plusSeconds(600),
                            CommandType.REVOKE, revoke), forger.getPrivate()), CommandOutcome.Reason.FORGED},
                    new Object[] {altered(command(laptop, 6, CommandType.WORK_ORDER, ORDER)), CommandOutcome.Reason.FORGED},
                    new Object[] {SignedCommands.sign(new Command("dev-other", 6, now, now.plusSeconds(600),
                            CommandType.REVOKE, revoke), laptop.hq.signingKey.getPrivate()), CommandOutcome.Reason.OTHER_DEVICE},
                    new Object[] {SignedCommands.sign(new Command(Laptop.DEVICE_ID, 6, now.minus(Duration.ofDays(2)),
                            now.minus(Duration.ofDays(1)), CommandType.REVOKE, revoke), laptop.hq.signingKey.getPrivate()),
                            CommandOutcome.Reason.EXPIRED},
                    new Object[] {SignedCommands.sign(new Command(Laptop.DEVICE_ID, 6, now.plus(Duration.ofHours(1)),
                            now.plus(Duration.ofDays(1)), CommandType.REVOKE, revoke), laptop.hq.signingKey.getPrivate()),
                            CommandOutcome.Reason.NOT_YET_VALID},
                    new Object[] {"{\"format\":\"doorstep-command/1\"}".getBytes(StandardCharsets.UTF_8),
                            CommandOutcome.Reason.MALFORMED},
                    new Object[] {new byte[0], CommandOutcome.Reason.MALFORMED});
            for (Object[] c : bad) {
                CommandOutcome outcome = executor.execute((byte[]) c[0]);
                CommandOutcome.Refused refused = assertInstanceOf(CommandOutcome.Refused.class, outcome);
                assertEquals(c[1], refused.reason(), refused.message());
                assertFalse(refused.message().isBlank());
            }
            assertEquals(5, laptop.vault.syncSettings().lastCommandSequence());
            assertFalse(laptop.vault.syncSettings().revoked());
            assertEquals(1, laptop.vault.hqInbox().workOrders().size());
            assertEquals(bad.size(), laptop.vault.auditEntries(1, 1000).stream()
                    .filter(e -> e.action() == AuditAction.COMMAND_REFUSED).count(), "every refusal is in the trail");
            assertTrue(laptop.vault.verifyAudit().intact());
        }
    }

    @Test
    void aBodyThatBreaksItsFormIsRefusedWithoutUsingUpItsNumber() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            CommandExecutor executor = executor(laptop);
            List<String[]> bodies = List.of(
                    new String[] {without(ORDER, "address"), "$.address: missing"},
                    new String[] {with(ORDER, "priority", "high"), "$.priority: unknown field"},
                    new String[] {with(ORDER, "reason", "bored"), "$.reason: expected one of aged-60-plus"},
                    new String[] {ORDER.replace("11010519491231002X", "110105194912310021"), "$.applicant.idNumber"},
                    new String[] {ORDER.replace("\"hk-macau-permit\"", "\"moon-visa\""), "$.documents[1]"},
                    new String[] {ORDER.replace("\"hk-macau-permit\"", "\"passport\""), "$.documents[1]: named twice"},
                    new String[] {ORDER.replace("\"WO-2026-000123\"", "\"WO/../1\""), "$.orderId"},
                    new String[] {"[]", "not JSON"});
            for (String[] body : bodies) {
                CommandOutcome outcome = executor.execute(command(laptop, 1, CommandType.WORK_ORDER, body[0]));
                CommandOutcome.Refused refused = assertInstanceOf(CommandOutcome.Refused.class, outcome, body[0]);
                assertTrue(refused.message().contains(body[1])
                        || refused.reason() == CommandOutcome.Reason.MALFORMED, refused.message());
                assertFalse(refused.message().contains("张秀英"), "refusals never repeat applicant data");
            }
            assertEquals(0, laptop.vault.syncSettings().lastCommandSequence());
            assertEquals(List.of(), laptop.vault.hqInbox().workOrders());
            assertInstanceOf(CommandOutcome.CarriedOut.class,
                    executor.execute(command(laptop, 1, CommandType.WORK_ORDER, ORDER)), "HQ's corrected order is taken");
            for (AuditEntry e : laptop.vault.auditEntries(1, 1000)) {
                assertFalse(String.valueOf(e.detail()).contains("张秀英"));
            }
        }
    }

    /**
     * A repeat is answered with what became of the command the first time: HQ refused number 1 (its body broken), then
     * carried out number 2; when number 1 comes again (the refusal's report was lost and HQ publishes it again), the
     * laptop says it was refused, with the reason kept then, not that it was carried out. A number refused and later
     * carried out, corrected, is answered as carried out.
     */
    @Test
    void aRepeatIsAnsweredWithWhatBecameOfTheCommandTheFirstTime() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            CommandExecutor executor = executor(laptop);
            byte[] broken = command(laptop, 1, CommandType.WORK_ORDER, without(ORDER, "address"));
            assertEquals(CommandOutcome.Reason.BAD_BODY,
                    assertInstanceOf(CommandOutcome.Refused.class, executor.execute(broken)).reason());
            assertEquals(java.util.Optional.of("BAD_BODY"), laptop.vault.syncSettings().refusedCommand(1));
            byte[] second = command(laptop, 2, CommandType.WORK_ORDER, ORDER.replace("WO-2026-000123", "WO-2026-000124"));
            assertInstanceOf(CommandOutcome.CarriedOut.class, executor.execute(second));

            CommandOutcome.Refused again = assertInstanceOf(CommandOutcome.Refused.class, executor.execute(broken));
            assertEquals(CommandOutcome.Reason.REPLAYED, again.reason());
            org.doorstep.sync.protocol.CommandResult refusedAnswer = executor.repeatAnswer(broken)
                    .orElseThrow();
            assertEquals(1, refusedAnswer.sequence());
            assertFalse(refusedAnswer.carriedOut(), "refused the first time: not reported as carried out");
            assertEquals(java.util.Optional.of("BAD_BODY"), refusedAnswer.reason());
            org.doorstep.sync.protocol.CommandResult doneAnswer = executor.repeatAnswer(second)
                    .orElseThrow();
            assertTrue(doneAnswer.carriedOut());
            Instant now = laptop.fixture.clock.instant();
            assertEquals(java.util.Optional.empty(), executor.repeatAnswer(SignedCommands.sign(new Command("dev-other", 2,
                    now, now.plusSeconds(600), CommandType.REVOKE, "{\"reason\":\"x\"}"), laptop.hq.signingKey.getPrivate())),
                    "not this laptop's");
            assertEquals(java.util.Optional.empty(), executor.repeatAnswer(altered(broken)), "not signed by HQ");

            // number 3 refused, then carried out once HQ corrected it: its repeat is answered as carried out
            assertInstanceOf(CommandOutcome.Refused.class, executor.execute(command(laptop, 3, CommandType.WORK_ORDER,
                    with(ORDER, "priority", "high"))));
            byte[] corrected = command(laptop, 3, CommandType.WORK_ORDER, ORDER.replace("WO-2026-000123",
                    "WO-2026-000125"));
            assertInstanceOf(CommandOutcome.CarriedOut.class, executor.execute(corrected));
            assertEquals(java.util.Optional.empty(), laptop.vault.syncSettings().refusedCommand(3));
            assertTrue(executor.repeatAnswer(corrected).orElseThrow().carriedOut());
        }
    }

    @Test
    void statusUpdatesAreKeptForCasesThisLaptopDelivered() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            CommandExecutor executor = executor(laptop);
            String caseId = laptop.smallCase("status");
            String body = "{\"caseId\":\"" + caseId + "\",\"status\":\"in-review\",\"at\":\"2026-11-22T09:00:00Z\"}";
            CommandOutcome.Refused early = assertInstanceOf(CommandOutcome.Refused.class,
                    executor.execute(command(laptop, 1, CommandType.STATUS_UPDATE, body)));
            assertEquals(CommandOutcome.Reason.NOT_APPLICABLE, early.reason());
            PacketRecord packet = laptop.sealing.seal(caseId);
            laptop.vault.packets().sent(packet.packetId());
            laptop.vault.packets().delivered(packet.packetId(), "HQ-R-1");
            assertInstanceOf(CommandOutcome.CarriedOut.class, executor.execute(command(laptop, 1,
                    CommandType.STATUS_UPDATE, body)));
            assertInstanceOf(CommandOutcome.CarriedOut.class, executor.execute(command(laptop, 2,
                    CommandType.STATUS_UPDATE, "{\"caseId\":\"" + caseId + "\",\"status\":\"posted\","
                            + "\"at\":\"2026-11-30T09:00:00Z\",\"note\":\"EMS EA123456789CN\"}")));
            assertEquals(List.of(HqCaseStatus.IN_REVIEW, HqCaseStatus.POSTED),
                    laptop.vault.hqInbox().statusOf(caseId).stream().map(u -> u.status()).toList());
            assertEquals(CaseState.SHREDDED, laptop.vault.cases().get(caseId).state());
            CommandOutcome.Refused unknownStatus = assertInstanceOf(CommandOutcome.Refused.class, executor.execute(
                    command(laptop, 3, CommandType.STATUS_UPDATE, body.replace("in-review", "lost"))));
            assertEquals(CommandOutcome.Reason.BAD_BODY, unknownStatus.reason());
        }
    }

    @Test
    void aReturnedCaseNeedsTheReasonTheOfficerWillSee() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            CommandExecutor executor = executor(laptop);
            String caseId = laptop.smallCase("returned");
            PacketRecord packet = laptop.sealing.seal(caseId);
            laptop.vault.packets().sent(packet.packetId());
            laptop.vault.packets().delivered(packet.packetId(), "HQ-R-2");
            String body = "{\"caseId\":\"" + caseId + "\",\"status\":\"returned\",\"at\":\"2026-11-22T09:00:00Z\"";
            CommandOutcome.Refused noReason = assertInstanceOf(CommandOutcome.Refused.class,
                    executor.execute(command(laptop, 1, CommandType.STATUS_UPDATE, body + "}")));
            assertEquals(CommandOutcome.Reason.BAD_BODY, noReason.reason());
            assertTrue(noReason.message().startsWith("$.note: a returned case needs the reason"), noReason.message());
            assertEquals(0, laptop.vault.syncSettings().lastCommandSequence(), "a refused body uses no number");
            assertInstanceOf(CommandOutcome.CarriedOut.class, executor.execute(command(laptop, 1,
                    CommandType.STATUS_UPDATE, body + ",\"note\":\"照片背景不合格，请重新上门采集\"}")));
            var update = laptop.vault.hqInbox().statusOf(caseId).get(0);
            assertEquals(HqCaseStatus.RETURNED, update.status());
            assertEquals("照片背景不合格，请重新上门采集", update.note());
        }
    }

    @Test
    void aResendReopensARejectedUnchangedCaseAndLeavesAWaitingPacketAlone() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            CommandExecutor executor = executor(laptop);
            String rejectedCase = laptop.smallCase("rejected");
            PacketRecord rejected = laptop.sealing.seal(rejectedCase);
            laptop.vault.packets().sent(rejected.packetId());
            laptop.vault.packets().rejected(rejected.packetId(), "HQ rejected the case (tampered)");
            String waitingCase = laptop.smallCase("waiting");
            PacketRecord waiting = laptop.sealing.seal(waitingCase);
            int entries = laptop.vault.auditEntries(1, 10_000).size();

            // bad bodies: refused, nothing changed, no number used
            for (String bad : List.of("{}", "{\"packetId\":\"not-a-uuid\"}", "{\"packetId\":\""
                    + rejected.packetId().toString().toUpperCase(java.util.Locale.ROOT) + "\"}",
                    "{\"packetId\":\"" + rejected.packetId() + "\",\"colour\":\"red\"}",
                    "{\"packetId\":\"" + rejected.packetId() + "\",\"note\":\"\\u0007\"}", "{\"packetId\":12}")) {
                CommandOutcome.Refused r = assertInstanceOf(CommandOutcome.Refused.class,
                        executor.execute(command(laptop, 1, CommandType.RESEND, bad)), bad);
                assertEquals(CommandOutcome.Reason.BAD_BODY, r.reason(), bad);
            }
            CommandOutcome.Refused unknown = assertInstanceOf(CommandOutcome.Refused.class, executor.execute(command(
                    laptop, 1, CommandType.RESEND, "{\"packetId\":\"" + java.util.UUID.randomUUID() + "\"}")));
            assertEquals(CommandOutcome.Reason.NOT_APPLICABLE, unknown.reason());
            assertEquals(0, laptop.vault.syncSettings().lastCommandSequence());
            assertEquals(CaseState.REJECTED, laptop.vault.cases().get(rejectedCase).state());
            assertEquals(entries + 7, laptop.vault.auditEntries(1, 10_000).size(), "only the refusals were recorded");

            // a rejected, unchanged case goes back to complete, ready to be sealed into a new packet
            CommandOutcome.CarriedOut reopened = assertInstanceOf(CommandOutcome.CarriedOut.class, executor.execute(
                    command(laptop, 1, CommandType.RESEND, "{\"packetId\":\"" + rejected.packetId()
                            + "\",\"note\":\"damaged in transit\"}")));
            assertTrue(reopened.summary().contains("complete again"), reopened.summary());
            assertEquals(CaseState.COMPLETE, laptop.vault.cases().get(rejectedCase).state());
            assertTrue(laptop.vault.auditEntriesOf(rejectedCase).stream()
                    .anyMatch(e -> e.action() == AuditAction.RESEND_REQUESTED));
            PacketRecord again = laptop.sealing.seal(rejectedCase);
            assertFalse(again.packetId().equals(rejected.packetId()), "a new packet: HQ refuses a rejected id for good");

            // the same request again finds nothing to do: that packet is no longer the case's latest
            CommandOutcome.Refused twice = assertInstanceOf(CommandOutcome.Refused.class, executor.execute(command(
                    laptop, 2, CommandType.RESEND, "{\"packetId\":\"" + rejected.packetId() + "\"}")));
            assertEquals(CommandOutcome.Reason.NOT_APPLICABLE, twice.reason());

            // a packet still waiting is left as it is (the sync service asks HQ about it again)
            CommandOutcome.CarriedOut asked = assertInstanceOf(CommandOutcome.CarriedOut.class, executor.execute(
                    command(laptop, 2, CommandType.RESEND, "{\"packetId\":\"" + waiting.packetId() + "\"}")));
            assertTrue(asked.summary().contains("still waiting"), asked.summary());
            assertEquals(CaseState.QUEUED, laptop.vault.cases().get(waitingCase).state());
            assertEquals(2, laptop.vault.syncSettings().lastCommandSequence());
        }
    }

    @Test
    void aNewerCatalogueIsCheckedByTheDomainRulesAndStored() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            CommandExecutor executor = executor(laptop);
            ObjectNode catalogue = builtInCatalogue();
            catalogue.put("version", 2).put("effective", "2026-12-01");
            CommandOutcome outcome = executor.execute(command(laptop, 1, CommandType.CATALOGUE_UPDATE,
                    "{\"catalogue\":" + catalogue + "}"));
            assertInstanceOf(CommandOutcome.CarriedOut.class, outcome, outcome.toString());
            assertEquals(2, laptop.vault.hqInbox().catalogues().getFirst().version());
            var holder = HqCatalogues.holder(laptop.vault, laptop.fixture.clock);
            assertEquals(1, holder.current().version(), "version 2 takes effect on 1 December");
            assertEquals(2, holder.upcoming().orElseThrow().version());

            CommandOutcome.Refused again = assertInstanceOf(CommandOutcome.Refused.class, executor.execute(command(laptop,
                    2, CommandType.CATALOGUE_UPDATE, "{\"catalogue\":" + catalogue + "}")));
            assertEquals(CommandOutcome.Reason.NOT_APPLICABLE, again.reason(), again.message());
            ObjectNode broken = builtInCatalogue().put("version", 3);
            broken.remove("materials");
            CommandOutcome.Refused invalid = assertInstanceOf(CommandOutcome.Refused.class, executor.execute(command(laptop,
                    2, CommandType.CATALOGUE_UPDATE, "{\"catalogue\":" + broken + "}")));
            assertEquals(CommandOutcome.Reason.BAD_BODY, invalid.reason(), invalid.message());
            assertEquals(1, laptop.vault.hqInbox().catalogues().size());
            assertEquals(1, laptop.vault.syncSettings().lastCommandSequence());
        }
    }

    @Test
    void aRevokedLaptopNoLongerSealsSendsOrExports() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            laptop.sealing.seal(laptop.smallCase("queued before"));
            String waiting = laptop.smallCase("waiting");
            CommandOutcome outcome = executor(laptop).execute(command(laptop, 1, CommandType.REVOKE,
                    "{\"reason\":\"laptop reported stolen\"}"));
            assertInstanceOf(CommandOutcome.CarriedOut.class, outcome);
            assertEquals("laptop reported stolen", laptop.vault.syncSettings().revocation().orElseThrow().reason());
            assertThrows(SyncRefusedException.class, () -> laptop.sealing.seal(waiting));
            assertThrows(SyncRefusedException.class, () -> laptop.packetSpool().pending());
            assertThrows(SyncRefusedException.class,
                    () -> new MediaExport(laptop.vault, laptop.spool, laptop.fixture.clock).export(dir.resolve("usb")));
            laptop.restart();
            assertTrue(laptop.vault.syncSettings().revoked(), "kept across a restart");
        }
    }

    @Test
    void aRemoteWipeDestroysTheVaultAndLeavesAConfirmationSignedByTheDevice() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            laptop.sealing.seal(laptop.completeCase("WIPEMARKER", false));
            var deviceCertificate = laptop.identity().deviceCertificate();
            CommandOutcome outcome = executor(laptop).execute(command(laptop, 9, CommandType.WIPE,
                    "{\"reason\":\"laptop lost on a visit\"}"));
            assertInstanceOf(CommandOutcome.CarriedOut.class, outcome, outcome.toString());
            assertEquals(Vault.Status.WIPED, laptop.vault.status());
            String record = laptop.vault.wipeRecord().orElseThrow();
            assertTrue(record.contains("remote wipe by HQ's command 9") && record.contains("laptop lost on a visit"), record);
            assertFalse(Files.exists(laptop.fixture.dataDir.resolve("db")));
            assertFalse(Files.exists(laptop.spool.folder()), "the spool went too");
            assertThrows(VaultException.class, () -> laptop.fixture.reopenUnlocked().cases().list());

            byte[] signed = WipeConfirmation.read(laptop.fixture.dataDir).orElseThrow();
            WipeConfirmation confirmation = WipeConfirmation.verify(signed, deviceCertificate, CryptoSuite.INTL);
            assertEquals(Laptop.DEVICE_ID, confirmation.deviceId());
            assertEquals(9, confirmation.sequence());
            assertEquals("laptop lost on a visit", confirmation.reason());
            byte[] tampered = new String(signed, StandardCharsets.UTF_8).replace("\"payload\":\"", "\"payload\":\"e30")
                    .getBytes(StandardCharsets.UTF_8);
            assertThrows(IllegalArgumentException.class,
                    () -> WipeConfirmation.verify(tampered, deviceCertificate, CryptoSuite.INTL));
            laptop.vault = null; // wiped: nothing to close
        }
    }

    @Test
    void aLaptopThatIsNotEnrolledRefusesEveryCommand() throws Exception {
        try (Laptop laptop = Laptop.notEnrolled(dir, CryptoSuite.INTL)) {
            byte[] command = laptop.hq.command(Laptop.DEVICE_ID, 1, CommandType.WIPE, "{\"reason\":\"x\"}");
            CommandOutcome.Refused refused = assertInstanceOf(CommandOutcome.Refused.class,
                    new CommandExecutor(laptop.vault, laptop.fixture.clock).execute(command));
            assertEquals(CommandOutcome.Reason.NOT_ENROLLED, refused.reason());
            assertEquals(Vault.Status.UNLOCKED, laptop.vault.status());
        }
    }

    @Test
    void aGmLaptopTakesSm2SignedCommandsAndRefusesEcdsaOnes() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.GM)) {
            byte[] ecdsa = new Hq(PkiSuite.INTL, laptop.fixture.clock).command(Laptop.DEVICE_ID, 1, CommandType.REVOKE,
                    "{\"reason\":\"x\"}");
            CommandOutcome.Refused refused = assertInstanceOf(CommandOutcome.Refused.class,
                    new CommandExecutor(laptop.vault, laptop.fixture.clock).execute(ecdsa));
            assertEquals(CommandOutcome.Reason.FORGED, refused.reason(), refused.message());
            byte[] sm2 = laptop.hq.command(Laptop.DEVICE_ID, 1, CommandType.REVOKE, "{\"reason\":\"reported lost\"}");
            assertInstanceOf(CommandOutcome.CarriedOut.class,
                    new CommandExecutor(laptop.vault, laptop.fixture.clock).execute(sm2));
            assertTrue(laptop.vault.syncSettings().revoked());
        }
    }

    @Test
    void whileTheVaultIsLockedCommandsWait() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            byte[] command = command(laptop, 1, CommandType.REVOKE, "{\"reason\":\"x\"}");
            CommandExecutor executor = executor(laptop);
            laptop.vault.lock();
            assertThrows(VaultException.Locked.class, () -> executor.execute(command));
            laptop.restart();
            assertInstanceOf(CommandOutcome.CarriedOut.class, new CommandExecutor(laptop.vault, laptop.fixture.clock)
                    .execute(command), "carried out after the next unlock");
        }
    }

    private static CommandExecutor executor(Laptop laptop) {
        return new CommandExecutor(laptop.vault, laptop.fixture.clock);
    }

    private static byte[] command(Laptop laptop, long sequence, CommandType type, String body) throws Exception {
        return laptop.hq.command(Laptop.DEVICE_ID, sequence, type, body);
    }

    /** The same envelope with one byte of the payload changed and the signature kept. */
    private static byte[] altered(byte[] signed) throws Exception {
        ObjectNode envelope = (ObjectNode) JSON.readTree(signed);
        byte[] payload = Base64.getDecoder().decode(envelope.get("payload").asText());
        String text = new String(payload, StandardCharsets.UTF_8).replace("WO-2026-000123", "WO-2026-000124");
        envelope.put("payload", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        return JSON.writeValueAsBytes(envelope);
    }

    private static String with(String json, String field, String value) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(json);
        node.put(field, value);
        return node.toString();
    }

    private static String without(String json, String field) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(json);
        node.remove(field);
        return node.toString();
    }

    private static ObjectNode builtInCatalogue() throws Exception {
        try (InputStream in = Catalogue.class.getResourceAsStream(Catalogue.BUILT_IN)) {
            return (ObjectNode) JSON.readTree(in);
        }
    }
}
