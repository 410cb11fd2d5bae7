package org.doorstep.sync.protocol;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What HQ says about one packet, on the laptop's {@code down/ack} topic, always signed by HQ
 * ({@link HqMessages}): a receipt (stored), a rejection (never will be stored, and why), or the list of chunks
 * HQ still lacks. Only a verified {@link Receipt} lets the laptop destroy its copy.
 */
public sealed interface HqMessage permits HqMessage.Receipt, HqMessage.Rejection, HqMessage.Missing {

    String deviceId();

    UUID packetId();

    Instant issuedAt();

    /**
     * HQ stored the packet, whole and verified, in the transaction named by {@code receiptId}.
     *
     * @param packetDigest SHA-256 of the sealed packet HQ stored: the laptop checks it against the packet it sent
     */
    record Receipt(String deviceId, UUID packetId, Instant issuedAt, String caseId, byte[] packetDigest,
            Instant storedAt, String receiptId) implements HqMessage {
        public Receipt {
            Topics.requireDeviceId(deviceId);
            Objects.requireNonNull(packetId, "packetId");
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(caseId, "caseId");
            Objects.requireNonNull(storedAt, "storedAt");
            Objects.requireNonNull(receiptId, "receiptId");
            if (packetDigest == null || packetDigest.length != 32) {
                throw new IllegalArgumentException("a receipt names the packet's 32-byte SHA-256");
            }
            packetDigest = packetDigest.clone();
        }

        @Override
        public byte[] packetDigest() {
            return packetDigest.clone();
        }

        public boolean matches(byte[] digest) {
            return java.security.MessageDigest.isEqual(packetDigest, digest);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Receipt r && deviceId.equals(r.deviceId) && packetId.equals(r.packetId)
                    && issuedAt.equals(r.issuedAt) && caseId.equals(r.caseId) && Arrays.equals(packetDigest, r.packetDigest)
                    && storedAt.equals(r.storedAt) && receiptId.equals(r.receiptId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deviceId, packetId, receiptId);
        }

        @Override
        public String toString() {
            return "Receipt[" + packetId + " of case " + caseId + ", " + HexFormat.of().formatHex(packetDigest, 0, 8)
                    + "…, stored " + storedAt + " as " + receiptId + "]";
        }
    }

    /** HQ refused the packet for good; the reason goes on the case so that the officer sees it. */
    record Rejection(String deviceId, UUID packetId, Instant issuedAt, RejectReason reason, String detail)
            implements HqMessage {
        public Rejection {
            Topics.requireDeviceId(deviceId);
            Objects.requireNonNull(packetId, "packetId");
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(reason, "reason");
            detail = detail == null ? "" : detail.length() > 500 ? detail.substring(0, 500) : detail;
        }
    }

    /**
     * HQ has part of the packet, or none of it (then {@code missing} lists every index): the laptop sends these
     * chunks again.
     */
    record Missing(String deviceId, UUID packetId, Instant issuedAt, int count, List<Integer> missing)
            implements HqMessage {
        public Missing {
            Topics.requireDeviceId(deviceId);
            Objects.requireNonNull(packetId, "packetId");
            Objects.requireNonNull(issuedAt, "issuedAt");
            missing = List.copyOf(missing);
            if (count < 1 || missing.isEmpty() || missing.size() > count
                    || missing.stream().anyMatch(i -> i < 0 || i >= count)) {
                throw new IllegalArgumentException("missing chunks must be 1.." + count + " indexes below " + count);
            }
        }
    }
}
