package org.doorstep.ui.internal;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.doorstep.core.status.DeviceStatus;
import org.doorstep.sync.LinkState;
import org.doorstep.sync.SyncStatus;

/** Turns status values into the words the officer reads, in the current language. */
public final class StatusTexts {

    private final Messages messages;
    private final Locale locale;

    public StatusTexts(Messages messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    public String device(DeviceStatus status) {
        String state = switch (status.state()) {
            case NOT_ENROLLED -> messages.status_device_notEnrolled;
            case LOCKED -> messages.status_device_locked;
            case UNLOCKED -> format(messages.status_device_unlocked, status.officerId().orElseThrow());
            case LOCKED_OUT -> messages.status_device_lockedOut;
            case WIPED -> messages.status_device_wiped;
        };
        return status.deviceName()
                .map(name -> format(messages.status_device_named, name, state))
                .orElseGet(() -> format(messages.status_device, state));
    }

    public String link(LinkState link) {
        return switch (link) {
            case OFFLINE -> messages.status_sync_offline;
            case CONNECTING -> messages.status_sync_connecting;
            case ONLINE -> messages.status_sync_online;
        };
    }

    /** One line for the status bar: link state, and the backlog when there is one. */
    public String syncSummary(SyncStatus status) {
        String text = format(messages.status_sync, link(status.link()));
        if (status.hasBacklog()) {
            text += " · " + format(messages.status_sync_backlog, status.backlogCases());
        }
        return text;
    }

    /** The link state as a full line for the sync view ("Link: offline"). */
    public String linkLine(SyncStatus status) {
        return format(messages.sync_link, link(status.link()));
    }

    public String backlog(SyncStatus status) {
        return format(messages.sync_backlog, status.backlogCases(), bytes(status.backlogBytes()));
    }

    public String lastContact(SyncStatus status) {
        String when = status.lastContact().map(this::dateTime).orElse(messages.status_never);
        return format(messages.sync_lastContact, when);
    }

    String dateTime(Instant instant) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)
                .withZone(ZoneId.systemDefault()).format(instant);
    }

    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = { "KiB", "MiB", "GiB", "TiB" };
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private String format(String pattern, Object... args) {
        return new MessageFormat(pattern, locale).format(args);
    }
}
