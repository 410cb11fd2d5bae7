package org.doorstep.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.doorstep.vault.crypto.Aead;
import org.doorstep.vault.crypto.CorruptDataException;
import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.crypto.DeviceKey;
import org.doorstep.vault.crypto.PassphrasePolicy;
import org.doorstep.vault.keys.MasterKey;
import org.doorstep.vault.keys.Officer;
import org.doorstep.vault.keys.PassphraseRejectedException;
import org.doorstep.vault.keys.UnlockResult;
import org.doorstep.vault.keys.VaultFileException;
import org.doorstep.vault.keys.VaultKeyring;
import org.doorstep.vault.keys.VaultPolicy;

/**
 * The laptop's vault: the key file, the encrypted database and the audit trail under one data folder.
 *
 * <pre>
 *   data/vault.keys   master key wrapped per officer (Argon2id), unlock counters, events seen while locked
 *   data/db/          Derby database, AES-256 encrypted, boot password derived from the master key
 * </pre>
 *
 * Locked, the vault holds no key and its database is shut down; {@link #unlock} derives the officer's key,
 * unwraps the master key and boots the database. Every change is one database transaction that also
 * appends its audit entry, so a crash leaves either all of a change or none of it. Methods are
 * synchronised: one officer works on one laptop at a time.
 */
public final class Vault implements AutoCloseable {

    /** Where the vault stands, for the status line and the unlock screen. */
    public enum Status {
        LOCKED, UNLOCKED, LOCKED_OUT, WIPED
    }

    static final String KEY_FILE = "vault.keys";
    static final String DB_FOLDER = "db";

    private final Path dataDir;
    private final VaultKeyring keyring;
    private final VaultPolicy policy;
    private final Clock clock;
    private final SecureRandom random;
    private final List<Consumer<Status>> listeners = new CopyOnWriteArrayList<>();
    private final CaseStore cases = new CaseStore(this);
    private final SyncSettings syncSettings = new SyncSettings(this);
    private final PacketStore packets = new PacketStore(this);
    private final HqInbox hqInbox = new HqInbox(this);
    private final GroupSessionStore groupSessions = new GroupSessionStore(this);

    private Session session;
    private Instant lastUse;

    /** What exists only while unlocked. */
    static final class Session {
        final Officer officer;
        final MasterKey master;
        final DeviceKey deviceKey;
        final byte[] caseKek;
        /** Seals what the sync service keeps: settings, work orders, status notes, catalogues. */
        final byte[] syncKek;
        Database db;

        Session(Officer officer, MasterKey master, Database db, DeviceKey deviceKey, byte[] caseKek, byte[] syncKek) {
            this.officer = officer;
            this.master = master;
            this.db = db;
            this.deviceKey = deviceKey;
            this.caseKek = caseKek;
            this.syncKek = syncKek;
        }

        void close() {
            db.close();
            Arrays.fill(caseKek, (byte) 0);
            Arrays.fill(syncKek, (byte) 0);
            master.close();
        }
    }

    private Vault(Path dataDir, VaultKeyring keyring, VaultPolicy policy, Clock clock, SecureRandom random) {
        this.dataDir = dataDir;
        this.keyring = keyring;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
    }

    /** Whether this data folder holds a vault (set up, possibly locked out or wiped). */
    public static boolean isSetUp(Path dataDir) {
        return Files.exists(dataDir.resolve(KEY_FILE));
    }

    /**
     * First start: creates the data folder (owner-only), the key file with the first officer, the
     * encrypted database and the device key, and returns the vault unlocked by that officer.
     */
    public static Vault setUp(Path dataDir, String deviceName, CryptoSuite suite, Officer first, char[] passphrase,
            char[] passphraseAgain, VaultPolicy policy, Clock clock, SecureRandom random)
            throws IOException, PassphraseRejectedException {
        List<PassphrasePolicy.Problem> problems = PassphrasePolicy.check(passphrase, passphraseAgain);
        if (!problems.isEmpty()) {
            throw new PassphraseRejectedException(problems); // before anything is created
        }
        Path keyFile = dataDir.resolve(KEY_FILE);
        if (Files.exists(keyFile) && wiped(keyFile, policy, clock, random)) {
            // a wiped laptop being set up again: the old key file holds no key, only its tombstone
            Files.delete(keyFile);
            deleteTree(dataDir.resolve(DB_FOLDER));
        }
        Files.createDirectories(dataDir);
        restrictToOwner(dataDir);
        VaultKeyring keyring = VaultKeyring.setUp(dataDir.resolve(KEY_FILE), deviceName, suite, first, passphrase,
                passphraseAgain, policy, clock, random);
        Vault vault = new Vault(dataDir, keyring, policy, clock, random);
        UnlockResult result = vault.unlock(first.id(), passphrase);
        if (!(result instanceof UnlockResult.Unlocked)) {
            throw new IllegalStateException("a vault just set up did not unlock: " + result);
        }
        return vault;
    }

    /**
     * Opens a vault that has been set up; it starts locked. A damaged key file is reported, not touched.
     * The lock-out and idle rules are those stored at set-up; {@code policy} serves only older key files.
     */
    public static Vault open(Path dataDir, VaultPolicy policy, Clock clock, SecureRandom random)
            throws IOException, VaultFileException {
        Path keyFile = dataDir.resolve(KEY_FILE);
        if (!Files.exists(keyFile)) {
            throw new VaultFileException("this laptop has not been set up: there is no " + keyFile);
        }
        VaultKeyring keyring = VaultKeyring.open(keyFile, policy, clock, random);
        return new Vault(dataDir, keyring, keyring.policy(), clock, random);
    }

    private static boolean wiped(Path keyFile, VaultPolicy policy, Clock clock, SecureRandom random) throws IOException {
        try {
            return VaultKeyring.open(keyFile, policy, clock, random).state() == VaultKeyring.State.WIPED;
        } catch (VaultFileException e) {
            return false; // a damaged key file is not overwritten: set-up refuses it below
        }
    }

    /** When and why this laptop's keys were destroyed, if they were. */
    public Optional<String> wipeRecord() {
        return keyring.wipeRecord();
    }

    public String deviceName() {
        return keyring.deviceName();
    }

    public CryptoSuite suite() {
        return keyring.suite();
    }

    public List<Officer> officers() {
        return keyring.officers();
    }

    public Path dataDir() {
        return dataDir;
    }

    public VaultPolicy policy() {
        return policy;
    }

    /** Failed unlock attempts in a row since the last success (lock-out comes at the policy's maximum). */
    public int failedAttempts() {
        return keyring.failedAttempts();
    }

    public synchronized Status status() {
        if (session != null) {
            return Status.UNLOCKED;
        }
        return switch (keyring.state()) {
            case ACTIVE -> Status.LOCKED;
            case LOCKED_OUT -> Status.LOCKED_OUT;
            case WIPED -> Status.WIPED;
        };
    }

    /** The officer who unlocked the vault, while it is unlocked. */
    public synchronized Optional<Officer> officer() {
        return session == null ? Optional.empty() : Optional.of(session.officer);
    }

    /** Called with the new status whenever the vault locks, unlocks, locks out or is wiped. */
    public void addListener(Consumer<Status> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(Consumer<Status> listener) {
        listeners.remove(listener);
    }

    /**
     * Tries an officer's passphrase. On success boots the database, moves events seen while locked into
     * the audit trail, records the unlock and finishes any shredding a crash interrupted. The master key in
     * an {@link UnlockResult.Unlocked} result belongs to the vault, which zeroises it when it locks.
     *
     * <p>An unlock either completes, recorded in the audit trail, or leaves the vault locked: on a full or
     * read-only disk the officer gets a {@link VaultException.Storage} saying so, never a vault that is open
     * without a trace of who opened it.
     *
     * @throws VaultException.Storage when the attempt cannot be counted in the key file (then the passphrase
     *         is not tried), or the key was right but the database cannot be opened or written
     */
    public synchronized UnlockResult unlock(String officerId, char[] passphrase) throws IOException {
        if (session != null) {
            throw new IllegalStateException("the vault is already unlocked by " + session.officer.id());
        }
        UnlockResult result;
        try {
            result = keyring.unlock(officerId, passphrase);
        } catch (IOException e) {
            throw StorageErrors.wrap("count the unlock attempt in the key file", e);
        }
        if (!(result instanceof UnlockResult.Unlocked unlocked)) {
            if (result instanceof UnlockResult.LockedOut) {
                fire(status());
            }
            return result;
        }
        MasterKey master = unlocked.masterKey();
        try {
            session = openSession(unlocked.officer(), master);
        } catch (RuntimeException | IOException e) {
            master.close();
            throw e;
        }
        lastUse = clock.instant();
        try {
            List<VaultKeyring.LockedEvent> pending = keyring.pendingEvents();
            int foundSchema = session.db.foundVersion();
            write("record the unlock", c -> {
                for (VaultKeyring.LockedEvent e : pending) {
                    audit(c, e.at(), e.officerId(), AuditAction.valueOf(e.kind()), null, "while locked");
                }
                if (foundSchema < Database.SCHEMA_VERSION) {
                    audit(c, AuditAction.SCHEMA_UPGRADED, null, "schema " + foundSchema + " → " + Database.SCHEMA_VERSION);
                }
                audit(c, AuditAction.UNLOCK, null, null);
                return null;
            });
            try {
                keyring.clearPendingEvents(pending.size());
            } catch (IOException e) {
                throw StorageErrors.wrap("clear the events recorded while locked", e);
            }
            cases.finishInterruptedShredding();
        } catch (RuntimeException e) {
            Session s = session;
            session = null;
            s.close();
            throw e;
        }
        fire(Status.UNLOCKED);
        return result;
    }

    private Session openSession(Officer officer, MasterKey master) throws IOException {
        CryptoSuite suite = keyring.suite();
        byte[] key = master.bytes();
        try {
            Path dbDir = dataDir.resolve(DB_FOLDER);
            String bootPassword = Database.bootPassword(suite, key);
            byte[] deviceKek = suite.deriveKey(key, "device-key-wrap", suite.dataKeyBytes());
            byte[] caseKek = suite.deriveKey(key, "case-key-wrap", suite.dataKeyBytes());
            byte[] syncKek = suite.deriveKey(key, "sync-data", suite.dataKeyBytes());
            try {
                Database db;
                DeviceKey deviceKey;
                if (!Database.exists(dbDir)) {
                    if (keyring.databaseCreated()) {
                        throw new VaultException.Storage("the vault's database is missing from " + dbDir
                                + ": its cases cannot be read. Restore the folder from a copy, or wipe this laptop", null);
                    }
                    deleteTree(dbDir); // remains of a creation that was interrupted
                    db = Database.open(dbDir, bootPassword, true);
                    deviceKey = DeviceKey.generate(suite, random);
                    storeDeviceKey(db.connection(), deviceKey, deviceKek, suite);
                    Session s = new Session(officer, master, db, deviceKey, caseKek, syncKek);
                    AuditTrail.append(db.connection(), suite, deviceKey, clock.instant(), officer.id(),
                            AuditAction.DEVICE_SET_UP, null, "device " + keyring.deviceName() + ", suite " + suite.id());
                    db.connection().commit();
                    keyring.markDatabaseCreated();
                    return s;
                }
                db = Database.open(dbDir, bootPassword, false);
                try {
                    deviceKey = loadDeviceKey(db.connection(), deviceKek, suite);
                } catch (SQLException | RuntimeException e) {
                    db.close();
                    throw e;
                }
                return new Session(officer, master, db, deviceKey, caseKek, syncKek);
            } catch (SQLException e) {
                Arrays.fill(caseKek, (byte) 0);
                Arrays.fill(syncKek, (byte) 0);
                throw StorageErrors.wrap("open the vault's database", e);
            } finally {
                Arrays.fill(deviceKek, (byte) 0);
            }
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private void storeDeviceKey(Connection c, DeviceKey deviceKey, byte[] kek, CryptoSuite suite) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO device_key VALUES (1, ?, ?)")) {
            ps.setBytes(1, deviceKey.publicKeyInfo());
            byte[] pkcs8 = deviceKey.privateKeyPkcs8();
            ps.setBytes(2, new Aead(suite, random).seal(kek, pkcs8, "device-key".getBytes()));
            Arrays.fill(pkcs8, (byte) 0);
            ps.executeUpdate();
        }
    }

    private static DeviceKey loadDeviceKey(Connection c, byte[] kek, CryptoSuite suite) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT public_key, private_sealed FROM device_key WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new VaultException.Storage("the vault's database has no device key: it is damaged", null);
            }
            byte[] pkcs8 = Aead.open(kek, rs.getBytes(2), "device-key".getBytes());
            DeviceKey key = DeviceKey.fromPkcs8(suite, pkcs8);
            Arrays.fill(pkcs8, (byte) 0);
            if (!Arrays.equals(key.publicKeyInfo(), rs.getBytes(1))) {
                throw new VaultException.Storage("the vault's device key does not match its public key: it is damaged", null);
            }
            return key;
        } catch (CorruptDataException e) {
            throw new VaultException.Storage("the vault's device key cannot be opened: " + e.getMessage(), e);
        }
    }

    /** Locks now: records it, shuts the database down and zeroises every key held in memory. */
    public synchronized void lock() {
        lock(AuditAction.LOCK);
    }

    /** Locks if nothing has used the vault for the policy's idle time; returns whether it locked. */
    public synchronized boolean lockIfIdle() {
        if (session == null || lastUse == null || clock.instant().isBefore(lastUse.plus(policy.idleLock()))) {
            return false;
        }
        lock(AuditAction.IDLE_LOCK);
        return true;
    }

    /** When the vault will lock itself if nobody uses it, or empty while locked. */
    public synchronized Optional<Instant> idleLockAt() {
        return session == null ? Optional.empty() : Optional.of(lastUse.plus(policy.idleLock()));
    }

    private void lock(AuditAction why) {
        if (session == null) {
            return;
        }
        try {
            write("record the lock", c -> {
                audit(c, why, null, null);
                return null;
            });
        } catch (VaultException e) {
            // locking must not fail because the disk is full: the keys are dropped below regardless
        }
        Session s = session;
        session = null;
        s.close();
        fire(Status.LOCKED);
    }

    /** Enrols another officer on this laptop; the vault must be unlocked by an officer already enrolled. */
    public synchronized void enrol(Officer officer, char[] passphrase, char[] passphraseAgain)
            throws IOException, PassphraseRejectedException {
        Session s = session();
        keyring.enrol(s.master, officer, passphrase, passphraseAgain);
        try {
            write("record the enrolment", c -> {
                audit(c, AuditAction.OFFICER_ENROLLED, null, "officer " + officer.id());
                return null;
            });
        } catch (VaultException e) {
            keyring.unenrol(officer.id()); // no enrolment without its audit entry
            throw e;
        }
    }

    /** The cases on this laptop. Every call on it needs the vault unlocked. */
    public CaseStore cases() {
        return cases;
    }

    /** The sync service's settings: enrolment with HQ, revocation, last command accepted. Needs the vault unlocked. */
    public SyncSettings syncSettings() {
        return syncSettings;
    }

    /** The packets cases travel to HQ in, and the case changes HQ's answers cause. Needs the vault unlocked. */
    public PacketStore packets() {
        return packets;
    }

    /** What HQ's commands left here: work orders, status updates, catalogues, revocation. Needs the vault unlocked. */
    public HqInbox hqInbox() {
        return hqInbox;
    }

    /** The group sessions at companies kept on this laptop. */
    public GroupSessionStore groupSessions() {
        return groupSessions;
    }

    /** Checks the whole audit trail: chain, numbering, signatures and signed end. */
    public synchronized AuditReport verifyAudit() {
        return read("read the audit trail", c -> AuditTrail.verify(c, suite(), session().deviceKey.publicKeyInfo()));
    }

    /** Audit entries from {@code fromSeq} on, at most {@code max}. */
    public synchronized List<AuditEntry> auditEntries(long fromSeq, int max) {
        return read("read the audit trail", c -> AuditTrail.read(c, fromSeq, max));
    }

    /** Every audit entry about one case, in order: the slice of the trail that travels with the case's packet. */
    public synchronized List<AuditEntry> auditEntriesOf(String caseId) {
        return read("read the case's audit trail", c -> AuditTrail.readCase(c, caseId));
    }

    /** The device's public key (SubjectPublicKeyInfo), which verifies its audit trail and packets. */
    public synchronized byte[] devicePublicKey() {
        return session().deviceKey.publicKeyInfo();
    }

    /** One use of the device's private key outside the vault; see {@link #lendDeviceKey}. */
    @FunctionalInterface
    public interface DeviceKeyUse<T, E extends Exception> {
        /** @param pkcs8 the private key, PKCS#8 DER; zeroed when this returns, so it must not be kept */
        T apply(byte[] pkcs8) throws E;
    }

    /**
     * Lends the device's private key (PKCS#8) to one operation, only while the vault is unlocked, and records the
     * loan in the audit trail first. The standard formats that must be signed with it (the CMS signature of a
     * packet, the certificate request) are built by Bouncy Castle's JCA classes, which take a {@code PrivateKey};
     * a loan scoped to one call, audited and zeroed afterwards, keeps the key's uses visible and short, which a
     * getter would not. The buffer is zeroed when {@code use} returns; key objects made from it should not outlive
     * the call.
     *
     * @param purpose what the key is used for, for the trail: {@code "seal packet …"}, {@code "certificate request"}
     * @param caseId  the case it is used for, or {@code null}
     */
    public <T, E extends Exception> T lendDeviceKey(String purpose, String caseId, DeviceKeyUse<T, E> use) throws E {
        Objects.requireNonNull(use, "use");
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("say what the device key is used for");
        }
        byte[] pkcs8 = write("record the use of the device key", c -> {
            audit(c, AuditAction.DEVICE_KEY_USED, caseId, purpose.strip());
            return session().deviceKey.privateKeyPkcs8();
        });
        try {
            return use.apply(pkcs8);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /**
     * Destroys everything on this laptop for good: records the wipe if unlocked, destroys every wrapped
     * master key, then deletes the database. Works locked too (support staff, remote wipe): without the
     * wrapped keys nothing left could be opened anyway.
     */
    public synchronized void wipe(String reason) throws IOException {
        if (session != null) {
            try {
                write("record the wipe", c -> {
                    audit(c, AuditAction.WIPE, null, reason);
                    return null;
                });
            } catch (VaultException e) {
                // a full disk must not stop a wipe
            }
            Session s = session;
            session = null;
            s.close();
        }
        keyring.destroyKeys(reason);
        deleteTree(dataDir.resolve(DB_FOLDER));
        fire(Status.WIPED);
    }

    @Override
    public synchronized void close() {
        lock();
    }

    // ---- for CaseStore ----

    Session session() {
        if (session == null) {
            throw new VaultException.Locked();
        }
        lastUse = clock.instant();
        return session;
    }

    Clock clock() {
        return clock;
    }

    SecureRandom random() {
        return random;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs one change as one transaction and commits it; on any failure rolls it back so nothing of it
     * stays, and turns database errors into messages that say what went wrong.
     */
    synchronized <T> T write(String what, Work<T> work) {
        Session s = session();
        Connection c = connection(s, what);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            rollback(s);
            throw StorageErrors.wrap(what, e);
        } catch (RuntimeException e) {
            rollback(s);
            throw e;
        }
    }

    /**
     * Runs a read. It is a transaction like a change (reads see only committed data, and ending the transaction
     * releases Derby's read locks); the name only says what the caller means.
     */
    synchronized <T> T read(String what, Work<T> work) {
        return write(what, work);
    }

    /**
     * The session's connection. When a write to disk fails, Derby shuts the database down; {@link #rollback}
     * boots it again at once, which runs recovery. Recovery itself needs room for its log, so after a failed
     * log write on a full disk it can fail too: then every later action tries again, and the vault works
     * as soon as space is freed instead of answering "no current connection" until it is locked.
     */
    private Connection connection(Session s, String what) {
        try {
            if (s.db.connection().isClosed()) {
                reboot(s);
            }
            return s.db.connection();
        } catch (SQLException e) {
            throw StorageErrors.wrap(what, e);
        }
    }

    private void rollback(Session s) {
        try {
            s.db.connection().rollback();
        } catch (SQLException e) {
            try {
                reboot(s);
            } catch (SQLException again) {
                // still broken (no room for recovery's log): the next action tries again and reports it
            }
        }
    }

    private void reboot(Session s) throws SQLException {
        s.db.close();
        byte[] key = s.master.bytes();
        try {
            s.db = Database.open(dataDir.resolve(DB_FOLDER), Database.bootPassword(suite(), key), false);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Appends an audit entry for the officer who unlocked the vault, now, inside the caller's transaction. */
    AuditEntry audit(Connection c, AuditAction action, String caseId, String detail) throws SQLException {
        return audit(c, clock.instant(), session().officer.id(), action, caseId, detail);
    }

    AuditEntry audit(Connection c, Instant at, String officerId, AuditAction action, String caseId, String detail)
            throws SQLException {
        return AuditTrail.append(c, suite(), session().deviceKey, at, officerId, action, caseId, detail);
    }

    private void fire(Status status) {
        for (Consumer<Status> listener : listeners) {
            try {
                listener.accept(status);
            } catch (RuntimeException e) {
                System.getLogger(Vault.class.getName()).log(System.Logger.Level.WARNING, "vault listener failed", e);
            }
        }
    }

    private static void restrictToOwner(Path dir) {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system (Windows): the user profile's ACLs apply
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
        }
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + p, e);
            }
        }
    }
}
