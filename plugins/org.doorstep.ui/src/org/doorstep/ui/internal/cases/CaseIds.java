package org.doorstep.ui.internal.cases;

/** Widget ids of the visits list and the guided case, for tests ({@code widget.setData(WidgetIds.KEY, id)}). */
public final class CaseIds {

    public static final String VISITS_TABLE = "visits.table";
    public static final String VISITS_OPEN = "visits.open";
    public static final String VISITS_NEW_AD_HOC = "visits.newAdHoc";
    public static final String VISITS_REFRESH = "visits.refresh";
    public static final String VISITS_MESSAGE = "visits.message";
    /** Shown while today's visits are read. */
    public static final String VISITS_PROGRESS = "visits.progress";
    /** The day and how many visits are listed. */
    public static final String VISITS_HEADING = "visits.heading";

    public static final String CASE = "case";
    public static final String CASE_BACK_TO_LIST = "case.backToList";
    /** Followed by the step's id: {@code case.step.identity} … */
    public static final String STEP_PREFIX = "case.step.";
    public static final String CASE_PROBLEMS = "case.problems";
    public static final String CASE_PROGRESS = "case.progress";
    /** The sentence under the screen: saved, refused, printed … */
    public static final String CASE_SAID = "case.said";
    public static final String CASE_NEXT = "case.next";
    public static final String CASE_PREVIOUS = "case.previous";

    public static final String ID_NAME = "identity.name";
    public static final String ID_NUMBER = "identity.idNumber";
    public static final String ID_PHONE = "identity.phone";
    public static final String ID_REASON = "identity.reason";
    public static final String ID_ADDRESS = "identity.address";
    /** Attach the scan proving the visit reason; its state beside it. */
    public static final String ID_EVIDENCE = "identity.evidence";
    public static final String ID_EVIDENCE_STATE = "identity.evidenceState";
    public static final String ID_EMERGENCY_NAME = "identity.emergencyName";
    public static final String ID_EMERGENCY_PHONE = "identity.emergencyPhone";
    public static final String ID_SAVE = "identity.save";

    /** Followed by the application type's id: {@code applications.type.passport}. */
    public static final String APP_TYPE_PREFIX = "applications.type.";
    /** Followed by the application type's id: the issue (first, renewal …) asked for. */
    public static final String APP_ISSUE_PREFIX = "applications.issue.";
    public static final String APP_DELIVERY = "applications.delivery";
    public static final String APP_SAVE = "applications.save";

    public static final String CHECKLIST_TABLE = "checklist.table";
    public static final String CHECKLIST_ATTACH = "checklist.attach";
    public static final String CHECKLIST_PENDING = "checklist.pending";
    public static final String CHECKLIST_DEADLINE = "checklist.deadline";
    public static final String CHECKLIST_SAVE_NOTICE = "checklist.saveNotice";
    public static final String CHECKLIST_PRINT = "checklist.print";

    public static final String PHOTO_IMPORT = "photo.import";
    public static final String PHOTO_GUIDE = "photo.guide";
    public static final String PHOTO_ATTEMPTS = "photo.attempts";
    public static final String PHOTO_REASON = "photo.reason";
    public static final String PHOTO_KEEP = "photo.keep";
    /** Followed by the document family's id: the button that shows that family's photo. */
    public static final String PHOTO_FAMILY_PREFIX = "photo.family.";
    public static final String PHOTO_SOURCE = "photo.source";
    public static final String PHOTO_SOURCE_STATUS = "photo.sourceStatus";
    /** Whether the family's photo is settled, or how many attempts are left. */
    public static final String PHOTO_STATE = "photo.state";

    public static final String FINGER_NEXT = "finger.next";
    public static final String FINGER_SOURCE = "finger.source";
    public static final String FINGER_SIMULATOR_BANNER = "finger.simulatorBanner";
    public static final String FINGER_SOURCE_STATUS = "finger.sourceStatus";
    public static final String FINGER_IMAGE = "finger.image";
    public static final String FINGER_RESCAN = "finger.rescan";
    public static final String FINGER_CAPTURE = "finger.capture";
    public static final String FINGER_QUALITY = "finger.quality";
    public static final String FINGER_RESULT = "finger.result";
    public static final String FINGER_RETRY = "finger.retry";
    public static final String FINGER_EXCEPTION_REASON = "finger.exceptionReason";
    public static final String FINGER_EXCEPTION_NOTE = "finger.exceptionNote";
    public static final String FINGER_EXCEPTION_RECORD = "finger.exceptionRecord";

    public static final String SIGN_ROLE = "signature.role";
    public static final String SIGN_NAME = "signature.name";
    public static final String SIGN_PAD = "signature.pad";
    public static final String SIGN_CLEAR = "signature.clear";
    public static final String SIGN_SAVE = "signature.save";

    public static final String REVIEW_LIST = "review.list";
    public static final String REVIEW_COMPLETE = "review.complete";
    public static final String REVIEW_RESULT = "review.result";

    private CaseIds() {
    }
}
