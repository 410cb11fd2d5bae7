package org.doorstep.ui.internal;

/**
 * User-visible strings of this bundle, filled by the e4 translation service from
 * {@code OSGI-INF/l10n/bundle*.properties} for the current locale. Inject with
 * {@code @Translation Messages messages}.
 */
@SuppressWarnings("java:S1104") // public fields are how e4 message classes work
public class Messages {
    public String nav_visits;
    public String nav_groupSessions;
    public String nav_sync;

    public String visits_heading;
    public String visits_empty;
    public String groupSessions_heading;
    public String groupSessions_empty;
    public String sync_heading;
    public String sync_link;
    public String sync_backlog;
    public String sync_lastContact;

    public String status_device;
    public String status_device_named;
    public String status_device_notEnrolled;
    public String status_device_locked;
    public String status_device_unlocked;
    public String status_device_lockedOut;
    public String status_device_wiped;
    public String status_sync;
    public String status_sync_offline;
    public String status_sync_connecting;
    public String status_sync_online;
    public String status_sync_backlog;
    public String status_never;
}
