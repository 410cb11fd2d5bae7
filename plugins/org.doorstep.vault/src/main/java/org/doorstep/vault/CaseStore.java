package org.doorstep.vault;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.doorstep.vault.crypto.Aead;
import org.doorstep.vault.crypto.CorruptDataException;
import org.doorstep.vault.crypto.CryptoSuite;

/**
 * The cases on this laptop, each encrypted under its own data key on top of the database's encryption.
 * The data key is stored wrapped under a key derived from the vault master key; destroying it
 * ({@link #acceptReceipt}) makes the case unreadable for good, whoever unlocks the vault afterwards.
 *
 * <p>Every record is sealed with a context naming its case and slot, so a record copied into another case
 * or slot fails to open. Every method is one transaction with its audit entry; none is half-applied.
 */
public final class CaseStore {

    /** Longest label (applicant name and documents, shown in lists). */
    public static final int MAX_LABEL = 500;
    /** Longest note (why a case was rejected or reopened). */
    public static final int MAX_NOTE = 1000;

    private final Vault vault;

    CaseStore(Vault vault) {
        this.vault = vault;
    }

    /** Creates a draft case with its items, all in one transaction. */
    public CaseSummary create(String label, boolean urgent, List<NewItem> items) {
        String checkedLabel = checkLabel(label);
        checkDistinctSlots(items);
        return vault.write("create the case", c -> {
            Vault.Session s = vault.session();
            String id = UUID.randomUUID().toString();
            long now = vault.clock().millis();
            CryptoSuite suite = vault.suite();
            byte[] dataKey = new byte[suite.dataKeyBytes()];
            vault.random().nextBytes(dataKey);
            try {
                Aead aead = new Aead(suite, vault.random());
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_keys VALUES (?, ?)")) {
                    ps.setString(1, id);
                    ps.setBytes(2, aead.seal(s.caseKek, dataKey, keyContext(id)));
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO cases VALUES (?, 'DRAFT', ?, ?, ?, ?, 1, ?, NULL)")) {
                    ps.setString(1, id);
                    ps.setShort(2, (short) (urgent ? 1 : 0));
                    ps.setString(3, s.officer.id());
                    ps.setLong(4, now);
                    ps.setLong(5, now);
                    ps.setBytes(6, aead.seal(dataKey, checkedLabel.getBytes(StandardCharsets.UTF_8), labelContext(id)));
                    ps.executeUpdate();
                }
                vault.audit(c, AuditAction.CASE_CREATED, id, urgent ? "urgent" : null);
                storeItems(c, aead, dataKey, id, items);
            } finally {
                Arrays.fill(dataKey, (byte) 0);
            }
            return summary(c, id);
        });
    }

    /** Adds or replaces items of a draft case, all in one transaction. */
    public CaseSummary put(String caseId, List<NewItem> items) {
        checkDistinctSlots(items);
        return vault.write("save to the case", c -> {
            requireState(c, caseId, "be changed", CaseState.DRAFT);
            byte[] dataKey = dataKey(c, caseId);
            try {
                storeItems(c, new Aead(vault.suite(), vault.random()), dataKey, caseId, items);
            } finally {
                Arrays.fill(dataKey, (byte) 0);
            }
            touch(c, caseId);
            return summary(c, caseId);
        });
    }

    /** Removes an item from a draft case. */
    public CaseSummary remove(String caseId, String slot) {
        return vault.write("remove the item", c -> {
            requireState(c, caseId, "be changed", CaseState.DRAFT);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM case_items WHERE case_id = ? AND slot = ?")) {
                ps.setString(1, caseId);
                ps.setString(2, slot);
                if (ps.executeUpdate() == 0) {
                    throw new VaultException("case " + shortId(caseId) + " has no item '" + slot + "'");
                }
            }
            vault.audit(c, AuditAction.ITEM_REMOVED, caseId, slot);
            touch(c, caseId);
            return summary(c, caseId);
        });
    }

    /** Changes the label of a draft case. */
    public CaseSummary relabel(String caseId, String label, boolean urgent) {
        String checkedLabel = checkLabel(label);
        return vault.write("change the case", c -> {
            requireState(c, caseId, "be changed", CaseState.DRAFT);
            byte[] dataKey = dataKey(c, caseId);
            try (PreparedStatement ps = c.prepareStatement("UPDATE cases SET label_sealed = ?, urgent = ? WHERE id = ?")) {
                ps.setBytes(1, new Aead(vault.suite(), vault.random()).seal(dataKey,
                        checkedLabel.getBytes(StandardCharsets.UTF_8), labelContext(caseId)));
                ps.setShort(2, (short) (urgent ? 1 : 0));
                ps.setString(3, caseId);
                ps.executeUpdate();
            } finally {
                Arrays.fill(dataKey, (byte) 0);
            }
            vault.audit(c, AuditAction.CASE_EDITED, caseId, urgent ? "label, urgent" : "label");
            touch(c, caseId);
            return summary(c, caseId);
        });
    }

    /** The plaintext of one item. */
    public byte[] read(String caseId, String slot) {
        return vault.read("read the item", c -> {
            byte[] dataKey = dataKey(c, caseId);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT kind, media_type, content FROM case_items WHERE case_id = ? AND slot = ?")) {
                ps.setString(1, caseId);
                ps.setString(2, slot);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new VaultException("case " + shortId(caseId) + " has no item '" + slot + "'");
                    }
                    ItemKind kind = ItemKind.valueOf(rs.getString(1));
                    byte[] sealed = blob(rs.getBlob(3));
                    return Aead.open(dataKey, sealed, itemContext(caseId, slot, kind, rs.getString(2)));
                }
            } catch (CorruptDataException e) {
                throw new VaultException.Storage("item '" + slot + "' of case " + shortId(caseId)
                        + " is damaged and cannot be read: " + e.getMessage(), e);
            } finally {
                Arrays.fill(dataKey, (byte) 0);
            }
        });
    }

    /** Opens items of one case as streams; see {@link #readStreaming}. */
    @FunctionalInterface
    public interface ItemStreams {
        /**
         * The plaintext of one item, decrypted as it is read from the database; its tag is checked at the end, where a
         * damaged item throws an {@link IOException} (an {@link Aead.RecordDamagedException}): everything read from it
         * is then void.
         */
        InputStream open(String slot) throws IOException;
    }

    /** Work on a case's items as streams, inside one read of the vault. */
    @FunctionalInterface
    public interface StreamingRead<T> {
        T read(ItemStreams items) throws IOException;
    }

    /**
     * Reads a case's items as streams, for items too large to hold whole (sealing a case with a long scan): each item
     * is streamed from its database BLOB through GCM decryption, so neither its ciphertext nor its plaintext is ever in
     * memory whole. Everything happens inside one transaction (a BLOB is valid only inside the transaction that read
     * it), which holds the vault until {@code work} returns: {@code work} must not call the vault itself, and should
     * not be slow for other reasons.
     *
     * @throws IOException what {@code work} threw (a damaged item, say), or {@link VaultException} for the vault's own
     *                     failures (no such case, shredded, locked)
     */
    public <T> T readStreaming(String caseId, StreamingRead<T> work) throws IOException {
        try {
            return vault.read("read the items", c -> {
                byte[] dataKey = dataKey(c, caseId);
                List<AutoCloseable> open = new ArrayList<>();
                try {
                    return work.read(slot -> openItem(c, caseId, slot, dataKey, open));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } finally {
                    Arrays.fill(dataKey, (byte) 0);
                    for (int i = open.size() - 1; i >= 0; i--) {
                        try {
                            open.get(i).close();
                        } catch (Exception e) {
                            // closing what was read inside the transaction; it ends with the transaction anyway
                        }
                    }
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private InputStream openItem(Connection c, String caseId, String slot, byte[] dataKey, List<AutoCloseable> open)
            throws IOException {
        try {
            PreparedStatement ps = c.prepareStatement(
                    "SELECT kind, media_type, content FROM case_items WHERE case_id = ? AND slot = ?");
            open.add(ps);
            ps.setString(1, caseId);
            ps.setString(2, slot);
            ResultSet rs = ps.executeQuery();
            open.add(rs);
            if (!rs.next()) {
                throw new VaultException("case " + shortId(caseId) + " has no item '" + slot + "'");
            }
            ItemKind kind = ItemKind.valueOf(rs.getString(1));
            String mediaType = rs.getString(2);
            Blob blob = rs.getBlob(3);
            open.add(blob::free);
            InputStream sealed = blob.getBinaryStream();
            open.add(sealed);
            String what = "item '" + slot + "' of case " + shortId(caseId) + " is damaged and cannot be read: ";
            InputStream plain;
            try {
                plain = Aead.openStream(dataKey, sealed, itemContext(caseId, slot, kind, mediaType));
            } catch (CorruptDataException e) {
                throw new Aead.RecordDamagedException(what + e.getMessage());
            }
            return new java.io.FilterInputStream(plain) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    try {
                        return super.read(b, off, len);
                    } catch (Aead.RecordDamagedException e) {
                        throw new Aead.RecordDamagedException(what + e.getMessage());
                    }
                }

                @Override
                public int read() throws IOException {
                    try {
                        return super.read();
                    } catch (Aead.RecordDamagedException e) {
                        throw new Aead.RecordDamagedException(what + e.getMessage());
                    }
                }
            };
        } catch (SQLException e) {
            throw new IOException("cannot read item '" + slot + "' of case " + shortId(caseId) + ": " + e.getMessage(), e);
        }
    }

    /** The items of a case, without their content, in slot order. */
    public List<ItemInfo> items(String caseId) {
        return vault.read("list the items", c -> {
            summary(c, caseId);
            List<ItemInfo> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT slot, kind, media_type, plain_size, stored_at FROM case_items WHERE case_id = ? ORDER BY slot")) {
                ps.setString(1, caseId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(new ItemInfo(rs.getString(1), ItemKind.valueOf(rs.getString(2)), rs.getString(3),
                                rs.getInt(4), Instant.ofEpochMilli(rs.getLong(5))));
                    }
                }
            }
            return items;
        });
    }

    public CaseSummary get(String caseId) {
        return vault.read("read the case", c -> summary(c, caseId));
    }

    /** Every case on the laptop, oldest first, shredded ones included (without their label). */
    public List<CaseSummary> list() {
        return vault.read("list the cases", c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM cases ORDER BY created_at, id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            List<CaseSummary> cases = new ArrayList<>();
            for (String id : ids) {
                cases.add(summary(c, id));
            }
            return cases;
        });
    }

    /**
     * Moves a case to another state, if its lifecycle allows it; otherwise refuses with the reason and
     * changes nothing. Delivery and shredding happen only through {@link #acceptReceipt}. A case travelling in
     * a packet (see {@link PacketStore}) is queued, sent and rejected only by the sync service, so that the case
     * and its packet never disagree.
     *
     * @param note why (required for {@link CaseState#REJECTED}; kept on the case and shown to the officer)
     */
    public CaseSummary moveTo(String caseId, CaseState target, String note) {
        if (target == CaseState.DELIVERED || target == CaseState.SHREDDED) {
            throw new VaultException.IllegalTransition("a case becomes " + target.id()
                    + " only when HQ's receipt for it is accepted");
        }
        if (target == CaseState.REJECTED && (note == null || note.isBlank())) {
            throw new IllegalArgumentException("a rejected case needs the reason HQ gave");
        }
        String checkedNote = checkNote(note);
        return vault.write("change the case's state", c -> {
            if (target == CaseState.QUEUED || target == CaseState.SENT || target == CaseState.REJECTED) {
                PacketRecord open = PacketStore.openPacketOf(c, caseId);
                if (open != null) {
                    throw new VaultException.IllegalTransition("case " + shortId(caseId) + " travels in packet "
                            + open.packetId() + ": it becomes " + target.id() + " only through the sync service");
                }
            }
            transition(c, caseId, target, checkedNote, null);
            return summary(c, caseId);
        });
    }

    /**
     * Moves a case inside the caller's transaction, with its audit entry; refuses what the lifecycle does not allow.
     * {@code note} replaces the case's note; {@code detail} only adds to the audit entry (a packet id).
     */
    void transition(Connection c, String caseId, CaseState target, String note, String detail) throws SQLException {
        CaseState from = state(c, caseId);
        if (!from.canGoTo(target)) {
            throw illegal(caseId, from, target);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE cases SET state = ?, note = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND state = ?")) {
            ps.setString(1, target.name());
            ps.setString(2, note);
            ps.setLong(3, vault.clock().millis());
            ps.setString(4, caseId);
            ps.setString(5, from.name());
            ps.executeUpdate();
        }
        vault.audit(c, actionFor(from, target), caseId, from.id() + " → " + target.id()
                + (detail == null ? "" : ", " + detail) + (note == null ? "" : ": " + note));
    }

    /** Records that a sealed packet of the case was written to removable media (the case stays where it is). */
    public void recordExport(String caseId, String where) {
        vault.write("record the export", c -> {
            requireState(c, caseId, "be exported", CaseState.SEALED, CaseState.QUEUED, CaseState.SENT);
            vault.audit(c, AuditAction.EXPORT, caseId, checkNote(where));
            return null;
        });
    }

    /**
     * HQ has confirmed that it stored the case ({@code receipt} identifies HQ's signed receipt, checked by the
     * sync layer): the case becomes delivered and is then crypto-shredded: its data key is overwritten and
     * deleted, its items deleted, its label dropped, and the key table rewritten so the key's old page is
     * given back. Afterwards nobody can read the case, with or without the vault unlocked.
     */
    public CaseSummary acceptReceipt(String caseId, String receipt) {
        String reference = checkNote(receipt);
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("a receipt reference is required");
        }
        vault.write("record HQ's receipt", c -> {
            CaseState from = state(c, caseId);
            if (from != CaseState.SENT) {
                throw new VaultException.IllegalTransition("case " + shortId(caseId) + " is " + from.id()
                        + ": only a sent case can be confirmed by HQ");
            }
            PacketRecord open = PacketStore.openPacketOf(c, caseId);
            if (open != null) {
                PacketStore.close(vault, c, open.packetId(), PacketState.DELIVERED, reference, null);
            }
            markDelivered(c, caseId, reference, open == null ? null : open.packetId().toString());
            return null;
        });
        return shred(caseId);
    }

    /** SENT → DELIVERED inside the caller's transaction, with the receipt in the trail; shredding follows. */
    void markDelivered(Connection c, String caseId, String reference, String packetId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE cases SET state = 'DELIVERED', updated_at = ?, revision = revision + 1 WHERE id = ? AND state = 'SENT'")) {
            ps.setLong(1, vault.clock().millis());
            ps.setString(2, caseId);
            if (ps.executeUpdate() != 1) {
                throw new VaultException.IllegalTransition("case " + shortId(caseId) + " is " + state(c, caseId).id()
                        + ": only a sent case can be confirmed by HQ");
            }
        }
        vault.audit(c, AuditAction.RECEIPT, caseId, "receipt " + reference + (packetId == null ? "" : ", packet " + packetId));
    }

    /** Shreds every delivered case (a crash may have come between the receipt and the shredding). */
    void finishInterruptedShredding() {
        List<String> delivered = vault.read("look for delivered cases", c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM cases WHERE state = 'DELIVERED'");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
        delivered.forEach(this::shred);
    }

    CaseSummary shred(String caseId) {
        CaseSummary shredded = vault.write("destroy the case's data", c -> {
            requireState(c, caseId, "be shredded", CaseState.DELIVERED);
            int items;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE case_keys SET wrapped = ? WHERE case_id = ?")) {
                ps.setBytes(1, new byte[wrappedLength(c, caseId)]); // overwrite in place before deleting
                ps.setString(2, caseId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM case_keys WHERE case_id = ?")) {
                ps.setString(1, caseId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM case_items WHERE case_id = ?")) {
                ps.setString(1, caseId);
                items = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE cases SET state = 'SHREDDED', label_sealed = NULL, "
                    + "updated_at = ?, revision = revision + 1 WHERE id = ?")) {
                ps.setLong(1, vault.clock().millis());
                ps.setString(2, caseId);
                ps.executeUpdate();
            }
            vault.audit(c, AuditAction.SHRED, caseId, "data key destroyed, " + items + " items deleted");
            int orders = vault.hqInbox().deleteOrdersOf(c, caseId);
            if (orders > 0) {
                vault.audit(c, AuditAction.WORK_ORDER_REMOVED, caseId, orders + " work order(s) of the case deleted with it");
            }
            return summary(c, caseId);
        });
        try {
            vault.read("give back the destroyed key's pages", c -> {
                Database db = vault.session().db;
                db.compress("case_keys");
                db.checkpoint();
                return null;
            });
        } catch (VaultException e) {
            // the key is already deleted and unreadable; compacting again happens at the next shredding
            System.getLogger(CaseStore.class.getName()).log(System.Logger.Level.WARNING,
                    "could not compact the key table after shredding: " + e.getMessage());
        }
        return shredded;
    }

    // ---- helpers ----

    private void storeItems(Connection c, Aead aead, byte[] dataKey, String caseId, List<NewItem> items)
            throws SQLException {
        long now = vault.clock().millis();
        for (NewItem item : items) {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM case_items WHERE case_id = ? AND slot = ?")) {
                del.setString(1, caseId);
                del.setString(2, item.slot());
                del.executeUpdate();
            }
            byte[] sealed = aead.seal(dataKey, item.content(), itemContext(caseId, item.slot(), item.kind(), item.mediaType()));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_items VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, caseId);
                ps.setString(2, item.slot());
                ps.setString(3, item.kind().name());
                ps.setString(4, item.mediaType());
                ps.setInt(5, item.content().length);
                ps.setLong(6, now);
                ps.setBytes(7, sealed);
                ps.executeUpdate();
            }
            vault.audit(c, item.kind() == ItemKind.FORM ? AuditAction.CASE_EDITED : AuditAction.CAPTURE, caseId,
                    item.kind().id() + " " + item.slot() + ", " + item.mediaType() + ", " + item.content().length + " bytes");
        }
    }

    private byte[] dataKey(Connection c, String caseId) throws SQLException {
        CaseState state = state(c, caseId);
        if (state == CaseState.SHREDDED) {
            throw new VaultException.Shredded(shortId(caseId));
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT wrapped FROM case_keys WHERE case_id = ?")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new VaultException.Shredded(shortId(caseId));
                }
                return Aead.open(vault.session().caseKek, rs.getBytes(1), keyContext(caseId));
            }
        } catch (CorruptDataException e) {
            throw new VaultException.Storage("the data key of case " + shortId(caseId) + " cannot be opened: "
                    + e.getMessage(), e);
        }
    }

    private static int wrappedLength(Connection c, String caseId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT LENGTH(wrapped) FROM case_keys WHERE case_id = ?")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    CaseSummary summary(Connection c, String caseId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state, urgent, officer_id, created_at, updated_at, "
                + "revision, label_sealed, note FROM cases WHERE id = ?")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new VaultException.NoSuchCase(caseId);
                }
                CaseState state = CaseState.valueOf(rs.getString(1));
                byte[] sealedLabel = rs.getBytes(7);
                String label = null;
                if (sealedLabel != null) {
                    byte[] dataKey = dataKey(c, caseId);
                    try {
                        label = new String(Aead.open(dataKey, sealedLabel, labelContext(caseId)), StandardCharsets.UTF_8);
                    } catch (CorruptDataException e) {
                        throw new VaultException.Storage("the label of case " + shortId(caseId) + " is damaged", e);
                    } finally {
                        Arrays.fill(dataKey, (byte) 0);
                    }
                }
                return new CaseSummary(caseId, state, rs.getShort(2) != 0, rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)), rs.getInt(6), label,
                        rs.getString(8));
            }
        }
    }

    static CaseState state(Connection c, String caseId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM cases WHERE id = ?")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new VaultException.NoSuchCase(caseId);
                }
                return CaseState.valueOf(rs.getString(1));
            }
        }
    }

    private static void requireState(Connection c, String caseId, String what, CaseState... allowed)
            throws SQLException {
        CaseState state = state(c, caseId);
        if (state == CaseState.SHREDDED) {
            throw new VaultException.Shredded(shortId(caseId));
        }
        if (!Arrays.asList(allowed).contains(state)) {
            throw new VaultException.IllegalTransition("case " + shortId(caseId) + " is " + state.id()
                    + " and cannot " + what + (allowed.length == 1 && allowed[0] == CaseState.DRAFT
                            ? " (only a draft can; reopen it first)" : ""));
        }
    }

    private void touch(Connection c, String caseId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE cases SET updated_at = ?, revision = revision + 1 WHERE id = ?")) {
            ps.setLong(1, vault.clock().millis());
            ps.setString(2, caseId);
            ps.executeUpdate();
        }
    }

    private static VaultException.IllegalTransition illegal(String caseId, CaseState from, CaseState to) {
        Set<CaseState> next = from.next();
        return new VaultException.IllegalTransition("case " + shortId(caseId) + " is " + from.id() + " and cannot become "
                + to.id() + (next.isEmpty() ? " (nothing follows " + from.id() + ")"
                        : " (from " + from.id() + " it can become: "
                                + String.join(", ", next.stream().map(CaseState::id).toList()) + ")"));
    }

    private static AuditAction actionFor(CaseState from, CaseState to) {
        return switch (to) {
            case COMPLETE -> AuditAction.CASE_COMPLETED;
            case DRAFT -> AuditAction.CASE_REOPENED;
            case SEALED -> AuditAction.SEAL;
            case QUEUED -> AuditAction.QUEUE;
            case SENT -> AuditAction.SEND;
            case REJECTED -> AuditAction.REJECTED;
            case DELIVERED -> AuditAction.RECEIPT;
            case SHREDDED -> AuditAction.SHRED;
        };
    }

    private static void checkDistinctSlots(List<NewItem> items) {
        Set<String> slots = new HashSet<>();
        for (NewItem item : items) {
            if (!slots.add(item.slot())) {
                throw new IllegalArgumentException("slot '" + item.slot() + "' is given twice");
            }
        }
    }

    private static String checkLabel(String label) {
        String l = label == null ? "" : label.strip();
        if (l.isEmpty() || l.length() > MAX_LABEL) {
            throw new IllegalArgumentException("a case label must have 1-" + MAX_LABEL + " characters");
        }
        return l;
    }

    static String checkNote(String note) {
        if (note == null) {
            return null;
        }
        String n = note.strip();
        if (n.length() > MAX_NOTE) {
            throw new IllegalArgumentException("a note may have at most " + MAX_NOTE + " characters");
        }
        return n;
    }

    private static byte[] blob(Blob blob) throws SQLException {
        try (InputStream in = blob.getBinaryStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new SQLException("cannot read a stored item: " + e.getMessage(), e);
        } finally {
            blob.free();
        }
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static String shortId(String caseId) {
        return caseId == null || caseId.length() < 8 ? String.valueOf(caseId) : caseId.substring(0, 8);
    }

    private static byte[] keyContext(String caseId) {
        return ("case-key/" + caseId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] labelContext(String caseId) {
        return ("case/" + caseId + "/label").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] itemContext(String caseId, String slot, ItemKind kind, String mediaType) {
        return ("case/" + caseId + "/item/" + slot + "/" + kind.name() + "/" + mediaType).getBytes(StandardCharsets.UTF_8);
    }
}
