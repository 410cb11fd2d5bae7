package org.doorstep.hq.admin.store;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The bytes an entry of a hash-chained trail is hashed over, shared by HQ's two chains (a laptop's trail as HQ
 * verifies it, and the administrators' own trail): {@code label | previous hash | seq | time in ms | fields}, each
 * field as its UTF-8 length (4 bytes, big-endian) and bytes, or -1 for none. The label keeps one chain's entries from
 * ever verifying in another. The laptop vault writes its trail with the same layout (label
 * {@code doorstep/v1/audit}); HQ keeps its own copy of the rule on purpose, since HQ never links laptop code.
 */
public final class ChainedEntry {

    private ChainedEntry() {
    }

    /** What the entry's hash is computed over. */
    public static byte[] hashInput(String label, byte[] previous, long seq, long atMs, String... fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(label.getBytes(StandardCharsets.US_ASCII));
            out.write(previous);
            out.writeLong(seq);
            out.writeLong(atMs);
            for (String field : fields) {
                if (field == null) {
                    out.writeInt(-1);
                } else {
                    byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(utf8.length);
                    out.write(utf8);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
