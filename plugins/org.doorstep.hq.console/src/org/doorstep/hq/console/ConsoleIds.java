package org.doorstep.hq.console;

/**
 * Stable identifiers set on the console's important widgets with {@code widget.setData(ConsoleIds.KEY, id)}, so that
 * UI tests (and support staff with a widget inspector) find them whatever the language or layout. Dialog shells
 * carry their own id; their message, buttons and fields carry the dialog's id followed by {@code .message},
 * {@code .ok}, {@code .cancel} and {@code .}<i>field</i>.
 */
public final class ConsoleIds {

    /** The {@code Widget.setData(String, Object)} key under which the id is stored (the field product's too). */
    public static final String KEY = "doorstep.id";

    // sign-in screen
    public static final String SIGN_IN = "signIn";
    public static final String SIGN_IN_STORE = "signIn.store";
    public static final String SIGN_IN_STORE_SOURCE = "signIn.storeSource";
    public static final String SIGN_IN_USER = "signIn.user";
    public static final String SIGN_IN_PASSWORD = "signIn.password";
    public static final String SIGN_IN_SUBMIT = "signIn.submit";
    public static final String SIGN_IN_MESSAGE = "signIn.message";
    public static final String SIGN_IN_BUSY = "signIn.busy";

    // navigation (one button per Area: Area.navigationId())
    public static final String NAVIGATION = "navigation";
    public static final String NAV_USER = "navigation.user";
    public static final String NAV_SIGN_OUT = "navigation.signOut";
    public static final String NAV_HIGH_CONTRAST = "navigation.highContrast";

    // status line
    public static final String STATUS_LINE = "statusLine";
    public static final String STATUS_CONNECTION = "statusLine.connection";
    public static final String STATUS_BOARD = "statusLine.board";
    public static final String STATUS_INGEST = "statusLine.ingest";
    public static final String STATUS_BUSY = "statusLine.busy";
    public static final String STATUS_PROBLEM = "statusLine.problem";

    // device board
    public static final String BOARD_FILTER = "board.filter";
    public static final String BOARD_STATE = "board.state";
    public static final String BOARD_TABLE = "board.table";
    public static final String BOARD_TOTALS = "board.totals";
    public static final String BOARD_OPEN = "board.open";
    public static final String BOARD_ENROL = "board.enrol";
    public static final String BOARD_EXPORT = "board.export";

    // device detail
    public static final String DEVICE_CHOOSER = "device.chooser";
    public static final String DEVICE_HEADING = "device.heading";
    /** Prefix of the detail's facts: {@code device.fact.state}, {@code device.fact.backlog} … */
    public static final String DEVICE_FACT = "device.fact.";
    public static final String DEVICE_WIPE_STATE = "device.wipeState";
    public static final String DEVICE_REVOKE = "device.revoke";
    public static final String DEVICE_ENROL = "device.enrol";
    public static final String DEVICE_WIPE = "device.wipe";
    public static final String DEVICE_WORK_ORDER = "device.workOrder";
    public static final String DEVICE_COMMANDS = "device.commands";

    // dialogs
    public static final String DIALOG_ENROL = "dialog.enrol";
    public static final String DIALOG_ENROLMENT_CODE = "dialog.enrolmentCode";
    public static final String DIALOG_REVOKE = "dialog.revoke";
    public static final String DIALOG_WIPE = "dialog.wipe";
    public static final String DIALOG_WORK_ORDER = "dialog.workOrder";
    public static final String DIALOG_STATUS = "dialog.status";
    public static final String DIALOG_ERROR = "dialog.error";
    public static final String DIALOG_DONE = "dialog.done";

    // cases
    public static final String CASES_DEVICE = "cases.device";
    public static final String CASES_FROM = "cases.from";
    public static final String CASES_TO = "cases.to";
    public static final String CASES_STATE = "cases.state";
    public static final String CASES_SEARCH = "cases.search";
    public static final String CASES_TABLE = "cases.table";
    public static final String CASES_COUNT = "cases.count";
    public static final String CASES_SEND_STATUS = "cases.sendStatus";
    public static final String CASES_EXPORT = "cases.export";

    // review
    public static final String REVIEW_TABLE = "review.table";
    public static final String REVIEW_FLAGS = "review.flags";
    public static final String REVIEW_NOTE = "review.note";
    public static final String REVIEW_APPROVE = "review.approve";
    public static final String REVIEW_RETURN = "review.return";
    public static final String REVIEW_COUNT = "review.count";

    // rejects
    public static final String REJECTS_DEVICE = "rejects.device";
    public static final String REJECTS_REFRESH = "rejects.refresh";
    public static final String REJECTS_TABLE = "rejects.table";
    public static final String REJECTS_NOTE = "rejects.note";
    public static final String REJECTS_RESEND = "rejects.resend";
    public static final String REJECTS_COUNT = "rejects.count";

    // audit
    public static final String AUDIT_DEVICE_MODE = "audit.deviceMode";
    public static final String AUDIT_ADMIN_MODE = "audit.adminMode";
    public static final String AUDIT_DEVICE = "audit.device";
    public static final String AUDIT_LOAD = "audit.load";
    public static final String AUDIT_VERIFY = "audit.verify";
    public static final String AUDIT_RESULT = "audit.result";
    public static final String AUDIT_BREAKS = "audit.breaks";
    public static final String AUDIT_TABLE = "audit.table";

    // reports
    public static final String REPORT_DEVICE = "report.device";
    public static final String REPORT_FROM = "report.from";
    public static final String REPORT_TO = "report.to";
    public static final String REPORT_RUN = "report.run";
    public static final String REPORT_TABLE = "report.table";
    public static final String REPORT_SUMMARY = "report.summary";
    public static final String REPORT_EXPORT = "report.export";

    // users
    public static final String USERS_TABLE = "users.table";
    public static final String USERS_ID = "users.id";
    public static final String USERS_NAME = "users.name";
    public static final String USERS_ROLE = "users.role";
    public static final String USERS_PASSWORD = "users.password";
    public static final String USERS_PASSWORD_AGAIN = "users.passwordAgain";
    public static final String USERS_ADD = "users.add";
    public static final String USERS_NEW_ROLE = "users.newRole";
    public static final String USERS_SET_ROLE = "users.setRole";
    public static final String USERS_DISABLE = "users.disable";
    public static final String USERS_ENABLE = "users.enable";
    public static final String USERS_NOTE = "users.note";

    private ConsoleIds() {
    }
}
