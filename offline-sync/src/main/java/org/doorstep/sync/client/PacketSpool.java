package org.doorstep.sync.client;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.doorstep.sync.outbox.OutboxEntry;
import org.doorstep.sync.protocol.HqMessage;

/**
 * Where the laptop keeps its sealed packets until HQ has them, and what happens to a case when HQ answers. The
 * laptop's sync service implements it over the vault; {@link SyncClient} drives it. Packet files are ciphertext
 * encrypted to HQ (the laptop itself cannot read them), so they live in a plain folder beside the vault.
 */
public interface PacketSpool {

    /** A packet waiting for HQ's receipt. */
    record SpooledPacket(OutboxEntry entry, Path file) {
    }

    /** Every packet still waiting for HQ's receipt, sent or not; read once when the client starts. */
    List<SpooledPacket> pending() throws IOException;

    /**
     * Tells {@code listener} of every packet that enters the spool from now on (a case sealed while the client runs),
     * once its file is complete, on the thread that put it there. The client watches before it reads
     * {@link #pending()}, so no packet falls between the two; being told of a packet twice is harmless.
     *
     * @return closing it stops the telling
     */
    AutoCloseable watch(Consumer<SpooledPacket> listener);

    /** Every chunk of the packet was handed to the broker. Proves nothing about HQ: the case becomes "sent". */
    void sent(UUID packetId) throws IOException;

    /**
     * HQ stored the packet. Called only with a receipt that is signed by HQ, names this device and this packet,
     * and whose digest matches the spooled packet: the case becomes delivered, its key is destroyed and the file
     * is deleted.
     */
    void delivered(UUID packetId, HqMessage.Receipt receipt) throws IOException;

    /** HQ refused the packet for good (signed by HQ): the case goes back to the officer with the reason. */
    void rejected(UUID packetId, HqMessage.Rejection rejection) throws IOException;
}
