package org.doorstep.sync.vault;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.doorstep.sync.outbox.OutboxCapacity;
import org.doorstep.sync.outbox.OutboxFullException;
import org.doorstep.sync.packet.PacketEntry;
import org.doorstep.sync.packet.PacketManifest;
import org.doorstep.sync.packet.PacketSealer;
import org.doorstep.sync.packet.PacketSuite;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.CaseSummary;
import org.doorstep.vault.ItemInfo;
import org.doorstep.vault.PacketRecord;
import org.doorstep.vault.PacketState;
import org.doorstep.vault.Vault;
import org.doorstep.vault.VaultException;
import org.doorstep.vault.crypto.Aead;

/**
 * Turns a complete case into a sealed packet in the spool, and puts right whatever a crash left half done.
 *
 * <pre>
 *   vault: complete → sealed, packet recorded (sealing)          one transaction
 *   spool: items + audit slice → PacketSealer → &lt;id&gt;.dspk.tmp, forced, renamed to &lt;id&gt;.dspk
 *   vault: packet queued (size, SHA-256), case sealed → queued   one transaction
 * </pre>
 *
 * Each item is read from the vault twice, once for the manifest's digest (before anything changes) and once while
 * sealing, each time as a stream (database BLOB → GCM decryption → digest or sealer), so no item, let alone a case,
 * is ever held in memory whole; the sealer checks the second reading against the first, and a damaged item (its GCM
 * tag fails) fails the seal and leaves no packet. {@link #recover} is run at every start
 * (the {@link VaultPacketSpool} does it before it lists packets): it deletes temporary files, finishes or redoes
 * sealings a crash interrupted, seals again the packets whose files were lost, and deletes files of packets the
 * vault does not list as waiting.
 */
public final class CaseSealing {

    /** Prefix of the entries holding the case's items: {@code items/<kind>/<slot>}. */
    static final String ITEMS = "items/";
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    /**
     * What {@link #recover} did.
     *
     * @param queued   sealings whose file was complete: now queued
     * @param resealed sealings without a complete file: sealed again under the same packet id
     * @param replaced packets whose file was lost, by the new packet the case was sealed into
     * @param deleted  temporary files and files of packets the vault does not list as waiting
     * @param notDone  why some sealing could not be finished now (not enrolled, revoked …)
     */
    public record Recovery(List<UUID> queued, List<UUID> resealed, Map<UUID, UUID> replaced, List<Path> deleted,
            List<String> notDone) {

        public boolean nothingToDo() {
            return queued.isEmpty() && resealed.isEmpty() && replaced.isEmpty() && deleted.isEmpty() && notDone.isEmpty();
        }
    }

    /**
     * Room left in the size bound for the audit entries that sealing itself adds to the case's slice after the bound
     * is taken (the seal and the loan of the device key, about 600 bytes each).
     */
    private static final int SLICE_GROWTH = 4096;

    private final Vault vault;
    private final PacketSpoolFolder spool;
    private final Clock clock;
    private final SecureRandom random;
    private final OutboxCapacity capacity;

    /** Sealing for an outbox of the product's capacity ({@link OutboxCapacity#DEFAULT}). */
    public CaseSealing(Vault vault, PacketSpoolFolder spool, Clock clock, SecureRandom random) {
        this(vault, spool, clock, random, OutboxCapacity.DEFAULT);
    }

    /** @param capacity how much may wait for HQ: a case whose packet would not fit is not sealed */
    public CaseSealing(Vault vault, PacketSpoolFolder spool, Clock clock, SecureRandom random, OutboxCapacity capacity) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.spool = Objects.requireNonNull(spool, "spool");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.capacity = Objects.requireNonNull(capacity, "capacity");
    }

    public PacketSpoolFolder spool() {
        return spool;
    }

    /**
     * Seals a complete case into a packet and queues it; the vault then tells whoever watches its packets (the
     * running sync client) of the new packet. Refused, leaving the case complete and unchanged, when the laptop is
     * not enrolled or revoked, or when the outbox has no room for the case's packet: its size is bounded from the
     * case's items before anything changes ({@link #sizeBound}) and checked against the packets waiting for HQ in the
     * same transaction that seals the case ({@link SyncRefusedException#outboxFull()} says how full it is). If writing
     * the file fails, the case stays sealed with its packet still "sealing"; sealing it again (or the next
     * {@link #recover}) finishes it. A case already sealed into a packet that waits for HQ (by another caller, say the
     * sync service sealing waiting cases) is not sealed twice: its packet is returned.
     */
    public PacketRecord seal(String caseId) throws IOException {
        // One sealing of a case at a time across every CaseSealing of this vault (the guided case's completion and
        // the sync service's sealing of waiting cases each have their own): two would write one packet's file at once.
        synchronized (vault.packets()) {
            Optional<PacketRecord> already = vault.packets().ofCase(caseId).stream()
                    .filter(p -> p.state().open() && p.state() != PacketState.SEALING).reduce((a, b) -> b);
            if (already.isPresent()) {
                return already.get(); // sealed meanwhile by another caller: the case is where the caller wants it
            }
            return sealNow(caseId);
        }
    }

    private PacketRecord sealNow(String caseId) throws IOException {
        SyncIdentity identity = SyncIdentity.require(vault);
        SyncIdentity.requireNotRevoked(vault);
        long bound = sizeBound(identity, caseId);
        requireRoom(bound); // before reading the items: a case that does not fit is refused without being read
        // the first reading, before anything changes: a damaged item refuses the seal here, the case staying complete
        Digested items = digestItems(caseId);
        PacketRecord packet;
        try {
            packet = vault.packets().beginSealing(caseId, capacity.maxPackets(), capacity.maxBytes(), bound);
        } catch (VaultException.NoRoom e) {
            throw SyncRefusedException.outboxFull(new OutboxFullException(e.packets(), e.bytes(), bound, capacity));
        }
        PacketRecord queued = write(identity, packet, items);
        if (queued.bytes() > bound) {
            // never expected (PacketSealer's bound is tested); the packet is kept all the same, never dropped
            System.getLogger(CaseSealing.class.getName()).log(System.Logger.Level.WARNING, "packet " + queued.packetId()
                    + " has " + queued.bytes() + " bytes, more than its bound of " + bound);
        }
        return queued;
    }

    /**
     * Refuses, saying how full the outbox is, when the case's packet would not fit now; changes nothing. Asked before
     * a draft is completed to be sealed, so that a refusal leaves it a draft (sealing checks again, in its transaction).
     */
    public void requireRoomFor(String caseId) throws IOException {
        requireRoom(sizeBound(SyncIdentity.require(vault), caseId));
    }

    private void requireRoom(long bound) throws SyncRefusedException {
        int packets = 0;
        long bytes = 0;
        for (PacketRecord p : vault.packets().open()) {
            packets++;
            bytes += p.bytes();
        }
        if (!capacity.fits(packets, bytes, bound)) {
            throw SyncRefusedException.outboxFull(new OutboxFullException(packets, bytes, bound, capacity));
        }
    }

    /**
     * The most bytes the case's packet can have, from its items' sizes and its audit slice (plus room for the entries
     * sealing adds to it), without reading any item: {@link PacketSealer#sizeBound} of the manifest it would have.
     */
    public long sizeBound(String caseId) throws IOException {
        return sizeBound(SyncIdentity.require(vault), caseId);
    }

    private long sizeBound(SyncIdentity identity, String caseId) {
        PacketSuite suite = PacketSuite.byId(vault.suite().id());
        byte[] noDigest = new byte[suite.newDigest().getDigestSize()];
        List<PacketEntry> entries = new ArrayList<>();
        for (ItemInfo item : vault.cases().items(caseId)) {
            entries.add(new PacketEntry(ITEMS + item.kind().id() + "/" + item.slot(), item.mediaType(), item.size(),
                    noDigest));
        }
        int slice = AuditSlice.json(identity.deviceId(), caseId, vault.suite().id(), vault.auditEntriesOf(caseId)).length;
        entries.add(new PacketEntry(AuditSlice.ENTRY_NAME, "application/json", slice + SLICE_GROWTH, noDigest));
        PacketManifest manifest = new PacketManifest(UUID.randomUUID(), identity.deviceId(), caseId, clock.instant(),
                suite, entries);
        return PacketSealer.sizeBound(manifest, identity.deviceCertificate());
    }

    /**
     * Finishes what a crash left half done; see the class comment. Needs the vault unlocked. Holds the same lock as
     * {@link #seal}: a packet another thread is sealing right now is "sealing" too, and must be left to that thread,
     * not sealed a second time into the same file.
     */
    public Recovery recover() throws IOException {
        synchronized (vault.packets()) {
            return recoverNow();
        }
    }

    private Recovery recoverNow() throws IOException {
        List<UUID> queued = new ArrayList<>();
        List<UUID> resealed = new ArrayList<>();
        Map<UUID, UUID> replaced = new LinkedHashMap<>();
        List<Path> deleted = new ArrayList<>();
        List<String> notDone = new ArrayList<>();
        for (Path temp : spool.temporaryFiles()) {
            Files.deleteIfExists(temp);
            deleted.add(temp);
        }
        Optional<String> blocker = blocker();
        Optional<SyncIdentity> identity = SyncIdentity.of(vault);
        if (blocker.isEmpty()) {
            for (CaseSummary c : vault.cases().list()) {
                if (c.state() == CaseState.SEALED) {
                    vault.packets().beginSealing(c.id()); // a sealed case without a packet gets one
                }
            }
        }
        Map<UUID, Path> files = spool.files();
        for (PacketRecord p : vault.packets().open()) {
            Path file = files.get(p.packetId());
            if (file != null && Files.size(file) == 0) {
                Files.delete(file); // not one of ours: the spool writes whole files only
                deleted.add(file);
                file = null;
            }
            if (p.state() == PacketState.SEALING) {
                if (file != null) {
                    queueFromFile(p, file);
                    queued.add(p.packetId());
                } else if (blocker.isEmpty()) {
                    try {
                        write(identity.orElseThrow(), p);
                        resealed.add(p.packetId());
                    } catch (Aead.RecordDamagedException e) {
                        // one damaged case must not keep every other packet from being sent
                        notDone.add("packet " + p.packetId() + " of case " + shortId(p.caseId()) + " cannot be sealed: "
                                + e.getMessage());
                    }
                } else {
                    notDone.add("packet " + p.packetId() + " of case " + shortId(p.caseId()) + " is not sealed: "
                            + blocker.get());
                }
            } else if (file == null || Files.size(file) != p.bytes()) {
                if (blocker.isEmpty()) {
                    PacketRecord next = vault.packets().replace(p.packetId(), file == null ? "its file is missing from the spool"
                            : "its file in the spool has the wrong size");
                    try {
                        write(identity.orElseThrow(), next);
                        replaced.put(p.packetId(), next.packetId());
                    } catch (Aead.RecordDamagedException e) {
                        notDone.add("packet " + next.packetId() + " of case " + shortId(p.caseId()) + " cannot be sealed"
                                + " again: " + e.getMessage());
                    }
                } else {
                    notDone.add("packet " + p.packetId() + " of case " + shortId(p.caseId()) + " lost its file and cannot "
                            + "be sealed again now: " + blocker.get());
                }
            }
        }
        Set<UUID> waiting = new HashSet<>();
        for (PacketRecord p : vault.packets().open()) {
            waiting.add(p.packetId());
        }
        for (Map.Entry<UUID, Path> f : spool.files().entrySet()) {
            if (!waiting.contains(f.getKey())) {
                Files.deleteIfExists(f.getValue());
                deleted.add(f.getValue());
            }
        }
        if (!deleted.isEmpty()) {
            PacketSpoolFolder.forceFolder(spool.folder());
        }
        return new Recovery(List.copyOf(queued), List.copyOf(resealed), Map.copyOf(replaced), List.copyOf(deleted),
                List.copyOf(notDone));
    }

    /** Why nothing can be sealed now, if so. */
    private Optional<String> blocker() {
        if (SyncIdentity.of(vault).isEmpty()) {
            return Optional.of(SyncRefusedException.notEnrolled().getMessage());
        }
        try {
            SyncIdentity.requireNotRevoked(vault);
            } catch (SyncRefusedException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    private PacketRecord write(SyncIdentity identity, PacketRecord packet, Digested items) throws IOException {
        PacketSpoolFolder.Written written = writeFile(identity, packet, items);
        return vault.packets().queue(packet.packetId(), written.bytes(), written.sha256());
    }

    private PacketRecord write(SyncIdentity identity, PacketRecord packet) throws IOException {
        return write(identity, packet, digestItems(packet.caseId()));
    }

    /** A case's items as the manifest lists them (length and digest from a first reading), and their slots. */
    private record Digested(List<PacketEntry> entries, Map<String, String> slots) {
    }

    /**
     * The first of the two readings of a case's items: each streamed from the vault ({@link
     * org.doorstep.vault.CaseStore#readStreaming}) through the suite's digest, never held whole. A damaged item (its
     * GCM tag fails at the end of its stream) throws here.
     */
    private Digested digestItems(String caseId) throws IOException {
        PacketSuite suite = PacketSuite.byId(vault.suite().id());
        List<ItemInfo> items = vault.cases().items(caseId);
        return vault.cases().readStreaming(caseId, source -> {
            List<PacketEntry> entries = new ArrayList<>();
            Map<String, String> slots = new LinkedHashMap<>();
            byte[] buffer = new byte[64 * 1024];
            for (ItemInfo item : items) {
                org.bouncycastle.crypto.Digest digest = suite.newDigest();
                long length = 0;
                try (InputStream in = source.open(item.slot())) {
                    for (int n; (n = in.read(buffer)) > 0;) {
                        digest.update(buffer, 0, n);
                        length += n;
                    }
                }
                byte[] value = new byte[digest.getDigestSize()];
                digest.doFinal(value, 0);
                String name = ITEMS + item.kind().id() + "/" + item.slot();
                entries.add(new PacketEntry(name, item.mediaType(), length, value));
                slots.put(name, item.slot());
            }
            return new Digested(List.copyOf(entries), Map.copyOf(slots));
        });
    }

    /** The file step alone: a crash after it leaves a complete file and a packet still sealing (tests stop here). */
    PacketSpoolFolder.Written writeFile(SyncIdentity identity, PacketRecord packet) throws IOException {
        return writeFile(identity, packet, digestItems(packet.caseId()));
    }

    /**
     * The second reading: the items streamed from the vault again, straight into the sealer, which checks each against
     * the first reading's length and digest; a damaged item fails here too, and the temporary file is deleted, so a
     * tag failure never leaves a packet behind.
     */
    private PacketSpoolFolder.Written writeFile(SyncIdentity identity, PacketRecord packet, Digested items)
            throws IOException {
        UUID packetId = packet.packetId();
        String caseId = packet.caseId();
        return vault.lendDeviceKey("seal packet " + packetId, caseId, pkcs8 -> {
            PrivateKey key = privateKey(pkcs8);
            PacketSuite suite = PacketSuite.byId(vault.suite().id());
            byte[] slice = AuditSlice.json(identity.deviceId(), caseId, vault.suite().id(), vault.auditEntriesOf(caseId));
            List<PacketEntry> entries = new ArrayList<>(items.entries());
            entries.add(new PacketEntry(AuditSlice.ENTRY_NAME, "application/json", slice.length, digest(suite, slice)));
            PacketManifest manifest = new PacketManifest(packetId, identity.deviceId(), caseId, clock.instant(),
                    suite, entries);
            PacketSealer sealer = new PacketSealer(key, identity.deviceCertificate(), identity.hqEncryptionCertificate(),
                    random);
            // inside one read of the vault: nothing in here may call the vault (the slice was read above)
            return vault.cases().readStreaming(caseId, source -> spool.write(packetId, out -> sealer.seal(manifest,
                    entry -> entry.name().equals(AuditSlice.ENTRY_NAME) ? new ByteArrayInputStream(slice)
                            : source.open(items.slots().get(entry.name())),
                    out)));
        });
    }

    /** A complete file left by a sealing whose last step a crash interrupted: queue it as it is. */
    private void queueFromFile(PacketRecord packet, Path file) throws IOException {
        MessageDigest sha = PacketSpoolFolder.sha256();
        long bytes = 0;
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0;) {
                bytes += n;
            }
        }
        vault.packets().queue(packet.packetId(), bytes, sha.digest());
    }

    private static PrivateKey privateKey(byte[] pkcs8) throws IOException {
        try {
            return KeyFactory.getInstance("EC", BC).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IOException("the device key cannot be used for signing: " + e.getMessage(), e);
        }
    }

    /** An entry's digest as the suite's manifest wants it: SHA-256 in intl, SM3 in gm. */
    static byte[] digest(PacketSuite suite, byte[] content) {
        org.bouncycastle.crypto.Digest d = suite.newDigest();
        d.update(content, 0, content.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }


    private static String shortId(String caseId) {
        return caseId.length() < 8 ? caseId : caseId.substring(0, 8);
    }
}
