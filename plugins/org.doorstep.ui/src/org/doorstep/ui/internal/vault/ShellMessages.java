package org.doorstep.ui.internal.vault;

import org.eclipse.e4.core.services.nls.Message;

/**
 * Strings of the vault screens, the sync view and the language and theme switches, from
 * {@code OSGI-INF/l10n/shell*.properties} (Simplified Chinese default, English {@code _en}). Inject with
 * {@code @Translation ShellMessages}, or build for a given locale with {@link LocalizedTexts}.
 */
@Message(contributionURI = "platform:/plugin/org.doorstep.ui/OSGI-INF/l10n/shell")
@SuppressWarnings("java:S1104") // public fields are how e4 message classes work
public class ShellMessages {
    public String vault_setup_heading;
    public String vault_setup_intro;
    public String vault_deviceName;
    public String vault_suite;
    public String vault_suiteIntl;
    public String vault_suiteGm;
    public String vault_officerId;
    public String vault_officerName;
    public String vault_passphrase;
    public String vault_passphraseAgain;
    public String vault_policy;
    public String vault_setup_submit;
    public String vault_setup_busy;
    public String vault_problem_deviceName;
    public String vault_problem_officerId;
    public String vault_problem_officerName;
    public String vault_problem_tooShort;
    public String vault_problem_onlyWhitespace;
    public String vault_problem_typedDifferently;
    public String vault_problem_failed;
    public String vault_problem_storage;
    public String vault_problem_alreadyEnrolled;
    public String vault_unlock_heading;
    public String vault_unlock_intro;
    public String vault_unlock_officer;
    public String vault_unlock_submit;
    public String vault_unlock_busy;
    public String vault_unlock_refused;
    public String vault_unlock_warning;
    public String vault_unlock_wait;
    public String vault_unlock_tooSoon;
    public String vault_unlock_previousFailures;
    public String vault_lockedOut_heading;
    public String vault_lockedOut_text;
    public String vault_wiped_heading;
    public String vault_wiped_text;
    public String vault_wiped_setup;
    public String vault_enrol_heading;
    public String vault_enrol_intro;
    public String vault_enrol_submit;
    public String vault_cancel;
    public String vault_enrol_busy;
    public String vault_enrol_done;
    public String nav_enrol;
    public String nav_lock;
    public String nav_language;
    public String nav_highContrast;
    public String sync_engine_NO_VAULT;
    public String sync_engine_LOCKED;
    public String sync_engine_NOT_ENROLLED;
    public String sync_engine_REVOKED;
    public String sync_engine_STARTING;
    public String sync_engine_RUNNING;
    public String sync_engine_FAILED;
    public String sync_problem_offline;
    public String sync_problem_detail;
    public String sync_outbox_heading;
    public String sync_outbox_empty;
    public String sync_outbox_full;
    public String sync_outbox_case;
    public String sync_outbox_urgent;
    public String sync_state_SEALING;
    public String sync_state_QUEUED;
    public String sync_state_SENT;
    public String sync_delivered_heading;
    public String sync_delivered_empty;
    public String sync_delivered_case;
    public String sync_hq_none;
    public String sync_hq_ACCEPTED;
    public String sync_hq_IN_REVIEW;
    public String sync_hq_APPROVED;
    public String sync_hq_PRODUCED;
    public String sync_hq_POSTED;
    public String sync_hq_RETURNED;
    public String sync_now;
    public String sync_handedOver;
}
