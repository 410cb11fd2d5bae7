package org.doorstep.sync.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.sync.command.Command;
import org.doorstep.sync.command.CommandRejected;
import org.doorstep.sync.command.SignedCommands;
import org.doorstep.sync.protocol.CommandResult;
import org.doorstep.sync.vault.BodyReader.InvalidBody;
import org.doorstep.vault.HqCaseStatus;
import org.doorstep.vault.Vault;
import org.doorstep.vault.VaultException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Carries out HQ's down-channel commands on this laptop. Each message is first verified ({@link SignedCommands}: HQ's
 * signing key from the installed enrolment, this device's id, the vault's last accepted number, the clock), then its
 * body is read strictly for its type, then the vault stores the effect and the command's number in one transaction.
 * So a command is carried out once, whole; a forged, replayed, expired, other-device or ill-formed one is refused
 * with its reason and changes nothing but the audit trail, which records the refusal.
 *
 * <table>
 * <caption>Commands and their bodies</caption>
 * <tr><td>WORK_ORDER</td><td>{@link WorkOrder}: stored sealed</td></tr>
 * <tr><td>STATUS_UPDATE</td><td>{@code {"caseId","status":"accepted|in-review|approved|produced|posted|returned",
 * "at","note"?}}: only for a case this laptop delivered; {@code returned} (HQ's review sends the case back to the
 * officer) needs the note, which is its reason</td></tr>
 * <tr><td>CATALOGUE_UPDATE</td><td>{@code {"catalogue":{doorstep-catalogue/1}}}: checked by the domain's
 * {@link Catalogue#parse} and accepted only if newer (the domain's {@code CatalogueHolder} rules)</td></tr>
 * <tr><td>REVOKE</td><td>{@code {"reason"}}: the laptop then seals, sends and exports nothing</td></tr>
 * <tr><td>WIPE</td><td>{@code {"reason"}}: a device-signed {@link WipeConfirmation} is written, then the vault is
 * wiped and the spool emptied</td></tr>
 * <tr><td>RESEND</td><td>{@code {"packetId","note"?}}: a packet HQ rejected whose case is still rejected here, unchanged,
 * is reopened to complete for sealing into a new packet; a packet still in the outbox is left as it is (the caller
 * asks HQ about it again); anything else is not applicable ({@link org.doorstep.vault.HqInbox#acceptResend})</td></tr>
 * </table>
 *
 * The vault must be unlocked: HQ's key is inside it. While it is locked, {@link #execute} throws
 * {@link VaultException.Locked} and the caller keeps the message for later. (A laptop that is locked cannot connect
 * either: its TLS key is in the vault too.)
 */
public final class CommandExecutor {

    private static final int MAX_REASON = 500;

    private final Vault vault;
    private final Clock clock;

    public CommandExecutor(Vault vault, Clock clock) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Verifies and carries out one command.
     *
     * @throws IOException only when a wipe could not be completed on disk (the vault reports its own failures as
     *                     {@link VaultException})
     */
    public synchronized CommandOutcome execute(byte[] message) throws IOException {
        Optional<SyncIdentity> identity = SyncIdentity.of(vault);
        if (identity.isEmpty()) {
            return refuse(CommandOutcome.Reason.NOT_ENROLLED, "this laptop is not enrolled, so it has no HQ key to "
                    + "check commands with", null);
        }
        Command command;
        try {
            command = SignedCommands.verify(message, identity.get().hqSigningKey(),
                    org.doorstep.sync.pki.PkiSuite.byId(vault.suite().id()), identity.get().deviceId(),
                    new VaultSequenceStore(vault), clock);
        } catch (CommandRejected e) {
            return refuse(CommandOutcome.Reason.valueOf(e.reason().name()), e.getMessage(), null);
        }
        try {
            return switch (command.type()) {
                case WORK_ORDER -> workOrder(command);
                case STATUS_UPDATE -> statusUpdate(command);
                case CATALOGUE_UPDATE -> catalogue(command);
                case REVOKE -> revoke(command);
                case WIPE -> wipe(command, identity.get());
                case RESEND -> resend(command);
            };
        } catch (InvalidBody e) {
            return refuse(CommandOutcome.Reason.BAD_BODY, e.getMessage(), command);
        } catch (VaultException.CommandReplayed e) {
            // another delivery of the same command was carried out between the check and the store
            return refuse(CommandOutcome.Reason.REPLAYED, e.getMessage(), command);
        } catch (VaultException.IllegalTransition | VaultException.NoSuchCase e) {
            return refuse(CommandOutcome.Reason.NOT_APPLICABLE, e.getMessage(), command);
        }
    }

    private CommandOutcome workOrder(Command command) throws InvalidBody {
        WorkOrder order = WorkOrder.parse(command.bodyJson(), HqCatalogues.documentTypes(vault), LocalDate.now(clock));
        vault.hqInbox().acceptWorkOrder(command.sequence(), order.orderId(),
                command.bodyJson().getBytes(StandardCharsets.UTF_8));
        return new CommandOutcome.CarriedOut(command, "work order " + order.orderId() + " stored");
    }

    private CommandOutcome statusUpdate(Command command) throws InvalidBody {
        JsonNode body = BodyReader.object(command.bodyJson());
        BodyReader.fields(body, "$", Set.of("caseId", "status", "at"), Set.of("note"));
        String caseId = BodyReader.text(body, "caseId", "$", 36);
        try {
            if (!UUID.fromString(caseId).toString().equals(caseId)) {
                throw new IllegalArgumentException(caseId);
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidBody("$.caseId: expected a case id (a UUID in lower case)");
        }
        HqCaseStatus status;
        try {
            status = HqCaseStatus.byId(BodyReader.text(body, "status", "$", 20));
        } catch (IllegalArgumentException e) {
            throw new InvalidBody("$.status: expected accepted, in-review, approved, produced, posted or returned");
        }
        Instant at = BodyReader.instant(body, "at", "$");
        String note = BodyReader.text(body, "note", "$", MAX_REASON);
        if (status == HqCaseStatus.RETURNED && note == null) {
            throw new InvalidBody("$.note: a returned case needs the reason, which the officer sees");
        }
        vault.hqInbox().acceptStatus(command.sequence(), caseId, status, at, note);
        return new CommandOutcome.CarriedOut(command, "case " + caseId.substring(0, 8) + " is " + status.id() + " at HQ");
    }

    private CommandOutcome catalogue(Command command) throws InvalidBody {
        JsonNode body = BodyReader.object(command.bodyJson());
        BodyReader.fields(body, "$", Set.of("catalogue"), Set.of());
        byte[] json;
        try {
            json = BodyReader.JSON.writeValueAsBytes(body.get("catalogue"));
        } catch (JsonProcessingException e) {
            throw new InvalidBody("$.catalogue: cannot be written back as JSON");
        }
        Catalogue offered;
        try {
            offered = Catalogue.parse(json);
        } catch (InvalidInputException e) {
            throw new InvalidBody("$.catalogue: not a valid catalogue: " + e.getMessage());
        }
        try {
            HqCatalogues.holder(vault, clock).offer(offered);
        } catch (InvalidInputException e) {
            return refuse(CommandOutcome.Reason.NOT_APPLICABLE, "catalogue version " + offered.version()
                    + " is not accepted after the ones this laptop has: " + e.getMessage(), command);
        }
        vault.hqInbox().acceptCatalogue(command.sequence(), offered.version(), json);
        return new CommandOutcome.CarriedOut(command, "catalogue version " + offered.version() + " stored, in effect from "
                + offered.effective());
    }

    private CommandOutcome revoke(Command command) throws InvalidBody {
        String reason = reason(command);
        vault.hqInbox().acceptRevocation(command.sequence(), reason);
        return new CommandOutcome.CarriedOut(command, "this laptop is revoked: it seals and sends nothing more");
    }

    /**
     * The confirmation is signed first, while the device key exists; then the vault destroys its keys and database
     * (its key file keeps when and why); then the spool's packets go, ciphertext that only HQ could read but that a
     * wiped laptop has no reason to keep.
     */
    private CommandOutcome wipe(Command command, SyncIdentity identity) throws InvalidBody, IOException {
        String reason = reason(command);
        WipeConfirmation confirmation = new WipeConfirmation(identity.deviceId(), command.sequence(), command.issuedAt(),
                clock.instant(), reason);
        vault.lendDeviceKey("sign the confirmation of HQ's wipe command " + command.sequence(), null, pkcs8 -> {
            confirmation.write(vault.dataDir(), pkcs8, vault.suite());
            return null;
        });
        vault.wipe("remote wipe by HQ's command " + command.sequence() + " issued " + command.issuedAt() + ": " + reason);
        deleteTree(new PacketSpoolFolder(vault.dataDir()).folder());
        return new CommandOutcome.CarriedOut(command, "this laptop was wiped; the confirmation is in "
                + vault.dataDir().resolve(WipeConfirmation.FILE));
    }

    private CommandOutcome resend(Command command) throws InvalidBody {
        JsonNode body = BodyReader.object(command.bodyJson());
        BodyReader.fields(body, "$", Set.of("packetId"), Set.of("note"));
        String text = BodyReader.text(body, "packetId", "$", 36);
        UUID packetId;
        try {
            packetId = UUID.fromString(text);
            if (!packetId.toString().equals(text)) {
                throw new IllegalArgumentException(text);
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidBody("$.packetId: expected a packet id (a UUID in lower case)");
        }
        String note = BodyReader.text(body, "note", "$", MAX_REASON);
        Optional<String> reopened = vault.hqInbox().acceptResend(command.sequence(), packetId, note);
        return new CommandOutcome.CarriedOut(command, reopened.isPresent()
                ? "case " + reopened.get().substring(0, Math.min(8, reopened.get().length()))
                        + " is complete again, to be sealed into a new packet for HQ"
                : "packet " + packetId + " is still waiting here: HQ is asked about it again");
    }

    private static String reason(Command command) throws InvalidBody {
        JsonNode body = BodyReader.object(command.bodyJson());
        BodyReader.fields(body, "$", Set.of("reason"), Set.of());
        return BodyReader.text(body, "reason", "$", MAX_REASON);
    }

    private CommandOutcome refuse(CommandOutcome.Reason reason, String message, Command command) {
        String what = command == null ? "a command" : command.type() + " command " + command.sequence();
        String why = what + " refused (" + reason + "): " + message;
        if (command != null && reason != CommandOutcome.Reason.REPLAYED) {
            vault.hqInbox().recordRefusal(command.sequence(), reason.name(), why);
        } else {
            vault.hqInbox().recordRefusal(why);
        }
        return new CommandOutcome.Refused(reason, message, Optional.ofNullable(command));
    }

    /**
     * HQ's answer for a command delivered again (the broker repeats a message whose acknowledgement was lost when the
     * laptop went away, or HQ publishes again a command whose answer it never got), which {@link #execute} refused as
     * replayed: its signature checked out and its number is at or below the last taken. A number is taken only by a
     * command carried out, unless the command was refused and a later number taken since: then it was refused, and
     * the answer says so with the reason kept at the time. The message is opened again (form, HQ's signature, this
     * laptop) without its time or number; empty when it does not pass.
     */
    public Optional<CommandResult> repeatAnswer(byte[] message) {
        Optional<SyncIdentity> identity = SyncIdentity.of(vault);
        if (identity.isEmpty()) {
            return Optional.empty();
        }
        Command command;
        try {
            command = SignedCommands.open(message, identity.get().hqSigningKey(),
                    org.doorstep.sync.pki.PkiSuite.byId(vault.suite().id()), identity.get().deviceId());
        } catch (CommandRejected e) {
            return Optional.empty();
        }
        Optional<String> refused = vault.syncSettings().refusedCommand(command.sequence())
                .filter(r -> r.matches("[A-Z][A-Z_]{0,31}"));
        return Optional.of(refused.isPresent()
                ? new CommandResult(command.deviceId(), command.sequence(), command.type(), false, refused,
                        "refused before (" + refused.get() + "); this delivery was a repeat", clock.instant())
                : new CommandResult(command.deviceId(), command.sequence(), command.type(), true, Optional.empty(),
                        "carried out before; this delivery was a repeat", clock.instant()));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }
}
