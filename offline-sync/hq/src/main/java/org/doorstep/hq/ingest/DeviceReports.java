package org.doorstep.hq.ingest;

import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

import org.doorstep.hq.admin.store.DeviceEvents;
import org.doorstep.hq.store.HqStore;
import org.doorstep.sync.protocol.CommandResult;
import org.doorstep.sync.protocol.ProtocolException;
import org.doorstep.sync.protocol.RejectReason;
import org.doorstep.sync.protocol.Topics;
import org.doorstep.sync.protocol.WipeProof;

/**
 * Ingest's handling of a laptop's reports besides packets and heartbeats: what it did with HQ's commands
 * ({@code up/result}), the signed confirmation of a remote wipe ({@code up/wiped}, or from a medium), and its audit
 * trail ({@code up/audit}). Each is read strictly; a bad one is recorded as a rejection with its reason (it names no
 * packet, so the laptop is not answered) and changes nothing else.
 */
final class DeviceReports {

    /** Records a refused message (IngestWorker's rejection record). */
    @FunctionalInterface
    interface Refusals {
        void record(String device, RejectReason reason, String detail) throws SQLException;
    }

    /** What became of a wipe confirmation. */
    sealed interface WipeOutcome {
        record Recorded(WipeProof proof, boolean first) implements WipeOutcome {
        }

        record Refused(String why) implements WipeOutcome {
        }
    }

    private final HqStore store;
    private final HqIdentity hq;
    private final DeviceDirectory devices;
    private final Clock clock;
    private final Refusals refusals;

    DeviceReports(HqStore store, HqIdentity hq, DeviceDirectory devices, Clock clock, Refusals refusals) {
        this.store = Objects.requireNonNull(store, "store");
        this.hq = Objects.requireNonNull(hq, "hq");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
    }

    void handle(String device, String leaf, byte[] payload) throws SQLException {
        if (devices.lookUp(device) instanceof DeviceDirectory.Unknown unknown) {
            refusals.record(device, RejectReason.UNKNOWN_DEVICE, leaf + ": " + unknown.detail());
            return;
        }
        switch (leaf) {
            case Topics.COMMAND_RESULT -> result(device, payload);
            case Topics.WIPED -> {
                if (wiped(device, payload) instanceof WipeOutcome.Refused r) {
                    refusals.record(device, RejectReason.BAD_SIGNATURE, "wipe confirmation: " + r.why());
                }
            }
            case Topics.AUDIT -> audit(device, payload);
            default -> throw new IllegalArgumentException(leaf);
        }
    }

    private void result(String device, byte[] payload) throws SQLException {
        CommandResult r;
        try {
            r = CommandResult.fromJson(payload, device);
        } catch (ProtocolException e) {
            refusals.record(device, RejectReason.MALFORMED, "unreadable command result: " + e.getMessage());
            return;
        }
        store.transaction(c -> DeviceEvents.commandResult(c, r, clock.instant()));
    }

    /**
     * Checks a wipe confirmation against every certificate HQ issued to the device it names (a revoked one too: the
     * proof is what matters) and, if one verifies it, records the device as wiped.
     *
     * @param expectedDevice the device of the topic it came on, or null (a medium: the confirmation says)
     */
    WipeOutcome wiped(String expectedDevice, byte[] signed) throws SQLException {
        String device;
        try {
            device = expectedDevice != null ? expectedDevice : WipeProof.claimedDevice(signed);
        } catch (ProtocolException e) {
            return new WipeOutcome.Refused(e.getMessage());
        }
        List<X509Certificate> certificates = devices.certificatesOf(device);
        if (certificates.isEmpty()) {
            return new WipeOutcome.Refused("HQ issued no certificate to " + device);
        }
        ProtocolException last = null;
        for (int i = certificates.size() - 1; i >= 0; i--) {
            try {
                WipeProof proof = WipeProof.verify(signed, certificates.get(i), hq.suite(), device);
                boolean first = store.transaction(c -> DeviceEvents.wiped(c, proof, signed, clock.instant()));
                return new WipeOutcome.Recorded(proof, first);
            } catch (ProtocolException e) {
                last = e;
                if (e.reason() != ProtocolException.Reason.FORGED) {
                    break; // malformed or another device's: no other certificate changes that
                }
            }
        }
        return new WipeOutcome.Refused(last.getMessage());
    }

    private void audit(String device, byte[] payload) throws SQLException {
        try {
            store.transaction(c -> DeviceEvents.auditBatch(c, device, payload, clock.instant()));
        } catch (IllegalArgumentException e) {
            refusals.record(device, RejectReason.MALFORMED, "unreadable audit batch: " + e.getMessage());
        }
    }
}
