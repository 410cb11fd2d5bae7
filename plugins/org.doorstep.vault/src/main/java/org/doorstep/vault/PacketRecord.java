package org.doorstep.vault;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * One packet a case travels in, as the vault records it. The file itself (ciphertext for HQ) lives in the sync
 * service's spool folder; the vault keeps what proves which file it is.
 *
 * @param queuedAt  when its file was complete, {@code null} while sealing
 * @param bytes     the file's size, 0 while sealing
 * @param digest    SHA-256 of the file (what HQ's receipt names), {@code null} while sealing
 * @param receipt   HQ's receipt reference once delivered
 * @param rejection HQ's reason once rejected (also the case's note)
 */
public record PacketRecord(UUID packetId, String caseId, boolean urgent, PacketState state, Instant sealedAt,
        Instant queuedAt, long bytes, byte[] digest, String receipt, String rejection) {

    public PacketRecord {
        Objects.requireNonNull(packetId, "packetId");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(state, "state");
        digest = digest == null ? null : digest.clone();
    }

    @Override
    public byte[] digest() {
        return digest == null ? null : digest.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PacketRecord p && packetId.equals(p.packetId) && caseId.equals(p.caseId)
                && urgent == p.urgent && state == p.state && Objects.equals(sealedAt, p.sealedAt)
                && Objects.equals(queuedAt, p.queuedAt) && bytes == p.bytes && Arrays.equals(digest, p.digest)
                && Objects.equals(receipt, p.receipt) && Objects.equals(rejection, p.rejection);
    }

    @Override
    public int hashCode() {
        return Objects.hash(packetId, state);
    }

    @Override
    public String toString() {
        return "PacketRecord[" + packetId + " of case " + CaseStore.shortId(caseId) + ", " + state.name().toLowerCase()
                + (bytes > 0 ? ", " + bytes + " bytes" : "") + "]";
    }
}
