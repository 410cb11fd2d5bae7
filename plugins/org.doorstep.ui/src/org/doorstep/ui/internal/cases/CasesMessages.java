package org.doorstep.ui.internal.cases;

import org.eclipse.e4.core.services.nls.Message;

/**
 * Texts of the visits list and the guided case, from {@code OSGI-INF/l10n/cases*.properties} (Simplified Chinese by
 * default, English in {@code cases_en}). Inject with {@code @Translation CasesMessages}. Patterns with {@code {0}} are
 * MessageFormat patterns: use {@link #format}.
 */
@Message(contributionURI = "platform:/plugin/org.doorstep.ui/OSGI-INF/l10n/cases")
@SuppressWarnings("java:S1104") // public fields are how e4 message classes work
public class CasesMessages {
    public String visits_heading;
    public String visits_columnApplicant;
    public String visits_columnAddress;
    public String visits_columnReason;
    public String visits_columnState;
    public String visits_columnOrigin;
    public String visits_workOrder;
    public String visits_adHoc;
    public String visits_notStarted;
    public String visits_open;
    public String visits_newAdHoc;
    public String visits_refresh;
    public String visits_locked;
    public String visits_none;
    public String visits_selectFirst;
    public String state_draft;
    public String state_other;
    public String case_backToList;
    public String case_heading;
    public String case_stepDone;
    public String case_stepMissing;
    public String case_stepHere;
    public String case_noProblems;
    public String case_next;
    public String case_previous;
    public String case_working;
    public String case_saved;
    public String case_failed;
    public String id_name;
    public String id_number;
    public String id_phone;
    public String id_reason;
    public String id_address;
    public String id_emergencyName;
    public String id_emergencyPhone;
    public String id_save;
    public String reason_aged;
    public String reason_disabled;
    public String reason_ill;
    public String reason_company;
    public String app_types;
    public String app_delivery;
    public String app_collect;
    public String app_postal;
    public String app_save;
    public String cl_columnMaterial;
    public String cl_columnLevel;
    public String cl_columnStatus;
    public String cl_core;
    public String cl_secondary;
    public String cl_present;
    public String cl_pending;
    public String cl_missing;
    public String cl_attach;
    public String cl_pendingButton;
    public String cl_deadline;
    public String cl_saveNotice;
    public String cl_noticeSaved;
    public String cl_selectItem;
    public String cl_formFirst;
    public String photo_import;
    public String photo_family;
    public String photo_attempt;
    public String photo_best;
    public String photo_chosen;
    public String photo_passed;
    public String photo_failed;
    public String photo_score;
    public String photo_reason;
    public String photo_keep;
    public String photo_selectAttempt;
    public String photo_guide;
    public String photo_none;
    public String finger_next;
    public String finger_done;
    public String finger_source;
    public String finger_import;
    public String finger_simulator;
    public String finger_simulatorBanner;
    public String finger_capture;
    public String finger_quality;
    public String finger_accepted;
    public String finger_notAccepted;
    public String finger_sameFinger;
    public String finger_retry;
    public String finger_exception;
    public String finger_exceptionNote;
    public String finger_exceptionRecord;
    public String finger_reason_AMPUTATED;
    public String finger_reason_INJURED;
    public String finger_reason_BANDAGED;
    public String finger_reason_UNUSABLE_AFTER_RETRIES;
    public String finger_reason_OTHER;
    public String sign_role;
    public String sign_name;
    public String sign_pad;
    public String sign_clear;
    public String sign_save;
    public String sign_saved;
    public String role_APPLICANT;
    public String role_GUARDIAN;
    public String role_AGENT;
    public String role_WITNESS;
    public String role_OFFICER;
    public String review_heading;
    public String review_ready;
    public String review_complete;
    public String review_sealed;
    public String review_waiting;
    public String review_revoked;
    public String review_outbox_full;
    public String files_images;
    public String files_scans;
    public String files_fingers;
    public String files_html;
    public String office_name;
    public String office_address;
    public String office_phone;
    public String office_hours;
    public String check_RESOLUTION;
    public String check_FACE_COUNT;
    public String check_FRONTAL;
    public String check_HEAD_SIZE;
    public String check_HEAD_POSITION;
    public String check_BACKGROUND;
    public String check_EXPOSURE;
    public String check_SHARPNESS;
    public String check_JPEG_SIZE;

    /** Fills a pattern's arguments. */
    public static String format(String pattern, Object... args) {
        return java.text.MessageFormat.format(pattern, args);
    }
}
