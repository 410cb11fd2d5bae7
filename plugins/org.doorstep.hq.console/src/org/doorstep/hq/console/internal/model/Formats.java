package org.doorstep.hq.console.internal.model;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.doorstep.hq.admin.CommandView;
import org.doorstep.hq.admin.DeviceState;
import org.doorstep.hq.admin.HqCaseState;
import org.doorstep.hq.admin.Role;
import org.doorstep.hq.admin.StatusUpdate;
import org.doorstep.hq.console.internal.ConsoleMessages;
import org.doorstep.sync.command.CommandType;
import org.doorstep.sync.pki.RevocationReason;

/**
 * How the console writes times, ages, sizes and the service's states for people, in the console's language (the
 * words from {@link ConsoleMessages}) and the administrator's time zone. No SWT: the same texts the screens show are
 * what the tests compare with.
 */
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final ConsoleMessages m;
    private final Locale locale;
    private final ZoneId zone;

    public Formats(ConsoleMessages m, Locale locale, ZoneId zone) {
        this.m = Objects.requireNonNull(m, "m");
        this.locale = Objects.requireNonNull(locale, "locale");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public Locale locale() {
        return locale;
    }

    public ZoneId zone() {
        return zone;
    }

    /** A pattern of the messages filled in ({@link MessageFormat}, in the console's locale). */
    public String format(String pattern, Object... arguments) {
        return new MessageFormat(pattern, locale).format(arguments);
    }

    /** A length of time in the largest two units that matter: 42 s, 5 min, 3 h 12 min, 2 d 4 h. */
    public String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return format(m.unit_seconds, s);
        }
        if (s < 3600) {
            return format(m.unit_minutes, s / 60);
        }
        if (s < 86_400) {
            return format(m.unit_hours, s / 3600, (s % 3600) / 60);
        }
        return format(m.unit_days, s / 86_400, (s % 86_400) / 3600);
    }

    public String age(Optional<Duration> d) {
        return d.map(this::age).orElse(m.none);
    }

    /** When, and how long ago: {@code 2026-12-06 21:50:03 (5 min ago)}. */
    public String timeAndAge(Optional<Instant> at, Instant now) {
        return at.map(t -> format(m.timeAndAge, time(t), age(Duration.between(t, now)))).orElse(m.never);
    }

    public String time(Instant t) {
        return TIME.format(t.atZone(zone));
    }

    /** The time of day only (the status line's "read at"). */
    public String clock(Instant t) {
        return CLOCK.format(t.atZone(zone));
    }

    public String time(Optional<Instant> t) {
        return t.map(this::time).orElse(m.none);
    }

    /** Bytes in B, KB, MB or GB (powers of 1024), one decimal above B. */
    public String bytes(long bytes) {
        if (bytes < 1024) {
            return format(m.unit_bytes, bytes);
        }
        String[] units = {m.unit_kilobytes, m.unit_megabytes, m.unit_gigabytes};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        NumberFormat one = NumberFormat.getNumberInstance(locale);
        one.setMinimumFractionDigits(1);
        one.setMaximumFractionDigits(1);
        return format(units[unit], one.format(value));
    }

    public String count(long n) {
        return NumberFormat.getIntegerInstance(locale).format(n);
    }

    public String state(DeviceState s) {
        return switch (s) {
            case ENROLLING -> m.deviceState_enrolling;
            case ACTIVE -> m.deviceState_active;
            case REVOKED -> m.deviceState_revoked;
            case WIPE_PENDING -> m.deviceState_wipePending;
            case WIPED -> m.deviceState_wiped;
        };
    }

    public String state(HqCaseState s) {
        return switch (s) {
            case RECEIVED -> m.caseState_received;
            case NEEDS_REVIEW -> m.caseState_needsReview;
            case APPROVED -> m.caseState_approved;
            case RETURNED -> m.caseState_returned;
        };
    }

    public String state(CommandView.State s) {
        return switch (s) {
            case QUEUED -> m.commandState_queued;
            case SENT -> m.commandState_sent;
            case ACKNOWLEDGED -> m.commandState_acknowledged;
            case FAILED -> m.commandState_failed;
        };
    }

    public String type(CommandType t) {
        return switch (t) {
            case WORK_ORDER -> m.commandType_workOrder;
            case STATUS_UPDATE -> m.commandType_statusUpdate;
            case CATALOGUE_UPDATE -> m.commandType_catalogueUpdate;
            case REVOKE -> m.commandType_revoke;
            case WIPE -> m.commandType_wipe;
            case RESEND -> m.commandType_resend;
        };
    }

    public String role(Role r) {
        return r == Role.ADMIN ? m.role_admin : m.role_viewer;
    }

    public String status(StatusUpdate s) {
        return switch (s) {
            case ACCEPTED -> m.statusUpdate_accepted;
            case IN_REVIEW -> m.statusUpdate_inReview;
            case APPROVED -> m.statusUpdate_approved;
            case PRODUCED -> m.statusUpdate_produced;
            case POSTED -> m.statusUpdate_posted;
            case RETURNED -> m.statusUpdate_returned;
        };
    }

    public String crlReason(RevocationReason r) {
        return switch (r) {
            case UNSPECIFIED -> m.crlReason_unspecified;
            case KEY_COMPROMISE -> m.crlReason_keyCompromise;
            case AFFILIATION_CHANGED -> m.crlReason_affiliationChanged;
            case SUPERSEDED -> m.crlReason_superseded;
            case CESSATION_OF_OPERATION -> m.crlReason_cessationOfOperation;
        };
    }

    /** A rejection's reason in words, with HQ's code beside it ({@code 内容被篡改 (TAMPERED)}). */
    public String rejectReason(String code) {
        String words = switch (code) {
            case "TAMPERED" -> m.rejectReason_tampered;
            case "UNDECRYPTABLE" -> m.rejectReason_undecryptable;
            case "BAD_SIGNATURE" -> m.rejectReason_badSignature;
            case "UNKNOWN_DEVICE" -> m.rejectReason_unknownDevice;
            case "REVOKED" -> m.rejectReason_revoked;
            case "REPLAYED" -> m.rejectReason_replayed;
            case "MALFORMED" -> m.rejectReason_malformed;
            default -> null;
        };
        return words == null ? code : format(m.rejectReason_withCode, words, code);
    }

    /** A reviewer's flag kind in words, the raw kind when it is one this console does not know. */
    public String flag(String kind) {
        return switch (kind) {
            case "photo-override" -> m.flag_photoOverride;
            case "photo-not-accepted" -> m.flag_photoNotAccepted;
            case "finger-missing" -> m.flag_fingerMissing;
            case "material-pending" -> m.flag_materialPending;
            case "unreadable" -> m.flag_unreadable;
            default -> kind;
        };
    }

    public String visitReason(String id) {
        return switch (id) {
            case "aged-60-plus" -> m.visitReason_aged60Plus;
            case "disabled" -> m.visitReason_disabled;
            case "seriously-ill" -> m.visitReason_seriouslyIll;
            case "company-group" -> m.visitReason_companyGroup;
            default -> id;
        };
    }
}
