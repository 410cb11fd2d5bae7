package org.doorstep.hq.admin.store;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of a laptop's audit trail as HQ receives it, in a packet's audit slice ({@code doorstep-audit-slice/1})
 * or an audit batch ({@code doorstep-audit-batch/1}): every field its hash covers, the previous entry's hash, its
 * hash and the device key's signature over the hash, so HQ can check it on its own (see {@code DeviceAuditCheck}).
 */
public record AuditRecord(long seq, long atMs, String officerId, String action, String caseId, String detail,
        byte[] previousHash, byte[] hash, byte[] signature) {

    static final int MAX_DETAIL = 1000;

    public AuditRecord {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(signature, "signature");
    }

    /**
     * Reads one entry of a slice or batch strictly enough to store it: types, lengths and encodings. Whether it is
     * genuine is checked when the trail is verified, against the device's certificate.
     *
     * @throws IllegalArgumentException saying what is wrong, with {@code where} as the path
     */
    static AuditRecord read(JsonNode n, String where) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(where + ": expected an object");
        }
        for (var it = n.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!java.util.Set.of("seq", "at", "officer", "action", "caseId", "detail", "previousHash", "hash", "signature")
                    .contains(f)) {
                throw new IllegalArgumentException(where + ": unknown field \"" + f + "\"");
            }
        }
        JsonNode seq = n.get("seq");
        if (seq == null || !seq.isIntegralNumber() || !seq.canConvertToLong() || seq.asLong() < 1) {
            throw new IllegalArgumentException(where + ".seq: expected a whole number from 1");
        }
        long atMs;
        try {
            atMs = java.time.Instant.parse(text(n, "at", where, 40, false)).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(where + ".at: not an ISO-8601 instant");
        }
        String action = text(n, "action", where, 32, false);
        if (!action.matches("[A-Z][A-Z_]{0,31}")) {
            throw new IllegalArgumentException(where + ".action: expected an action name");
        }
        return new AuditRecord(seq.asLong(), atMs, text(n, "officer", where, 32, true), action,
                text(n, "caseId", where, 128, true), text(n, "detail", where, MAX_DETAIL, true),
                hex(n, "previousHash", where), hex(n, "hash", where), base64(n, "signature", where));
    }

    private static String text(JsonNode n, String field, String where, int max, boolean nullable) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (nullable) {
                return null;
            }
            throw new IllegalArgumentException(where + "." + field + ": missing");
        }
        if (!v.isTextual() || v.textValue().length() > max) {
            throw new IllegalArgumentException(where + "." + field + ": expected text of at most " + max + " characters");
        }
        return v.textValue();
    }

    private static byte[] hex(JsonNode n, String field, String where) {
        String s = text(n, field, where, 64, false);
        if (!s.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(where + "." + field + ": expected 32 bytes in lower-case hex");
        }
        return HexFormat.of().parseHex(s);
    }

    private static byte[] base64(JsonNode n, String field, String where) {
        String s = text(n, field, where, 344, false);
        try {
            byte[] b = Base64.getDecoder().decode(s);
            if (b.length == 0 || b.length > 256) {
                throw new IllegalArgumentException();
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "." + field + ": expected a signature in base64");
        }
    }
}
