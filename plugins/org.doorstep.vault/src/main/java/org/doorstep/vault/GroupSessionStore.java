package org.doorstep.vault;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Group sessions at companies (table {@code group_sessions}, schema 3). The vault keeps each session as one sealed
 * document it does not read: the group module ({@code org.doorstep.group}) owns its format and rules. The content
 * holds names and identity numbers, so it is sealed like the sync service's data (AES-GCM, or SM4-GCM in
 * {@code gm}, on top of Derby's AES) with a context naming the session, so a row copied to another id fails to open.
 *
 * <p>Every change is one transaction with its audit entry ({@link AuditAction#GROUP_SESSION}), whose detail is
 * supplied by the caller and must hold no personal data. A save names the revision it was based on; if the session
 * changed in between, it is refused and nothing changes, so two screens cannot silently overwrite each other.
 */
public final class GroupSessionStore {

    /** Largest stored session: 200 applicants take well under 200 KB. */
    public static final int MAX_BYTES = 8 * 1024 * 1024;

    private static final Pattern SESSION_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** One stored session: its bookkeeping and its content (decrypted). */
    public record Stored(String id, Instant created, Instant updated, int revision, byte[] content) {
    }

    private final Vault vault;

    GroupSessionStore(Vault vault) {
        this.vault = vault;
    }

    /** Stores a new session and returns it with its new id, revision 1. */
    public Stored create(byte[] content, String auditDetail) {
        checkContent(content);
        return vault.write("create the group session", c -> {
            String id = UUID.randomUUID().toString();
            long now = vault.clock().millis();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO group_sessions VALUES (?, ?, ?, 1, ?)")) {
                ps.setString(1, id);
                ps.setLong(2, now);
                ps.setLong(3, now);
                ps.setBytes(4, SyncData.seal(vault, content, context(id)));
                ps.executeUpdate();
            }
            vault.audit(c, AuditAction.GROUP_SESSION, null, "session " + id.substring(0, 8) + " created"
                    + detail(auditDetail));
            return new Stored(id, Instant.ofEpochMilli(now), Instant.ofEpochMilli(now), 1, content.clone());
        });
    }

    /**
     * Replaces a session's content, if it is still at {@code expectedRevision}; otherwise refuses and changes
     * nothing.
     */
    public Stored save(String id, int expectedRevision, byte[] content, String auditDetail) {
        checkId(id);
        checkContent(content);
        return vault.write("save the group session", c -> {
            Stored current = find(c, id).orElseThrow(() -> new VaultException("there is no group session '" + id
                    + "' on this laptop"));
            if (current.revision() != expectedRevision) {
                throw new VaultException.IllegalTransition("the group session was changed elsewhere (revision "
                        + current.revision() + ", not " + expectedRevision + "): reload it; nothing was saved");
            }
            long now = vault.clock().millis();
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE group_sessions SET content = ?, updated_at = ?, revision = ? WHERE session_id = ?")) {
                ps.setBytes(1, SyncData.seal(vault, content, context(id)));
                ps.setLong(2, now);
                ps.setInt(3, expectedRevision + 1);
                ps.setString(4, id);
                ps.executeUpdate();
            }
            vault.audit(c, AuditAction.GROUP_SESSION, null, "session " + id.substring(0, 8) + detail(auditDetail));
            return new Stored(id, current.created(), Instant.ofEpochMilli(now), expectedRevision + 1, content.clone());
        });
    }

    public Optional<Stored> get(String id) {
        checkId(id);
        return vault.read("read the group session", c -> find(c, id));
    }

    /** Every session on this laptop, newest change first. */
    public List<Stored> list() {
        return vault.read("list the group sessions", c -> {
            List<Stored> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT session_id, created_at, updated_at, revision, content "
                    + "FROM group_sessions ORDER BY updated_at DESC, session_id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(stored(rs));
                }
            }
            return all;
        });
    }

    /** Deletes a session (ended and no longer needed); the cases it started stay. */
    public void delete(String id, String auditDetail) {
        checkId(id);
        vault.write("delete the group session", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM group_sessions WHERE session_id = ?")) {
                ps.setString(1, id);
                if (ps.executeUpdate() == 0) {
                    throw new VaultException("there is no group session '" + id + "' on this laptop");
                }
            }
            vault.audit(c, AuditAction.GROUP_SESSION, null, "session " + id.substring(0, 8) + " deleted"
                    + detail(auditDetail));
            return null;
        });
    }

    private Optional<Stored> find(java.sql.Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT session_id, created_at, updated_at, revision, content "
                + "FROM group_sessions WHERE session_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(stored(rs)) : Optional.empty();
            }
        }
    }

    private Stored stored(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        return new Stored(id, Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3)), rs.getInt(4),
                SyncData.open(vault, SyncData.blob(rs.getBlob(5)), context(id)));
    }

    private static String detail(String auditDetail) {
        return auditDetail == null || auditDetail.isBlank() ? "" : ": " + CaseStore.clip(auditDetail.strip(), 800);
    }

    private static void checkId(String id) {
        if (id == null || !SESSION_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a group session id is a UUID: " + id);
        }
    }

    private static void checkContent(byte[] content) {
        Objects.requireNonNull(content, "content");
        if (content.length == 0 || content.length > MAX_BYTES) {
            throw new IllegalArgumentException("a group session has 1 to " + MAX_BYTES + " bytes");
        }
    }

    private static String context(String id) {
        return "group-session/" + id;
    }
}
