package org.doorstep.vault;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x509.Certificate;

/**
 * The sync service's settings, sealed in the vault: the enrolment with HQ (device id, certificates, broker), the
 * last command number accepted from HQ, and whether HQ revoked this laptop. A typed view over one key/value table,
 * so that no caller spells a setting's name; each change is one transaction with its audit entry.
 */
public final class SyncSettings {

    static final String REQUESTED_DEVICE_ID = "enrolment.requested-device-id";
    static final String DEVICE_ID = "device.id";
    static final String DEVICE_CERTIFICATE = "device.certificate";
    static final String CA_CERTIFICATE = "ca.certificate";
    static final String HQ_ENCRYPTION_CERTIFICATE = "hq.encryption-certificate";
    static final String HQ_SIGNING_CERTIFICATE = "hq.signing-certificate";
    static final String BROKER = "broker.uri";
    static final String ENROLLED_AT = "enrolment.installed-at";
    static final String LAST_COMMAND = "command.last-sequence";
    static final String REVOKED_AT = "revoked.at";
    static final String REVOKED_SEQUENCE = "revoked.sequence";
    static final String REVOKED_REASON = "revoked.reason";
    static final String AUDIT_SENT_THROUGH = "audit.sent-through";
    /** Followed by a command number: why that command was refused (a number is taken only by a command carried out). */
    static final String REFUSED_COMMAND = "command.refused.";

    private static final Pattern DEVICE_ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Vault vault;

    SyncSettings(Vault vault) {
        this.vault = vault;
    }

    /**
     * Records that a certificate request was made for {@code deviceId}: the bundle HQ sends back must name it. A
     * later request replaces it (the officer typed another code).
     */
    public void recordEnrolmentRequest(String deviceId) {
        if (deviceId == null || !DEVICE_ID_PATTERN.matcher(deviceId).matches()) {
            throw new IllegalArgumentException("a device id is 1-64 letters, digits, '.', '_' or '-': " + deviceId);
        }
        vault.write("record the certificate request", c -> {
            SyncData.putText(vault, c, REQUESTED_DEVICE_ID, deviceId);
            vault.audit(c, AuditAction.ENROLMENT_REQUESTED, null, "device " + deviceId);
            return null;
        });
    }

    /** The device id of the last certificate request still waiting for HQ's bundle. */
    public Optional<String> requestedDeviceId() {
        return vault.read("read the sync settings",
                c -> Optional.ofNullable(SyncData.getText(vault, c, REQUESTED_DEVICE_ID)));
    }

    /**
     * Installs (or replaces) the enrolment. Refused unless the device certificate holds this vault's device key:
     * the sync service checks the chain, the vault makes sure no certificate for another key is ever stored as its
     * own. A new device certificate after a revocation ends the revocation (HQ issued it knowingly, through a new
     * enrolment code); installing the revoked certificate again does not.
     *
     * @param detail what the audit entry says beyond the device id (serial, CA), no personal data
     */
    public void install(SyncEnrolment enrolment, String detail) {
        byte[] key = certificateKey(enrolment.deviceCertificate());
        vault.write("install the enrolment", c -> {
            if (!Arrays.equals(key, vault.session().deviceKey.publicKeyInfo())) {
                throw new VaultException("the device certificate is for another key than this laptop's device key: "
                        + "it was not installed");
            }
            byte[] previous = SyncData.get(vault, c, DEVICE_CERTIFICATE);
            boolean wasRevoked = SyncData.get(vault, c, REVOKED_AT) != null;
            boolean newCertificate = previous == null || !Arrays.equals(previous, enrolment.deviceCertificate());
            SyncData.putText(vault, c, DEVICE_ID, enrolment.deviceId());
            SyncData.put(vault, c, DEVICE_CERTIFICATE, enrolment.deviceCertificate());
            SyncData.put(vault, c, CA_CERTIFICATE, enrolment.caCertificate());
            SyncData.put(vault, c, HQ_ENCRYPTION_CERTIFICATE, enrolment.hqEncryptionCertificate());
            SyncData.put(vault, c, HQ_SIGNING_CERTIFICATE, enrolment.hqSigningCertificate());
            SyncData.putText(vault, c, BROKER, enrolment.broker().toString());
            SyncData.putText(vault, c, ENROLLED_AT, enrolment.installedAt().toString());
            SyncData.put(vault, c, REQUESTED_DEVICE_ID, null);
            boolean clearRevocation = wasRevoked && newCertificate;
            if (clearRevocation) {
                SyncData.put(vault, c, REVOKED_AT, null);
                SyncData.put(vault, c, REVOKED_SEQUENCE, null);
                SyncData.put(vault, c, REVOKED_REASON, null);
            }
            vault.audit(c, AuditAction.ENROLMENT_INSTALLED, null, "device " + enrolment.deviceId()
                    + (detail == null || detail.isBlank() ? "" : ", " + detail.strip())
                    + (clearRevocation ? ", revocation ended by the new certificate" : "")
                    + (wasRevoked && !clearRevocation ? ", still revoked (same certificate)" : ""));
            return null;
        });
    }

    /** The installed enrolment, if this laptop has one. */
    public Optional<SyncEnrolment> enrolment() {
        return vault.read("read the sync settings", c -> {
            String deviceId = SyncData.getText(vault, c, DEVICE_ID);
            if (deviceId == null) {
                return Optional.empty();
            }
            return Optional.of(new SyncEnrolment(deviceId, required(c, DEVICE_CERTIFICATE), required(c, CA_CERTIFICATE),
                    required(c, HQ_ENCRYPTION_CERTIFICATE), required(c, HQ_SIGNING_CERTIFICATE),
                    URI.create(new String(required(c, BROKER), java.nio.charset.StandardCharsets.UTF_8)),
                    Instant.parse(new String(required(c, ENROLLED_AT), java.nio.charset.StandardCharsets.UTF_8))));
        });
    }

    /** The highest command number accepted from HQ; 0 before the first. */
    public long lastCommandSequence() {
        return vault.read("read the sync settings", this::lastCommandSequence);
    }

    /**
     * Why command number {@code sequence} was refused (the refusal's reason, such as {@code BAD_BODY}), if it was and
     * no delivery of that number was carried out since. A delivery of that number repeated after a later number was
     * taken is then answered truthfully: refused, not carried out.
     */
    public Optional<String> refusedCommand(long sequence) {
        return vault.read("read the sync settings",
                c -> Optional.ofNullable(SyncData.getText(vault, c, REFUSED_COMMAND + sequence)));
    }

    /** Whether (and when and why) HQ revoked this laptop. */
    public Optional<DeviceRevocation> revocation() {
        return vault.read("read the sync settings", c -> {
            String at = SyncData.getText(vault, c, REVOKED_AT);
            if (at == null) {
                return Optional.empty();
            }
            return Optional.of(new DeviceRevocation(Instant.parse(at),
                    Long.parseLong(SyncData.getText(vault, c, REVOKED_SEQUENCE)), SyncData.getText(vault, c, REVOKED_REASON)));
        });
    }

    public boolean revoked() {
        return revocation().isPresent();
    }

    /** The number of the last audit entry the sync service handed to the broker for HQ; 0 before the first. */
    public long auditSentThrough() {
        return vault.read("read the sync settings", c -> {
            String value = SyncData.getText(vault, c, AUDIT_SENT_THROUGH);
            return value == null ? 0L : Long.parseLong(value);
        });
    }

    /**
     * Records how far the audit trail went to HQ (never backwards). No audit entry: recording it would only make
     * another entry to send, and HQ keeps every entry once whatever is sent twice.
     */
    public void recordAuditSent(long seq) {
        vault.write("record how far the audit trail was sent", c -> {
            String value = SyncData.getText(vault, c, AUDIT_SENT_THROUGH);
            if (value == null || Long.parseLong(value) < seq) {
                SyncData.putText(vault, c, AUDIT_SENT_THROUGH, Long.toString(seq));
            }
            return null;
        });
    }

    // ---- for HqInbox ----

    long lastCommandSequence(Connection c) throws SQLException {
        String value = SyncData.getText(vault, c, LAST_COMMAND);
        return value == null ? 0 : Long.parseLong(value);
    }

    /**
     * Takes command number {@code sequence} as accepted, inside the caller's transaction; refuses a number at or
     * below the last accepted, which the caller's transaction then rolls back with everything the command did.
     */
    void consumeSequence(Connection c, long sequence) throws SQLException {
        long last = lastCommandSequence(c);
        if (sequence <= last) {
            throw new VaultException.CommandReplayed(sequence, last);
        }
        SyncData.putText(vault, c, LAST_COMMAND, Long.toString(sequence));
        SyncData.put(vault, c, REFUSED_COMMAND + sequence, null); // a refusal before is overtaken by this
    }

    /** Notes why command {@code sequence}, not yet taken, was refused, inside the caller's transaction. */
    void recordRefused(Connection c, long sequence, String reason) throws SQLException {
        if (sequence > lastCommandSequence(c)) {
            SyncData.putText(vault, c, REFUSED_COMMAND + sequence, reason);
        }
    }

    void markRevoked(Connection c, long sequence, String reason) throws SQLException {
        SyncData.putText(vault, c, REVOKED_AT, vault.clock().instant().toString());
        SyncData.putText(vault, c, REVOKED_SEQUENCE, Long.toString(sequence));
        SyncData.putText(vault, c, REVOKED_REASON, reason);
    }

    private byte[] required(Connection c, String name) throws SQLException {
        byte[] value = SyncData.get(vault, c, name);
        if (value == null) {
            throw new VaultException.Storage("the vault's enrolment lacks its " + name + ": it is damaged; install "
                    + "HQ's enrolment bundle again", null);
        }
        return value;
    }

    /** The SubjectPublicKeyInfo of a DER certificate, or a refusal saying it is not one. */
    private static byte[] certificateKey(byte[] der) {
        try {
            return Certificate.getInstance(der).getSubjectPublicKeyInfo().getEncoded("DER");
        } catch (Exception e) {
            throw new IllegalArgumentException("the device certificate is not an X.509 certificate: " + e.getMessage(), e);
        }
    }
}
