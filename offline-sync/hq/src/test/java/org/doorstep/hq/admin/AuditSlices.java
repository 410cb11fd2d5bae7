package org.doorstep.hq.admin;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A simulated laptop's audit trail, written by the test exactly as the laptop vault writes it (hash over the previous
 * hash and the entry's fields, signed with the device key; {@code doorstep-audit-slice/1} per case), so that HQ's
 * verification is checked against an independent writer. The real vault's slices are checked in
 * {@code RemoteWipeTest}.
 */
final class AuditSlices {

    /** One entry to write: what the laptop would record. */
    record Step(Instant at, String officer, String action, String detail) {
    }

    private final String deviceId;
    private final PrivateKey key;
    private long seq;
    private byte[] previous = new byte[32];

    AuditSlices(String deviceId, PrivateKey key) {
        this.deviceId = deviceId;
        this.key = key;
    }

    /** The next entries of the trail, all about {@code caseId}, as the slice that travels in the case's packet. */
    byte[] slice(String caseId, List<Step> steps) throws Exception {
        StringBuilder b = new StringBuilder("{\"format\":\"doorstep-audit-slice/1\",\"deviceId\":\"" + deviceId
                + "\",\"caseId\":\"" + caseId + "\",\"suite\":\"intl\",\"entries\":[");
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            seq++;
            byte[] hash = hash(previous, seq, s.at().toEpochMilli(), s.officer(), s.action(), caseId, s.detail());
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(hash);
            b.append(i == 0 ? "" : ",").append("{\"seq\":").append(seq).append(",\"at\":\"").append(s.at())
                    .append("\",\"officer\":\"").append(s.officer()).append("\",\"action\":\"").append(s.action())
                    .append("\",\"caseId\":\"").append(caseId).append("\",\"detail\":")
                    .append(s.detail() == null ? "null" : "\"" + s.detail() + "\"").append(",\"previousHash\":\"")
                    .append(HexFormat.of().formatHex(previous)).append("\",\"hash\":\"")
                    .append(HexFormat.of().formatHex(hash)).append("\",\"signature\":\"")
                    .append(Base64.getEncoder().encodeToString(signer.sign())).append("\"}");
            previous = hash;
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    long lastSeq() {
        return seq;
    }

    static byte[] hash(byte[] previous, long seq, long atMs, String officer, String action, String caseId,
            String detail) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write("doorstep/v1/audit".getBytes(StandardCharsets.US_ASCII));
            out.write(previous);
            out.writeLong(seq);
            out.writeLong(atMs);
            for (String field : new String[] {officer, action, caseId, detail}) {
                if (field == null) {
                    out.writeInt(-1);
                } else {
                    byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(utf8.length);
                    out.write(utf8);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
    }
}
