package org.doorstep.hq.console.internal;

import org.eclipse.e4.core.services.nls.Message;

/**
 * Every user-visible string of the HQ console, filled by the e4 translation service from
 * {@code OSGI-INF/l10n/bundle*.properties} (Simplified Chinese default, English {@code _en}) for the console's locale.
 * Inject with {@code @Translation ConsoleMessages}. Patterns with {@code {0}} are {@link java.text.MessageFormat}s.
 */
@Message(contributionURI = "platform:/plugin/org.doorstep.hq.console/OSGI-INF/l10n/bundle")
@SuppressWarnings("java:S1104") // public fields are how e4 message classes work
public class ConsoleMessages {
    public String all;

    public String none;

    public String never;

    public String timeAndAge;

    public String unit_seconds;
    public String unit_minutes;
    public String unit_hours;
    public String unit_days;
    public String unit_bytes;
    public String unit_kilobytes;
    public String unit_megabytes;
    public String unit_gigabytes;

    public String area_devices;
    public String area_device;
    public String area_cases;
    public String area_review;
    public String area_rejects;
    public String area_audit;
    public String area_reports;
    public String area_users;

    public String deviceState_enrolling;
    public String deviceState_active;
    public String deviceState_revoked;
    public String deviceState_wipePending;
    public String deviceState_wiped;

    public String caseState_received;
    public String caseState_needsReview;
    public String caseState_approved;
    public String caseState_returned;

    public String commandState_queued;
    public String commandState_sent;
    public String commandState_acknowledged;
    public String commandState_failed;

    public String commandType_workOrder;
    public String commandType_statusUpdate;
    public String commandType_catalogueUpdate;
    public String commandType_revoke;
    public String commandType_wipe;
    public String commandType_resend;

    public String role_admin;
    public String role_viewer;

    public String statusUpdate_accepted;
    public String statusUpdate_inReview;
    public String statusUpdate_approved;
    public String statusUpdate_produced;
    public String statusUpdate_posted;
    public String statusUpdate_returned;

    public String crlReason_unspecified;
    public String crlReason_keyCompromise;
    public String crlReason_affiliationChanged;
    public String crlReason_superseded;
    public String crlReason_cessationOfOperation;

    public String rejectReason_tampered;
    public String rejectReason_undecryptable;
    public String rejectReason_badSignature;
    public String rejectReason_unknownDevice;
    public String rejectReason_revoked;
    public String rejectReason_replayed;
    public String rejectReason_malformed;
    public String rejectReason_withCode;

    public String flag_photoOverride;
    public String flag_photoNotAccepted;
    public String flag_fingerMissing;
    public String flag_materialPending;
    public String flag_unreadable;

    public String visitReason_aged60Plus;
    public String visitReason_disabled;
    public String visitReason_seriouslyIll;
    public String visitReason_companyGroup;

    public String problem_signIn;
    public String problem_wait;
    public String problem_forbidden;
    public String problem_conflict;
    public String problem_input;
    public String problem_notFound;
    public String problem_storage;
    public String problem_unavailable;
    public String problem_auditBroken;
    public String problem_internal;
    public String problem_detail;

    public String dialog_cancel;
    public String dialog_back;
    public String dialog_problemTitle;
    public String dialog_doneTitle;
    public String dialog_problem_reason;
    public String dialog_problem_confirm;
    public String dialog_problem_date;

    public String signIn_heading;
    public String signIn_intro;
    public String signIn_store;
    public String signIn_user;
    public String signIn_password;
    public String signIn_submit;
    public String signIn_busy;
    public String signIn_source_option;
    public String signIn_source_environment;
    public String signIn_source_file;
    public String signIn_source_typed;
    public String signIn_source_none;
    public String signIn_problem_noStore;
    public String signIn_problem_notNetwork;
    public String signIn_problem_noUser;
    public String signIn_problem_noPassword;
    public String signIn_problem_storage;

    public String nav_withKey;
    public String nav_withCount;
    public String nav_user;
    public String nav_signOut;
    public String nav_highContrast;

    public String status_signedOut;
    public String status_signedIn;
    public String status_board;
    public String status_boardProblem;
    public String status_ingest;
    public String signIn_disabled;
    public String status_ingestSilent;
    public String status_ingestNone;
    public String status_ingestWorkerSince;

    public String board_heading;
    public String board_filter;
    public String board_filterHint;
    public String board_state;
    public String board_open;
    public String board_enrol;
    public String board_empty;
    public String board_waiting;
    public String board_totals;
    public String board_totalsFiltered;
    public String board_col_device;
    public String board_col_officers;
    public String board_col_state;
    public String board_col_heartbeat;
    public String board_col_backlog;
    public String board_col_backlogSize;
    public String board_col_backlogBytes;
    public String board_col_oldest;
    public String board_col_oldestSeconds;
    public String board_col_software;
    public String board_col_catalogue;
    public String board_col_delivered;
    public String board_col_rejected;
    public String board_col_commands;

    public String device_none;
    public String device_heading;
    public String device_choose;
    public String device_certificate;
    public String device_revokedAt;
    public String device_backlog;
    public String device_wipeHeading;
    public String device_noWipe;
    public String device_wipePending;
    public String device_wiped;
    public String device_workOrder;
    public String device_enrol;
    public String device_wipe;
    public String device_revoke;
    public String device_commandsHeading;
    public String device_loadingCommands;

    public String command_col_id;
    public String command_col_type;
    public String command_col_state;
    public String command_col_reference;
    public String command_col_requested;
    public String command_col_sent;
    public String command_col_answered;
    public String command_col_outcome;

    public String enrol_title;
    public String enrol_heading;
    public String enrol_intro;
    public String enrol_device;
    public String enrol_ok;
    public String enrol_busy;
    public String enrol_problem_device;

    public String enrolCode_title;
    public String enrolCode_heading;
    public String enrolCode_intro;
    public String enrolCode_code;
    public String enrolCode_ca;
    public String enrolCode_uri;
    public String enrolCode_command;
    public String enrolCode_unknown;
    public String enrolCode_done;

    public String revoke_title;
    public String revoke_heading;
    public String revoke_warning;
    public String revoke_reason;
    public String revoke_crlReason;
    public String revoke_confirm;
    public String revoke_ok;
    public String revoke_busy;
    public String revoke_done_heading;
    public String revoke_done_crl;
    public String revoke_done_crlPending;

    public String wipe_title;
    public String wipe_heading;
    public String wipe_warning;
    public String wipe_reason;
    public String wipe_confirm;
    public String wipe_ok;
    public String wipe_busy;
    public String wipe_done_heading;
    public String wipe_done_text;

    public String order_title;
    public String order_heading;
    public String order_id;
    public String order_name;
    public String order_idNumber;
    public String order_phone;
    public String order_address;
    public String order_reason;
    public String order_documents;
    public String order_due;
    public String order_note;
    public String order_ok;
    public String order_busy;
    public String order_problem_name;
    public String order_problem_address;
    public String order_problem_documents;
    public String order_done_heading;
    public String order_done_text;

    public String status_title;
    public String status_heading;
    public String status_intro;
    public String status_value;
    public String status_note;
    public String status_ok;
    public String status_busy;
    public String status_done_heading;
    public String status_done_text;

    public String filter_device;
    public String filter_from;
    public String filter_to;
    public String filter_state;
    public String filter_search;
    public String filter_dayHint;
    public String filter_problem_day;
    public String filter_problem_order;

    public String cases_heading;
    public String cases_count;
    public String cases_countLimited;
    public String cases_loading;
    public String cases_sendStatus;

    public String case_col_case;
    public String case_col_packet;
    public String case_col_device;
    public String case_col_officer;
    public String case_col_state;
    public String case_col_created;
    public String case_col_sealed;
    public String case_col_stored;
    public String case_col_captureToReceipt;
    public String case_col_captureToReceiptSeconds;
    public String case_col_size;
    public String case_col_bytes;
    public String case_col_flags;
    public String case_col_review;
    public String case_col_status;

    public String review_heading;
    public String review_count;
    public String review_loading;
    public String review_flagsHeading;
    public String review_col_kind;
    public String review_col_subject;
    public String review_col_detail;
    public String review_note;
    public String review_approve;
    public String review_return;
    public String review_busy;
    public String review_problem_reason;
    public String review_approved_heading;
    public String review_approved_text;
    public String review_returned_heading;
    public String review_returned_text;

    public String rejects_heading;
    public String rejects_count;
    public String rejects_countLimited;
    public String rejects_loading;
    public String rejects_noPacket;
    public String rejects_resendState;
    public String rejects_note;
    public String rejects_resend;
    public String rejects_busy;
    public String rejects_done_heading;
    public String rejects_done_text;

    public String reject_col_time;
    public String reject_col_device;
    public String reject_col_packet;
    public String reject_col_reason;
    public String reject_col_detail;
    public String reject_col_resend;

    public String audit_heading;
    public String audit_deviceTrail;
    public String audit_adminTrail;
    public String audit_load;
    public String audit_verify;
    public String audit_loading;
    public String audit_verifying;
    public String audit_intact;
    public String audit_intactWithGaps;
    public String audit_broken;
    public String audit_gap;
    public String audit_col_problem;
    public String audit_col_seq;
    public String audit_col_time;
    public String audit_col_officer;
    public String audit_col_user;
    public String audit_col_action;
    public String audit_col_case;
    public String audit_col_target;
    public String audit_col_detail;
    public String audit_col_source;
    public String audit_col_outcome;

    public String report_heading;
    public String report_run;
    public String report_loading;
    public String report_summary;
    public String report_col_day;
    public String report_col_device;
    public String report_col_cases;
    public String report_col_captureMedian;
    public String report_col_captureMax;
    public String report_col_sealMedian;
    public String report_col_sealMax;
    public String report_col_captureMedianSeconds;
    public String report_col_captureMaxSeconds;
    public String report_col_sealMedianSeconds;
    public String report_col_sealMaxSeconds;

    public String export_csv;
    public String export_filter;
    public String export_busy;
    public String export_done_heading;
    public String export_done_text;

    public String users_heading;
    public String users_noteAdmin;
    public String users_noteViewer;
    public String users_col_id;
    public String users_col_name;
    public String users_col_role;
    public String users_col_failures;
    public String users_col_locked;
    public String users_col_created;
    public String users_disabled;
    public String users_newRole;
    public String users_setRole;
    public String users_addHeading;
    public String users_id;
    public String users_name;
    public String users_password;
    public String users_passwordAgain;
    public String users_role;
    public String users_add;
    public String users_loading;
    public String users_busy;
    public String users_problem_mismatch;
    public String users_added_heading;
    public String users_added_text;
    public String users_roleSet_heading;
    public String users_roleSet_text;
    public String users_disable;
    public String users_enable;
    public String users_disabledNow_heading;
    public String users_disabledNow_text;
    public String users_enabledNow_heading;
    public String users_enabledNow_text;
}
