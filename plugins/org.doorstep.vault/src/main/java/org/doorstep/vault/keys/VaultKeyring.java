package org.doorstep.vault.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import org.doorstep.vault.crypto.Aead;
import org.doorstep.vault.crypto.Argon2Settings;
import org.doorstep.vault.crypto.CorruptDataException;
import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.crypto.PassphraseKdf;
import org.doorstep.vault.crypto.PassphrasePolicy;
import org.doorstep.vault.crypto.PassphrasePolicy.Problem;

/**
 * The laptop's key file: the vault master key wrapped once per enrolled officer under a key derived from
 * that officer's passphrase (Argon2id), plus the unlock counters. Nothing in it opens the vault without a
 * passphrase.
 *
 * <p>Every unlock attempt is counted on disk <em>before</em> the passphrase is tried, so killing the
 * process during the slow derivation does not give a guesser a free attempt. Back-off and lock-out follow
 * the {@link VaultPolicy}. The counters live in a file an attacker with the disk could edit; what stops
 * an offline guesser is the Argon2 cost per guess, the counters stop someone at the keyboard.
 */
public final class VaultKeyring {

    /** Where a keyring stands. */
    public enum State {
        ACTIVE, LOCKED_OUT, WIPED
    }

    private static final int FORMAT = 1;
    private static final int CHECK_BYTES = 16;

    /**
     * Something that happened while the vault was locked (so the encrypted audit trail could not take it):
     * kept in the key file until the next unlock moves it into the trail.
     *
     * @param kind      {@code UNLOCK_FAILED}, {@code LOCKOUT} or {@code KEYS_DESTROYED}
     * @param officerId the officer id that was typed, or {@code "?"} when it was not even a valid id
     */
    public record LockedEvent(Instant at, String kind, String officerId) {
    }

    /** Events kept at most while locked; older ones are dropped, the count of drops is kept. */
    static final int MAX_PENDING_EVENTS = 200;

    private record Enrolment(Officer officer, byte[] salt, Argon2Settings argon2, byte[] wrapped) {
    }

    private final Path file;
    private final VaultPolicy policy;
    private final Clock clock;
    private final SecureRandom random;

    private final String deviceName;
    private final CryptoSuite suite;
    private final byte[] masterCheck;
    private final Map<String, Enrolment> enrolments = new LinkedHashMap<>();
    private final List<LockedEvent> pending = new ArrayList<>();
    private State state;
    private Instant wipedAt;
    private String wipeReason;
    private boolean databaseCreated;
    private int failures;
    private Instant notBefore;

    private VaultKeyring(Path file, VaultPolicy policy, Clock clock, SecureRandom random, String deviceName,
            CryptoSuite suite, byte[] masterCheck) {
        this.file = file;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
        this.deviceName = deviceName;
        this.suite = suite;
        this.masterCheck = masterCheck;
    }

    /**
     * First start: makes a new master key, enrols the first officer and writes the key file. Refuses to
     * overwrite an existing key file.
     */
    public static VaultKeyring setUp(Path file, String deviceName, CryptoSuite suite, Officer first, char[] passphrase,
            char[] passphraseAgain, VaultPolicy policy, Clock clock, SecureRandom random)
            throws IOException, PassphraseRejectedException {
        String name = Objects.requireNonNull(deviceName, "deviceName").strip();
        if (name.isEmpty() || name.length() > 64) {
            throw new IllegalArgumentException("device name must have 1-64 characters");
        }
        if (Files.exists(file)) {
            throw new IOException("this laptop is already set up: " + file + " exists");
        }
        checkPassphrase(passphrase, passphraseAgain);
        byte[] master = new byte[MasterKey.BYTES];
        random.nextBytes(master);
        try {
            VaultKeyring keyring = new VaultKeyring(file, policy, clock, random, name, suite, check(master));
            keyring.state = State.ACTIVE;
            keyring.enrolments.put(first.id(), keyring.wrap(first, passphrase, master));
            keyring.save();
            return keyring;
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }

    /** Reads an existing key file, validating every field; a bad file is reported and left untouched. */
    public static VaultKeyring open(Path file, VaultPolicy policy, Clock clock, SecureRandom random)
            throws IOException, VaultFileException {
        Properties p = KeyFile.read(file);
        KeyFile.integer(p, "format", FORMAT, FORMAT);
        CryptoSuite suite;
        try {
            suite = CryptoSuite.byId(KeyFile.required(p, "suite"));
        } catch (IllegalArgumentException e) {
            throw new VaultFileException("key file field 'suite': " + e.getMessage());
        }
        byte[] check = KeyFile.base64(p, "master.check");
        if (check.length != CHECK_BYTES) {
            throw new VaultFileException("key file field 'master.check' has " + check.length + " bytes");
        }
        VaultKeyring keyring = new VaultKeyring(file, storedPolicy(p, policy), clock, random,
                KeyFile.required(p, "device.name"), suite, check);
        try {
            keyring.state = State.valueOf(KeyFile.required(p, "state"));
        } catch (IllegalArgumentException e) {
            throw new VaultFileException("key file field 'state' is not one of " + Arrays.toString(State.values()));
        }
        keyring.failures = KeyFile.integer(p, "failures", 0, Integer.MAX_VALUE);
        keyring.databaseCreated = Boolean.parseBoolean(p.getProperty("database.created", "false"));
        String wipedAt = p.getProperty("wiped.at", "").strip();
        try {
            keyring.wipedAt = wipedAt.isEmpty() ? null : Instant.parse(wipedAt);
        } catch (java.time.format.DateTimeParseException e) {
            throw new VaultFileException("key file field 'wiped.at' is not an instant: '" + wipedAt + "'");
        }
        keyring.wipeReason = p.getProperty("wiped.reason");
        String notBefore = p.getProperty("notBefore", "").strip();
        try {
            keyring.notBefore = notBefore.isEmpty() ? null : Instant.parse(notBefore);
        } catch (java.time.format.DateTimeParseException e) {
            throw new VaultFileException("key file field 'notBefore' is not an instant: '" + notBefore + "'");
        }
        int pendingCount = KeyFile.integer(p, "pending.count", 0, MAX_PENDING_EVENTS, 0);
        for (int i = 0; i < pendingCount; i++) {
            String[] parts = KeyFile.required(p, "pending." + i).split(",", 3);
            try {
                keyring.pending.add(new LockedEvent(Instant.parse(parts[0]), parts[1], parts[2]));
            } catch (RuntimeException e) {
                throw new VaultFileException("key file field 'pending." + i + "' is not time,kind,officer");
            }
        }
        if (keyring.state != State.WIPED) {
            for (String id : KeyFile.required(p, "officers").split(",")) {
                keyring.enrolments.put(id.strip(), readEnrolment(p, id.strip()));
            }
        }
        return keyring;
    }

    /**
     * The policy the laptop was set up with. It is kept in the key file so that every program opening the
     * vault (the product, the command line) applies the same lock-out rules; {@code fallback} serves only
     * key files written before the policy was stored.
     */
    private static VaultPolicy storedPolicy(Properties p, VaultPolicy fallback) throws VaultFileException {
        if (p.getProperty("policy.maxFailedAttempts") == null) {
            return fallback;
        }
        try {
            String[] cost = KeyFile.required(p, "policy.argon2").split(",");
            if (cost.length != 3) {
                throw new VaultFileException("key file field 'policy.argon2' must be memoryKiB,iterations,lanes");
            }
            return new VaultPolicy(KeyFile.integer(p, "policy.maxFailedAttempts", 1, 1000),
                    Boolean.parseBoolean(KeyFile.required(p, "policy.destroyKeysOnLockout")),
                    KeyFile.integer(p, "policy.warnWhenRemaining", 0, 1000),
                    KeyFile.integer(p, "policy.backoffFreeAttempts", 0, 1000),
                    Duration.ofSeconds(KeyFile.integer(p, "policy.maxBackoffSeconds", 0, 86_400)),
                    Duration.ofSeconds(KeyFile.integer(p, "policy.idleLockSeconds", 1, 86_400)),
                    new Argon2Settings(Integer.parseInt(cost[0].strip()), Integer.parseInt(cost[1].strip()),
                            Integer.parseInt(cost[2].strip())));
        } catch (IllegalArgumentException e) {
            throw new VaultFileException("key file policy: " + e.getMessage());
        }
    }

    /** The lock-out, idle and Argon2 rules of this laptop, as set up. */
    public VaultPolicy policy() {
        return policy;
    }

    private static Enrolment readEnrolment(Properties p, String id) throws VaultFileException {
        String prefix = "officer." + id + ".";
        Officer officer;
        try {
            officer = new Officer(id, KeyFile.required(p, prefix + "name"));
        } catch (IllegalArgumentException e) {
            throw new VaultFileException("key file officer '" + id + "': " + e.getMessage());
        }
        String[] cost = KeyFile.required(p, prefix + "argon2").split(",");
        if (cost.length != 3) {
            throw new VaultFileException("key file field '" + prefix + "argon2' must be memoryKiB,iterations,lanes");
        }
        Argon2Settings argon2;
        try {
            argon2 = new Argon2Settings(Integer.parseInt(cost[0].strip()), Integer.parseInt(cost[1].strip()),
                    Integer.parseInt(cost[2].strip()));
        } catch (IllegalArgumentException e) {
            throw new VaultFileException("key file field '" + prefix + "argon2': " + e.getMessage());
        }
        byte[] salt = KeyFile.base64(p, prefix + "salt");
        if (salt.length != PassphraseKdf.SALT_BYTES) {
            throw new VaultFileException("key file field '" + prefix + "salt' has " + salt.length + " bytes");
        }
        return new Enrolment(officer, salt, argon2, KeyFile.base64(p, prefix + "wrapped"));
    }

    public String deviceName() {
        return deviceName;
    }

    public CryptoSuite suite() {
        return suite;
    }

    public synchronized State state() {
        return state;
    }

    public synchronized List<Officer> officers() {
        return enrolments.values().stream().map(Enrolment::officer).toList();
    }

    public synchronized int failedAttempts() {
        return failures;
    }

    /** Tries one officer's passphrase. See {@link UnlockResult} for what can come back. */
    public synchronized UnlockResult unlock(String officerId, char[] passphrase) throws IOException {
        if (state != State.ACTIVE) {
            return new UnlockResult.LockedOut(state == State.WIPED);
        }
        Instant now = clock.instant();
        if (notBefore != null && now.isBefore(notBefore)) {
            return new UnlockResult.TooSoon(Duration.between(now, notBefore));
        }
        failures++;
        try {
            save(); // count the attempt before trying it: a kill during the derivation still counts
        } catch (IOException e) {
            // not counted on disk (full or read-only), so not tried: it must not count in memory either, or
            // a few refused attempts on a full disk would lock the officer out at the next typing error
            failures--;
            throw e;
        }
        Enrolment enrolment = enrolments.get(officerId);
        byte[] master = enrolment == null ? null : unwrap(enrolment, passphrase);
        if (enrolment == null) {
            // same cost as a real attempt, so timing does not tell which officer ids exist
            PassphraseKdf.derive(passphrase, new byte[PassphraseKdf.SALT_BYTES], policy.argon2(), suite.dataKeyBytes());
        }
        if (master == null) {
            remember("UNLOCK_FAILED", officerId, now);
        }
        if (master != null) {
            failures = 0;
            notBefore = null;
            save();
            return new UnlockResult.Unlocked(enrolment.officer(), new MasterKey(master));
        }
        if (failures >= policy.maxFailedAttempts()) {
            state = State.LOCKED_OUT;
            remember("LOCKOUT", officerId, now);
            if (policy.destroyKeysOnLockout()) {
                wipedAt = now;
                wipeReason = "lock-out after " + failures + " failed unlock attempts";
                destroyKeysLocked();
                remember("KEYS_DESTROYED", officerId, now);
            }
            save();
            return new UnlockResult.LockedOut(state == State.WIPED);
        }
        Duration wait = policy.backoffAfter(failures);
        notBefore = wait.isZero() ? null : now.plus(wait);
        save();
        int remaining = policy.maxFailedAttempts() - failures;
        return new UnlockResult.Refused(remaining, remaining <= policy.warnWhenRemaining(), wait);
    }

    /**
     * Whether the encrypted database has been created. Once it has, a missing database is an error to
     * report, not a reason to create an empty one.
     */
    public synchronized boolean databaseCreated() {
        return databaseCreated;
    }

    public synchronized void markDatabaseCreated() throws IOException {
        databaseCreated = true;
        save();
    }

    /** When and why the keys were destroyed, if they were (remote wipe, support staff, lock-out policy). */
    public synchronized java.util.Optional<String> wipeRecord() {
        return wipedAt == null ? java.util.Optional.empty() : java.util.Optional.of(wipedAt + ": " + wipeReason);
    }

    /** Takes an officer's enrolment back (an enrolment whose audit entry could not be written). */
    public synchronized void unenrol(String officerId) throws IOException {
        Enrolment removed = enrolments.remove(officerId);
        if (removed != null) {
            Arrays.fill(removed.wrapped(), (byte) 0);
            save();
        }
    }

    /** Events recorded while locked, oldest first, waiting to be moved into the audit trail. */
    public synchronized List<LockedEvent> pendingEvents() {
        return List.copyOf(pending);
    }

    /** Forgets the first {@code count} pending events, once the audit trail has committed them. */
    public synchronized void clearPendingEvents(int count) throws IOException {
        if (count > 0) {
            pending.subList(0, Math.min(count, pending.size())).clear();
            save();
        }
    }

    private void remember(String kind, String officerId, Instant at) {
        String id = officerId != null && Officer.isValidId(officerId) ? officerId : "?";
        pending.add(new LockedEvent(at, kind, id));
        if (pending.size() > MAX_PENDING_EVENTS) {
            pending.remove(0);
        }
    }

    /** Enrols another officer; needs the vault unlocked by an officer already enrolled. */
    public synchronized void enrol(MasterKey unlocked, Officer officer, char[] passphrase, char[] passphraseAgain)
            throws IOException, PassphraseRejectedException {
        if (state != State.ACTIVE) {
            throw new IllegalStateException("officers cannot be enrolled on a vault that is " + state);
        }
        if (enrolments.containsKey(officer.id())) {
            throw new IllegalArgumentException("officer " + officer.id() + " is already enrolled on this laptop");
        }
        byte[] master = unlocked.bytes();
        try {
            if (!MessageDigest.isEqual(check(master), masterCheck)) {
                throw new IllegalArgumentException("that key does not belong to this vault");
            }
            checkPassphrase(passphrase, passphraseAgain);
            enrolments.put(officer.id(), wrap(officer, passphrase, master));
            save();
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }

    /**
     * Destroys every wrapped copy of the master key (remote wipe, or lock-out under a destroying policy).
     * Afterwards nothing encrypted under the master key can be opened by anyone.
     */
    public synchronized void destroyKeys() throws IOException {
        destroyKeys("keys destroyed");
    }

    /**
     * As {@link #destroyKeys()}, and keeps when and why in the key file: the audit trail goes with the
     * database, so the key file is what still tells support staff what happened to the laptop.
     */
    public synchronized void destroyKeys(String reason) throws IOException {
        wipedAt = clock.instant();
        wipeReason = reason == null || reason.isBlank() ? "keys destroyed" : reason.strip().replaceAll("\\s+", " ");
        destroyKeysLocked();
        save();
    }

    private void destroyKeysLocked() {
        enrolments.values().forEach(e -> Arrays.fill(e.wrapped(), (byte) 0));
        enrolments.clear();
        state = State.WIPED;
        notBefore = null;
    }

    private Enrolment wrap(Officer officer, char[] passphrase, byte[] master) {
        byte[] salt = new byte[PassphraseKdf.SALT_BYTES];
        random.nextBytes(salt);
        byte[] kek = PassphraseKdf.derive(passphrase, salt, policy.argon2(), suite.dataKeyBytes());
        try {
            return new Enrolment(officer, salt, policy.argon2(), new Aead(suite, random).seal(kek, master, context(officer.id())));
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    private byte[] unwrap(Enrolment enrolment, char[] passphrase) {
        byte[] kek = PassphraseKdf.derive(passphrase, enrolment.salt(), enrolment.argon2(), suite.dataKeyBytes());
        try {
            byte[] master = Aead.open(kek, enrolment.wrapped(), context(enrolment.officer().id()));
            return MessageDigest.isEqual(check(master), masterCheck) ? master : null;
        } catch (CorruptDataException e) {
            return null;
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    private static byte[] context(String officerId) {
        return ("doorstep/v1/officer-key/" + officerId).getBytes(StandardCharsets.UTF_8);
    }

    /** A short fingerprint of the master key, to recognise it without revealing it (SHA-256, truncated). */
    private static byte[] check(byte[] master) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("doorstep/v1/master-check".getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(sha.digest(master), CHECK_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void checkPassphrase(char[] passphrase, char[] again) throws PassphraseRejectedException {
        List<Problem> problems = PassphrasePolicy.check(passphrase, again);
        if (!problems.isEmpty()) {
            throw new PassphraseRejectedException(problems);
        }
    }

    private void save() throws IOException {
        Properties p = new Properties();
        p.setProperty("format", Integer.toString(FORMAT));
        p.setProperty("device.name", deviceName);
        p.setProperty("suite", suite.id());
        p.setProperty("master.check", KeyFile.base64(masterCheck));
        p.setProperty("state", state.name());
        p.setProperty("failures", Integer.toString(failures));
        p.setProperty("database.created", Boolean.toString(databaseCreated));
        if (wipedAt != null) {
            p.setProperty("wiped.at", wipedAt.toString());
            p.setProperty("wiped.reason", wipeReason);
        }
        p.setProperty("policy.maxFailedAttempts", Integer.toString(policy.maxFailedAttempts()));
        p.setProperty("policy.destroyKeysOnLockout", Boolean.toString(policy.destroyKeysOnLockout()));
        p.setProperty("policy.warnWhenRemaining", Integer.toString(policy.warnWhenRemaining()));
        p.setProperty("policy.backoffFreeAttempts", Integer.toString(policy.backoffFreeAttempts()));
        p.setProperty("policy.maxBackoffSeconds", Long.toString(policy.maxBackoff().toSeconds()));
        p.setProperty("policy.idleLockSeconds", Long.toString(policy.idleLock().toSeconds()));
        p.setProperty("policy.argon2", policy.argon2().memoryKiB() + "," + policy.argon2().iterations() + ","
                + policy.argon2().parallelism());
        p.setProperty("notBefore", notBefore == null ? "" : notBefore.toString());
        List<String> ids = new ArrayList<>(enrolments.keySet());
        p.setProperty("officers", String.join(",", ids));
        p.setProperty("pending.count", Integer.toString(pending.size()));
        for (int i = 0; i < pending.size(); i++) {
            LockedEvent e = pending.get(i);
            p.setProperty("pending." + i, e.at() + "," + e.kind() + "," + e.officerId());
        }
        for (Enrolment e : enrolments.values()) {
            String prefix = "officer." + e.officer().id() + ".";
            p.setProperty(prefix + "name", e.officer().name());
            p.setProperty(prefix + "salt", KeyFile.base64(e.salt()));
            p.setProperty(prefix + "argon2", e.argon2().memoryKiB() + "," + e.argon2().iterations() + ","
                    + e.argon2().parallelism());
            p.setProperty(prefix + "wrapped", KeyFile.base64(e.wrapped()));
        }
        KeyFile.write(file, p);
    }
}
