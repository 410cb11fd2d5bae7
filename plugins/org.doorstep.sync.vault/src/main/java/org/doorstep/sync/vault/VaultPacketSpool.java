package org.doorstep.sync.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.doorstep.sync.client.PacketSpool;
import org.doorstep.sync.outbox.OutboxEntry;
import org.doorstep.sync.protocol.HqMessage;
import org.doorstep.vault.PacketRecord;
import org.doorstep.vault.PacketState;
import org.doorstep.vault.Vault;
import org.doorstep.vault.VaultException;

/**
 * The sync client's spool over the vault: the packets waiting for HQ are those the vault lists as queued or sent,
 * with their files in the {@link PacketSpoolFolder}; HQ's answers change the case and its packet in one vault
 * transaction, and only after that commit is the file deleted. So a crash between the two leaves a file the next
 * start deletes ({@link CaseSealing#recover}), never a case without its packet.
 *
 * <p>Every answer is idempotent: MQTT delivers at least once, so a second receipt or rejection for a packet is
 * harmless, and a receipt for a packet this laptop does not know changes nothing. The vault must be unlocked: while
 * it is locked every method throws an {@link IOException} saying so, and HQ's answers wait (HQ sends them again
 * when the laptop asks after reconnecting).
 */
public final class VaultPacketSpool implements PacketSpool {

    private static final System.Logger LOG = System.getLogger(VaultPacketSpool.class.getName());

    private final Vault vault;
    private final CaseSealing sealing;

    public VaultPacketSpool(Vault vault, CaseSealing sealing) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.sealing = Objects.requireNonNull(sealing, "sealing");
    }

    /**
     * Puts right what a crash left (see {@link CaseSealing#recover}), then lists every queued or sent packet with its
     * file, urgent first then oldest. Refused while HQ has revoked this laptop: it sends nothing.
     */
    @Override
    public List<SpooledPacket> pending() throws IOException {
        try {
            SyncIdentity.require(vault);
            sealing.recover();
            SyncIdentity.requireNotRevoked(vault);
            List<SpooledPacket> list = new ArrayList<>();
            for (PacketRecord p : vault.packets().open()) {
                if (p.state() == PacketState.QUEUED || p.state() == PacketState.SENT) {
                    Path file = sealing.spool().fileOf(p.packetId());
                    if (Files.isRegularFile(file)) {
                        list.add(new SpooledPacket(new OutboxEntry(p.packetId(), p.caseId(), p.urgent(), p.queuedAt(),
                                p.bytes(), p.state() == PacketState.SENT), file));
                    }
                }
            }
            list.sort((a, b) -> org.doorstep.sync.outbox.Outbox.SENDING_ORDER.compare(a.entry(), b.entry()));
            return list;
        } catch (VaultException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Tells {@code listener} of every packet the vault queues from now on, whoever sealed its case (the guided case,
     * the command line, {@link LaptopSync#seal}, recovery): the running client sends it at once instead of at its next
     * start.
     */
    @Override
    public AutoCloseable watch(Consumer<SpooledPacket> listener) {
        return vault.packets().onQueued(p -> listener.accept(new SpooledPacket(new OutboxEntry(p.packetId(), p.caseId(),
                p.urgent(), p.queuedAt(), p.bytes(), false), sealing.spool().fileOf(p.packetId()))));
    }

    /** Every chunk went to the broker: the packet and its case become sent (nothing changes if they were already). */
    @Override
    public void sent(UUID packetId) throws IOException {
        try {
            vault.packets().sent(packetId);
        } catch (VaultException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * HQ stored the packet: its case becomes delivered and is crypto-shredded, then the file is deleted. Checked
     * again here (defence in depth, the client checked first): the receipt must name this device, this packet, its
     * case and the SHA-256 of the file that was queued; otherwise nothing changes and an {@link IOException} says
     * why. A repeated receipt only deletes a file the first one may have left.
     */
    @Override
    public void delivered(UUID packetId, HqMessage.Receipt receipt) throws IOException {
        try {
            Optional<PacketRecord> packet = vault.packets().get(packetId);
            if (packet.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "HQ's receipt names packet " + packetId
                        + ", which this laptop does not have; nothing was changed");
                return;
            }
            PacketRecord p = packet.get();
            SyncIdentity identity = SyncIdentity.require(vault);
            if (!receipt.packetId().equals(packetId) || !receipt.caseId().equals(p.caseId())
                    || !receipt.deviceId().equals(identity.deviceId())) {
                throw new IOException("HQ's receipt " + receipt.receiptId() + " names packet " + receipt.packetId()
                        + " of case " + receipt.caseId() + " for device " + receipt.deviceId()
                        + ", which is not this laptop's packet " + packetId + ": nothing was changed");
            }
            if (p.digest() != null && !receipt.matches(p.digest())) {
                throw new IOException("HQ's receipt " + receipt.receiptId() + " is for other content than packet "
                        + packetId + " as it was sealed here (the digests differ): nothing was changed");
            }
            vault.packets().delivered(packetId, receipt.receiptId());
            deleteClosedFiles(p.caseId());
        } catch (VaultException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * HQ refused the packet for good: the case is rejected with HQ's reason, which the officer sees on it, and the
     * file is deleted. A repeated rejection only deletes a file the first one may have left; a rejection for a packet
     * this laptop does not know changes nothing.
     */
    @Override
    public void rejected(UUID packetId, HqMessage.Rejection rejection) throws IOException {
        try {
            Optional<PacketRecord> packet = vault.packets().get(packetId);
            if (packet.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "HQ's rejection names packet " + packetId
                        + ", which this laptop does not have; nothing was changed");
                return;
            }
            if (!rejection.packetId().equals(packetId)
                    || !rejection.deviceId().equals(SyncIdentity.require(vault).deviceId())) {
                throw new IOException("HQ's rejection names packet " + rejection.packetId() + " for device "
                        + rejection.deviceId() + ", not this laptop's packet " + packetId + ": nothing was changed");
            }
            vault.packets().rejected(packetId, reasonForOfficer(packetId, rejection));
            deleteClosedFiles(packet.get().caseId());
        } catch (VaultException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Deletes the files of the case's packets that no longer wait for HQ. */
    private void deleteClosedFiles(String caseId) throws IOException {
        for (PacketRecord p : vault.packets().ofCase(caseId)) {
            if (!p.state().open()) {
                sealing.spool().delete(p.packetId());
            }
        }
    }

    /** HQ's reason in words the officer can act on, then HQ's own detail. */
    static String reasonForOfficer(UUID packetId, HqMessage.Rejection rejection) {
        String words = switch (rejection.reason()) {
            case TAMPERED -> "the packet was damaged or altered on its way to HQ";
            case UNDECRYPTABLE -> "HQ could not decrypt it (it was sealed for another HQ certificate)";
            case BAD_SIGNATURE -> "this laptop's signature on it did not verify at HQ";
            case UNKNOWN_DEVICE -> "HQ does not know this laptop";
            case REVOKED -> "this laptop's certificate was revoked when HQ received it";
            case REPLAYED -> "HQ already holds this case or this packet";
            case MALFORMED -> "HQ could not read it";
        };
        String detail = rejection.detail().isBlank() ? "" : " HQ says: " + rejection.detail().strip();
        return "HQ rejected the case (" + rejection.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + "): " + words + "." + detail + " Packet " + packetId + ".";
    }
}
