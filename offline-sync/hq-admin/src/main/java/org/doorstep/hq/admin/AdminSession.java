package org.doorstep.hq.admin;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.doorstep.hq.admin.internal.Bodies;
import org.doorstep.hq.admin.internal.Cases;
import org.doorstep.hq.admin.internal.Db;
import org.doorstep.hq.admin.internal.DeviceAuditCheck;
import org.doorstep.hq.admin.internal.Devices;
import org.doorstep.hq.admin.internal.Views;
import org.doorstep.hq.admin.store.AdminAuditLog;
import org.doorstep.hq.admin.store.CommandQueue;
import org.doorstep.hq.admin.store.DeviceStates;
import org.doorstep.hq.admin.store.HqRequests;
import org.doorstep.hq.admin.store.HqSettings;
import org.doorstep.hq.admin.store.IngestWorkers;
import org.doorstep.sync.command.CommandType;
import org.doorstep.sync.pki.CaOptions;
import org.doorstep.sync.pki.EnrolmentCode;
import org.doorstep.sync.pki.PkiSuite;
import org.doorstep.sync.pki.RevocationReason;
import org.doorstep.sync.protocol.Topics;

/**
 * A signed-in administrator's view of HQ and the actions they may take. Viewers may call every reading method and
 * {@link #recordExport}; every other method needs the {@link Role#ADMIN} role, and refuses a viewer with
 * {@code FORBIDDEN}. Every action — done, refused or failed — is written to the administrators' audit trail, in the
 * action's own transaction when it is done.
 *
 * <p>Thread-safe, immutable apart from the store it reads: use it from any thread (never the UI thread: every call
 * is a JDBC round trip). Results are immutable records.
 */
public final class AdminSession {

    private static final Pattern CASE_ID = Pattern.compile("[A-Za-z0-9-]{8,128}");

    private final HqAdmin admin;
    private final String userId;
    private final String displayName;
    private final Role role;

    AdminSession(HqAdmin admin, String userId, String displayName, Role role) {
        this.admin = admin;
        this.userId = userId;
        this.displayName = displayName;
        this.role = role;
    }

    public String userId() {
        return userId;
    }

    public String displayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }

    // ---- reading (viewer and admin) -------------------------------------------------------------------------

    /** The device board: every laptop with its state, officers, last heartbeat, backlog, versions and counts. */
    public DeviceBoard devices() throws AdminException {
        return read(c -> admin.devices.board(c, admin.clock.instant()));
    }

    /**
     * The ingest workers HQ's store knows: alive, silent (taken for dead) or stopped. While none is alive, what the
     * laptops send waits at the broker and nothing is stored or receipted.
     */
    public List<IngestWorkerView> ingestWorkers() throws AdminException {
        return read(c -> IngestWorkers.read(c, admin.clock.instant()));
    }

    public Optional<DeviceView> device(String deviceId) throws AdminException {
        requireDeviceId(deviceId);
        return devices().device(deviceId);
    }

    /**
     * Watches the board: {@code listener} gets the board now and again whenever a heartbeat, a packet, a rejection,
     * a command or a device's state changes (checked every {@code every} with one cheap query; the board is read only
     * after a change). Both callbacks run on the monitor's own daemon thread: a UI hands the board to its UI thread
     * ({@code Display.asyncExec}) and never blocks in the callback. Close the monitor to stop it.
     */
    public BoardMonitor watchBoard(Duration every, Consumer<DeviceBoard> listener, Consumer<AdminException> errors) {
        return BoardMonitor.start(admin, this, every, listener, errors);
    }

    /** Stored cases by device, day and state, newest first. */
    public List<CaseView> cases(CaseQuery query) throws AdminException {
        Objects.requireNonNull(query, "query");
        if (query.deviceId().isPresent()) {
            requireDeviceId(query.deviceId().get());
        }
        return read(c -> Cases.list(c, query, admin.options.zone()));
    }

    /** A stored case by its packet id. */
    public CaseView caseOf(UUID packetId) throws AdminException {
        Objects.requireNonNull(packetId, "packetId");
        return read(c -> Cases.byPacket(c, packetId)).orElseThrow(() -> new AdminException(
                AdminException.Kind.NOT_FOUND, "HQ holds no case in packet " + packetId));
    }

    /** A stored case by its case id, or a unique prefix of at least 8 characters of it (as laptops show them). */
    public CaseView findCase(String caseIdOrPrefix) throws AdminException {
        if (caseIdOrPrefix == null || !CASE_ID.matcher(caseIdOrPrefix).matches()) {
            throw new AdminException(AdminException.Kind.INPUT, "a case is named by its id or the first 8 or more"
                    + " characters of it (letters, digits, '-')");
        }
        List<CaseView> found = read(c -> Cases.byCaseId(c, caseIdOrPrefix));
        if (found.isEmpty()) {
            throw new AdminException(AdminException.Kind.NOT_FOUND, "HQ holds no case " + caseIdOrPrefix);
        }
        if (found.size() > 1) {
            throw new AdminException(AdminException.Kind.INPUT, caseIdOrPrefix + " names " + found.size()
                    + " cases: give more of the case id");
        }
        return found.get(0);
    }

    /** Cases whose exceptions no reviewer has decided on, oldest first. */
    public List<CaseView> reviewQueue() throws AdminException {
        List<CaseView> open = new ArrayList<>(cases(CaseQuery.all().state(HqCaseState.NEEDS_REVIEW)));
        java.util.Collections.reverse(open);
        return open;
    }

    /** Rejected packets and messages, newest first, with any resend request. */
    public List<RejectView> rejects(Optional<String> deviceId, int limit) throws AdminException {
        if (deviceId.isPresent()) {
            requireDeviceId(deviceId.get());
        }
        requireLimit(limit);
        return read(c -> Cases.rejects(c, deviceId, limit));
    }

    /** Commands, newest first, of one device or (null) of all. */
    public List<CommandView> commands(String deviceId, int limit) throws AdminException {
        if (deviceId != null) {
            requireDeviceId(deviceId);
        }
        requireLimit(limit);
        return read(c -> CommandQueue.ofDevice(c, deviceId, limit).stream().map(Views::command).toList());
    }

    /** A laptop's audit trail as HQ holds it, from {@code fromSeq}, at most {@code max} entries. */
    public List<DeviceAuditEntry> deviceAudit(String deviceId, long fromSeq, int max) throws AdminException {
        requireDeviceId(deviceId);
        requireLimit(max);
        return read(c -> {
            List<DeviceAuditEntry> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, at_ms, officer_id, action, case_id, detail, source"
                    + " FROM device_audit WHERE device_id = ? AND seq >= ? ORDER BY seq")) {
                ps.setString(1, deviceId);
                ps.setLong(2, fromSeq);
                ps.setMaxRows(max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        all.add(new DeviceAuditEntry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                    }
                }
            }
            return all;
        });
    }

    /** Verifies a laptop's trail: every entry's hash and device signature, the chain, gaps listed apart. */
    public AuditCheck verifyDeviceAudit(String deviceId) throws AdminException {
        requireDeviceId(deviceId);
        return read(c -> DeviceAuditCheck.verify(c, deviceId));
    }

    /** The devices that have sent any audit entries. */
    public List<String> auditedDevices() throws AdminException {
        return read(c -> {
            List<String> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT device_id FROM device_audit ORDER BY device_id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(rs.getString(1));
                }
            }
            return all;
        });
    }

    /** The administrators' trail from {@code fromSeq}. */
    public List<AdminAuditEntry> adminAudit(long fromSeq, int max) throws AdminException {
        requireLimit(max);
        return read(c -> AdminAuditLog.read(c, fromSeq, max).stream().map(e -> new AdminAuditEntry(e.seq(), e.at(),
                e.userId(), e.action(), e.target(), e.detail(), e.outcome())).toList());
    }

    public AuditCheck verifyAdminAudit() throws AdminException {
        return read(c -> {
            AdminAuditLog.Report r = AdminAuditLog.verify(c);
            return new AuditCheck("administrators", r.entries(), r.headSeq(), r.problems(), List.of());
        });
    }

    /** Cases per device per day, with capture-to-receipt and seal-to-receipt times. */
    public List<DailyCount> report(Optional<String> deviceId, Optional<LocalDate> from, Optional<LocalDate> to)
            throws AdminException {
        if (deviceId.isPresent()) {
            requireDeviceId(deviceId.get());
        }
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw new AdminException(AdminException.Kind.INPUT, "the last day " + to.get() + " is before the first "
                    + from.get());
        }
        return read(c -> Cases.report(c, deviceId, from, to, admin.options.zone()));
    }

    public List<UserView> users() throws AdminException {
        return read(AdminSession::users);
    }

    /** What the HQ service published: suite, CA fingerprint, enrolment and broker addresses, CRL state. */
    public Map<String, String> hqSettings() throws AdminException {
        return read(HqSettings::all);
    }

    /** Records in the administrators' trail that this user exported {@code what} ({@code rows} rows). */
    public void recordExport(String what, long rows) throws AdminException {
        String w = Bodies.text(what, "what was exported", 200, false);
        read(c -> {
            AdminAuditLog.append(c, admin.clock.instant(), userId, "EXPORT", w, rows + " rows", "done");
            return null;
        });
    }

    // ---- actions (admin) --------------------------------------------------------------------------------------

    /**
     * Opens a one-time enrolment code for a laptop (72 hours, one use, one device id). The code is generated here and
     * only its id and proof key are stored, as the device CA does; issuing it needs no CA key.
     *
     * @throws AdminException {@code INPUT} for a malformed or reserved ({@code hq-…}) id, {@code CONFLICT} for a
     *                        device that was revoked or wiped (enrol it under a new id), {@code UNAVAILABLE} when the
     *                        HQ service has never published its suite
     */
    public EnrolmentGrant enrol(String deviceId) throws AdminException {
        return act("ENROL", deviceId, c -> {
            requireDeviceId(deviceId);
            if (Devices.isHqName(deviceId)) {
                throw new AdminException(AdminException.Kind.INPUT, "names starting with hq- are HQ's own clients");
            }
            DeviceView existing = admin.devices.board(c, admin.clock.instant()).device(deviceId).orElse(null);
            if (existing != null && (existing.state() == DeviceState.REVOKED || existing.state() == DeviceState.WIPED
                    || existing.state() == DeviceState.WIPE_PENDING)) {
                throw new AdminException(AdminException.Kind.CONFLICT, deviceId + " is " + existing.state().id()
                        + ": enrol the laptop again under a new device id");
            }
            PkiSuite suite = PkiSuite.byId(HqSettings.get(c, HqSettings.SUITE).orElseThrow(() -> new AdminException(
                    AdminException.Kind.UNAVAILABLE, "the HQ service has not published its settings yet: start it once")));
            EnrolmentCode code = EnrolmentCode.generate(admin.random);
            Instant now = admin.clock.instant();
            Instant expires = now.plus(CaOptions.defaults(java.net.URI.create("http://unused/")).codeValidity());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ca_codes (code_id, device_id, proof_key, issued_at,"
                    + " expires_at, used_at) VALUES (?, ?, ?, ?, ?, NULL)")) {
                ps.setString(1, code.id(suite));
                ps.setString(2, deviceId);
                ps.setBytes(3, code.proofKey(suite));
                ps.setTimestamp(4, Timestamp.from(now));
                ps.setTimestamp(5, Timestamp.from(expires));
                ps.executeUpdate();
            }
            return new EnrolmentGrant(deviceId, code.formatted(), expires, HqSettings.get(c, HqSettings.CA_FINGERPRINT),
                    HqSettings.get(c, HqSettings.ENROLMENT_URI));
        }, g -> "code open until " + g.expiresAt());
    }

    /**
     * Revokes a laptop: its certificates are revoked in the device CA's records at once, so ingest refuses its next
     * packet (reason REVOKED, told to the laptop); a REVOKE command is queued for it; and the HQ service re-signs the
     * CRL and hands it to the broker, which refuses the laptop's next connection. Waits up to
     * {@link AdminOptions#waitForHq} for that last step and says whether it happened.
     */
    public RevocationResult revoke(String deviceId, RevocationReason crlReason, String reason) throws AdminException {
        Objects.requireNonNull(crlReason, "crlReason");
        long[] revocationsNeeded = new long[1];
        RevocationResult queued = act("REVOKE", deviceId, c -> {
            String why = Bodies.text(reason, "reason", Bodies.MAX_NOTE, false);
            DeviceView d = requireDevice(c, deviceId);
            if (d.state() == DeviceState.REVOKED || d.revokedAt().isPresent()) {
                throw new AdminException(AdminException.Kind.CONFLICT, deviceId + " is revoked already");
            }
            if (d.state() == DeviceState.ENROLLING) {
                throw new AdminException(AdminException.Kind.CONFLICT, deviceId + " has no certificate yet: nothing to"
                        + " revoke (its open code expires by itself)");
            }
            Instant now = admin.clock.instant();
            long commandId = CommandQueue.enqueue(c, deviceId, CommandType.REVOKE, Bodies.reason(why), null, userId, now,
                    now.plus(admin.options.commandValidity()));
            int n = DeviceStates.revoke(c, deviceId, crlReason.name(), why, userId, now);
            revocationsNeeded[0] = DeviceStates.revocationCount(c);
            return new RevocationResult(deviceId, n, false, Views.command(CommandQueue.get(c, commandId).orElseThrow()));
        }, r -> r.certificates() + " certificate(s), " + crlReason + ": " + reason);
        boolean published = waitFor(c -> HqSettings.get(c, HqSettings.CRL_REVOCATIONS).map(Long::parseLong).orElse(0L)
                >= revocationsNeeded[0]);
        return new RevocationResult(deviceId, queued.certificates(), published, queued.command());
    }

    /**
     * Sends a laptop a remote wipe (valid {@link AdminOptions#wipeValidity}, so it reaches a lost laptop whenever it
     * comes online and is unlocked). The device shows {@code wipe-pending} until its signed confirmation arrives
     * ({@code up/wiped}, or a medium), then {@code wiped}. Wipe before revoking: a revoked laptop cannot connect.
     */
    public CommandView wipe(String deviceId, String reason) throws AdminException {
        return act("WIPE", deviceId, c -> {
            String why = Bodies.text(reason, "reason", Bodies.MAX_NOTE, false);
            DeviceView d = requireDevice(c, deviceId);
            switch (d.state()) {
                case WIPED -> throw new AdminException(AdminException.Kind.CONFLICT, deviceId + " was wiped already");
                case WIPE_PENDING -> throw new AdminException(AdminException.Kind.CONFLICT, "a wipe of " + deviceId
                        + " is pending already");
                case REVOKED -> throw new AdminException(AdminException.Kind.CONFLICT, deviceId + " is revoked: the"
                        + " broker refuses it, so a wipe cannot reach it");
                case ENROLLING -> throw new AdminException(AdminException.Kind.CONFLICT, deviceId
                        + " is not enrolled yet: nothing to wipe");
                case ACTIVE -> {
                    // go on
                }
            }
            Instant now = admin.clock.instant();
            long id = CommandQueue.enqueue(c, deviceId, CommandType.WIPE, Bodies.reason(why), null, userId, now,
                    now.plus(admin.options.wipeValidity()));
            DeviceStates.wipeRequested(c, deviceId, id, why, userId, now);
            return Views.command(CommandQueue.get(c, id).orElseThrow());
        }, v -> "command " + v.id() + ": " + reason);
    }

    /**
     * Asks a laptop to send a rejected packet's case again ({@code RESEND}): the laptop seals the case again into a
     * new packet if it is still as it was rejected, or asks HQ again about a packet still in its outbox.
     *
     * @throws AdminException {@code NOT_FOUND} when HQ rejected no such packet, {@code CONFLICT} when HQ holds the
     *                        case already, the rejection was for a revoked or unknown laptop, the laptop is not
     *                        active, or a resend is already on its way
     */
    public CommandView requestResend(UUID packetId, String note) throws AdminException {
        Objects.requireNonNull(packetId, "packetId");
        return act("RESEND", packetId.toString(), c -> {
            String device = null;
            String reason = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT device_id, reason FROM rejects WHERE packet_id = ? ORDER BY id FETCH FIRST 1 ROWS ONLY")) {
                ps.setString(1, packetId.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        device = rs.getString(1);
                        reason = rs.getString(2);
                    }
                }
            }
            if (device == null) {
                throw new AdminException(AdminException.Kind.NOT_FOUND, "HQ rejected no packet " + packetId);
            }
            if (Cases.byPacket(c, packetId).isPresent()) {
                throw new AdminException(AdminException.Kind.CONFLICT, "HQ holds packet " + packetId + " already");
            }
            switch (reason) {
                case "REVOKED", "UNKNOWN_DEVICE" -> throw new AdminException(AdminException.Kind.CONFLICT, "packet "
                        + packetId + " was refused because HQ did not accept " + device + " (" + reason
                        + "): a resend would be refused again");
                case "REPLAYED" -> throw new AdminException(AdminException.Kind.CONFLICT, "packet " + packetId
                        + " was refused because HQ holds its case already: nothing to resend");
                default -> {
                    // TAMPERED, UNDECRYPTABLE, BAD_SIGNATURE, MALFORMED: worth another try
                }
            }
            DeviceView d = requireDevice(c, device);
            if (d.state() != DeviceState.ACTIVE) {
                throw new AdminException(AdminException.Kind.CONFLICT, device + " is " + d.state().id()
                        + ": it cannot send");
            }
            for (CommandQueue.Entry e : CommandQueue.ofDevice(c, device, 10_000)) {
                if (e.type() == CommandType.RESEND && packetId.toString().equals(e.reference())
                        && (e.state() == CommandQueue.State.QUEUED || e.state() == CommandQueue.State.SENT)) {
                    throw new AdminException(AdminException.Kind.CONFLICT, "a resend of packet " + packetId
                            + " is on its way already (command " + e.commandId() + ")");
                }
            }
            Instant now = admin.clock.instant();
            long id = CommandQueue.enqueue(c, device, CommandType.RESEND, Bodies.resend(packetId, note),
                    packetId.toString(), userId, now, now.plus(admin.options.commandValidity()));
            return Views.command(CommandQueue.get(c, id).orElseThrow());
        }, v -> "command " + v.id() + " to " + v.deviceId());
    }

    /** Approves a case after review: recorded, and the laptop is told the case is {@code accepted}. */
    public CommandView approve(UUID packetId, String note) throws AdminException {
        return review(packetId, HqCaseState.APPROVED, note == null || note.isBlank() ? null : note);
    }

    /**
     * Returns a case to the laptop with a reason the officer sees on the case ({@code returned} status). The case
     * data on the laptop was shredded when HQ confirmed it: the officer acts on the reason (a new visit, a material
     * brought to the office).
     */
    public CommandView returnCase(UUID packetId, String reason) throws AdminException {
        if (reason == null || reason.isBlank()) {
            Objects.requireNonNull(packetId, "packetId");
            return act("RETURN", packetId.toString(), c -> {
                throw new AdminException(AdminException.Kind.INPUT, "reason: a returned case needs a reason the officer"
                        + " can act on");
            }, v -> "");
        }
        return review(packetId, HqCaseState.RETURNED, reason);
    }

    private CommandView review(UUID packetId, HqCaseState decision, String note) throws AdminException {
        Objects.requireNonNull(packetId, "packetId");
        return act(decision == HqCaseState.APPROVED ? "APPROVE" : "RETURN", packetId.toString(), c -> {
            CaseView v = Cases.byPacket(c, packetId).orElseThrow(() -> new AdminException(AdminException.Kind.NOT_FOUND,
                    "HQ holds no case in packet " + packetId));
            if (v.state() == HqCaseState.APPROVED || v.state() == HqCaseState.RETURNED) {
                throw new AdminException(AdminException.Kind.CONFLICT, "case " + v.caseId() + " was reviewed already ("
                        + v.review().orElse(v.state().id()) + ")");
            }
            Instant now = admin.clock.instant();
            StatusUpdate status = decision == HqCaseState.APPROVED ? StatusUpdate.ACCEPTED : StatusUpdate.RETURNED;
            String body = Bodies.status(v.caseId(), status, now, note);
            long id = CommandQueue.enqueue(c, v.deviceId(), CommandType.STATUS_UPDATE, body, packetId.toString(), userId,
                    now, now.plus(admin.options.commandValidity()));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_reviews (packet_id, decision, reason,"
                    + " decided_by, decided_at, command_id) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, packetId.toString());
                ps.setString(2, decision.name());
                ps.setString(3, note == null ? null : note.strip());
                ps.setString(4, userId);
                ps.setTimestamp(5, Timestamp.from(now));
                ps.setLong(6, id);
                ps.executeUpdate();
            }
            return Views.command(CommandQueue.get(c, id).orElseThrow());
        }, v -> "case of " + v.deviceId() + (note == null ? "" : ": " + note));
    }

    /** Tells the laptop where a case it delivered stands (not {@code returned}: use {@link #returnCase}). */
    public CommandView sendStatus(UUID packetId, StatusUpdate status, String note) throws AdminException {
        Objects.requireNonNull(packetId, "packetId");
        Objects.requireNonNull(status, "status");
        return act("STATUS", packetId.toString(), c -> {
            if (status == StatusUpdate.RETURNED) {
                throw new AdminException(AdminException.Kind.INPUT, "status: a case is returned with a reason through"
                        + " review (return), which records the decision");
            }
            CaseView v = Cases.byPacket(c, packetId).orElseThrow(() -> new AdminException(AdminException.Kind.NOT_FOUND,
                    "HQ holds no case in packet " + packetId));
            Instant now = admin.clock.instant();
            long id = CommandQueue.enqueue(c, v.deviceId(), CommandType.STATUS_UPDATE,
                    Bodies.status(v.caseId(), status, now, note), packetId.toString(), userId, now,
                    now.plus(admin.options.commandValidity()));
            return Views.command(CommandQueue.get(c, id).orElseThrow());
        }, v -> status.id() + " to " + v.deviceId());
    }

    /** Dispatches a home-visit work order to a laptop, checked first with the laptop's own rules. */
    public CommandView dispatchWorkOrder(String deviceId, WorkOrderRequest order) throws AdminException {
        Objects.requireNonNull(order, "order");
        return act("WORK_ORDER", deviceId, c -> {
            String body = Bodies.workOrder(order, LocalDate.now(admin.clock.withZone(admin.options.zone())));
            DeviceView d = requireDevice(c, deviceId);
            if (d.state() != DeviceState.ACTIVE) {
                throw new AdminException(AdminException.Kind.CONFLICT, deviceId + " is " + d.state().id()
                        + ": it takes no work orders");
            }
            Instant now = admin.clock.instant();
            long id = CommandQueue.enqueue(c, deviceId, CommandType.WORK_ORDER, body, order.orderId(), userId, now,
                    now.plus(admin.options.commandValidity()));
            return Views.command(CommandQueue.get(c, id).orElseThrow());
        }, v -> "order " + order.orderId() + ", command " + v.id());
    }

    /**
     * Has the HQ service import a removable medium (the laptops' {@code doorstep-export-*} folders under
     * {@code folder}, a path the HQ service can read), and waits up to {@link AdminOptions#waitForHq} for its report.
     */
    public MediaImportResult importMedia(Path folder) throws AdminException {
        Objects.requireNonNull(folder, "folder");
        String path = folder.toAbsolutePath().normalize().toString();
        if (path.length() > 1000 || path.chars().anyMatch(Character::isISOControl)) {
            throw new AdminException(AdminException.Kind.INPUT, "folder: a path of at most 1000 characters");
        }
        long id = act("IMPORT_MEDIA", path, c -> HqRequests.add(c, HqRequests.Kind.MEDIA_IMPORT, path, userId,
                admin.clock.instant()), r -> "request " + r);
        waitFor(c -> HqRequests.get(c, id).map(r -> r.state() != HqRequests.State.WAITING).orElse(true));
        return admin.db.tx(c -> HqRequests.get(c, id).map(r -> new MediaImportResult(id,
                r.state().name().toLowerCase(java.util.Locale.ROOT), r.result() == null ? "" : r.result()))
                .orElseThrow());
    }

    /** Adds an administrator. */
    public UserView addUser(String newUserId, String name, Role newRole, char[] password) throws AdminException {
        Objects.requireNonNull(newRole, "newRole");
        try {
            return act("USER_ADDED", newUserId, c -> {
                HqAdmin.checkUserId(newUserId);
                String n = HqAdmin.checkName(name);
                admin.checkPassword(password);
                HqAdmin.insertUser(c, newUserId, n, newRole, admin.passwords.hash(password), userId,
                        admin.clock.instant());
                return users(c).stream().filter(u -> u.userId().equals(newUserId)).findFirst().orElseThrow();
            }, u -> "role " + newRole.id());
        } finally {
            HqAdmin.wipe(password);
        }
    }

    /** Changes a user's role; the last administrator cannot be made a viewer. */
    public UserView setRole(String otherUserId, Role newRole) throws AdminException {
        Objects.requireNonNull(newRole, "newRole");
        return act("ROLE_CHANGED", otherUserId, c -> {
            UserView u = users(c).stream().filter(x -> x.userId().equals(otherUserId)).findFirst().orElseThrow(
                    () -> new AdminException(AdminException.Kind.NOT_FOUND, "there is no user " + otherUserId));
            if (u.role() == newRole) {
                throw new AdminException(AdminException.Kind.CONFLICT, otherUserId + " is " + newRole.id() + " already");
            }
            if (u.role() == Role.ADMIN && users(c).stream().filter(x -> x.role() == Role.ADMIN && !x.disabled()).count() <= 1) {
                throw new AdminException(AdminException.Kind.CONFLICT, otherUserId + " is the last administrator");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE admin_users SET role = ?, updated_at = ? WHERE user_id = ?")) {
                ps.setString(1, newRole.id());
                ps.setTimestamp(2, Timestamp.from(admin.clock.instant()));
                ps.setString(3, otherUserId);
                ps.executeUpdate();
            }
            return users(c).stream().filter(x -> x.userId().equals(otherUserId)).findFirst().orElseThrow();
        }, u -> "now " + newRole.id());
    }

    /**
     * Disables a user (who can no longer sign in, and whose open sessions can no longer act) or enables one again.
     * Nobody disables their own account, and the last administrator who can sign in stays enabled.
     */
    public UserView setDisabled(String otherUserId, boolean disable) throws AdminException {
        return act(disable ? "USER_DISABLED" : "USER_ENABLED", otherUserId, c -> {
            UserView u = users(c).stream().filter(x -> x.userId().equals(otherUserId)).findFirst().orElseThrow(
                    () -> new AdminException(AdminException.Kind.NOT_FOUND, "there is no user " + otherUserId));
            if (u.disabled() == disable) {
                throw new AdminException(AdminException.Kind.CONFLICT, otherUserId + " is "
                        + (disable ? "disabled" : "enabled") + " already");
            }
            if (disable && otherUserId.equals(userId)) {
                throw new AdminException(AdminException.Kind.CONFLICT, "nobody disables their own account");
            }
            if (disable && u.role() == Role.ADMIN
                    && users(c).stream().filter(x -> x.role() == Role.ADMIN && !x.disabled()).count() <= 1) {
                throw new AdminException(AdminException.Kind.CONFLICT, otherUserId + " is the last administrator");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE admin_users SET disabled = ?, updated_at = ? WHERE user_id = ?")) {
                ps.setInt(1, disable ? 1 : 0);
                ps.setTimestamp(2, Timestamp.from(admin.clock.instant()));
                ps.setString(3, otherUserId);
                ps.executeUpdate();
            }
            return users(c).stream().filter(x -> x.userId().equals(otherUserId)).findFirst().orElseThrow();
        }, u -> u.disabled() ? "disabled" : "enabled");
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Action<T> {
        T run(Connection c) throws SQLException, AdminException;
    }

    @FunctionalInterface
    private interface Describe<T> {
        String of(T result);
    }

    /**
     * Runs an admin-only action in one transaction with its audit entry; a viewer, bad input or a conflict is refused
     * and that refusal audited on its own.
     */
    private <T> T act(String action, String target, Action<T> work, Describe<T> describe) throws AdminException {
        String t = target == null ? "" : target.length() > 200 ? target.substring(0, 200) : target;
        if (role != Role.ADMIN) {
            audit(action, t, "the " + role.id() + " role may not do this", "refused");
            throw new AdminException(AdminException.Kind.FORBIDDEN, userId + " is a " + role.id()
                    + ": only administrators may " + action.toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
        try {
            return admin.db.tx(c -> {
                stillMayAct(c);
                T result = work.run(c);
                AdminAuditLog.append(c, admin.clock.instant(), userId, action, t, describe.of(result), "done");
                return result;
            });
        } catch (AdminException e) {
            String outcome = switch (e.kind()) {
                case STORAGE, UNAVAILABLE, INTERNAL -> "failed";
                default -> "refused";
            };
            try {
                audit(action, t, e.getMessage(), outcome);
            } catch (AdminException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    /** Reads in one transaction, after checking that this user has not been disabled since signing in. */
    private <T> T read(Db.Work<T> work) throws AdminException {
        return admin.db.tx(c -> {
            stillEnabled(c);
            return work.run(c);
        });
    }

    /**
     * The signed-in user as the store has them now, in the caller's transaction: a user disabled since signing in can
     * neither read nor act, even through a session that is still open. Their role is returned.
     */
    String stillEnabled(Connection c) throws SQLException, AdminException {
        try (PreparedStatement ps = c.prepareStatement("SELECT role, disabled FROM admin_users WHERE user_id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getInt(2) != 0) {
                    throw new AdminException(AdminException.Kind.FORBIDDEN, userId
                            + " has been disabled since signing in: sign in again as another user");
                }
                return rs.getString(1);
            }
        }
    }

    /** As {@link #stillEnabled}, and the user must still be an administrator: checked in each action's transaction. */
    private void stillMayAct(Connection c) throws SQLException, AdminException {
        if (!Role.ADMIN.id().equals(stillEnabled(c))) {
            throw new AdminException(AdminException.Kind.FORBIDDEN, userId
                    + " has been made a viewer since signing in: only administrators may do this");
        }
    }

    private void audit(String action, String target, String detail, String outcome) throws AdminException {
        admin.db.tx(c -> {
            AdminAuditLog.append(c, admin.clock.instant(), userId, action, target, detail, outcome);
            return null;
        });
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds(Connection c) throws SQLException, AdminException;
    }

    /** Polls until the HQ service has done its part, at most {@link AdminOptions#waitForHq}. */
    private boolean waitFor(Condition condition) throws AdminException {
        long deadline = System.nanoTime() + admin.options.waitForHq().toNanos();
        while (true) {
            if (admin.db.tx(condition::holds)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private DeviceView requireDevice(Connection c, String deviceId) throws SQLException, AdminException {
        requireDeviceId(deviceId);
        return admin.devices.board(c, admin.clock.instant()).device(deviceId).orElseThrow(() -> new AdminException(
                AdminException.Kind.NOT_FOUND, "HQ knows no laptop " + deviceId));
    }

    private static void requireDeviceId(String deviceId) throws AdminException {
        if (!Topics.isDeviceId(deviceId)) {
            throw new AdminException(AdminException.Kind.INPUT, "a device id is 1-64 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit");
        }
    }

    private static void requireLimit(int limit) throws AdminException {
        if (limit < 1 || limit > CaseQuery.MAX_LIMIT) {
            throw new AdminException(AdminException.Kind.INPUT, "a limit is 1 to " + CaseQuery.MAX_LIMIT);
        }
    }

    private static List<UserView> users(Connection c) throws SQLException {
        List<UserView> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT user_id, display_name, role, disabled, failed_attempts,"
                + " locked_until, created_at, created_by FROM admin_users ORDER BY user_id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp locked = rs.getTimestamp(6);
                all.add(new UserView(rs.getString(1), rs.getString(2), Role.byId(rs.getString(3)), rs.getInt(4) != 0,
                        rs.getInt(5), Optional.ofNullable(locked).map(Timestamp::toInstant), rs.getTimestamp(7).toInstant(),
                        rs.getString(8)));
            }
        }
        return all;
    }
}
