package org.doorstep.ui.internal.group;

/** Widget ids of the group-session screens (key {@link org.doorstep.ui.WidgetIds#KEY}), for tests and support. */
public final class GroupIds {

    public static final String NO_VAULT = "group.noVault";
    public static final String RETRY = "group.retry";
    public static final String SESSIONS = "group.sessions";
    public static final String RESUME = "group.resume";
    public static final String COMPANY_NAME = "group.company.name";
    public static final String CREDIT_CODE = "group.company.creditCode";
    public static final String CONTACT_NAME = "group.company.contactName";
    public static final String CONTACT_PHONE = "group.company.contactPhone";
    public static final String COMPANY_ADDRESS = "group.company.address";
    public static final String CREATE = "group.create";
    public static final String CREATE_PROBLEMS = "group.create.problems";

    public static final String SESSION_TITLE = "group.session.title";
    public static final String EMPLOYER_NAME = "group.fields.employerName";
    public static final String EMPLOYER_ADDRESS = "group.fields.employerAddress";
    public static final String POST_TO_COMPANY = "group.fields.postToCompany";
    public static final String RECIPIENT = "group.fields.recipient";
    public static final String RECIPIENT_PHONE = "group.fields.recipientPhone";
    public static final String PROVINCE = "group.fields.province";
    public static final String CITY = "group.fields.city";
    public static final String DISTRICT = "group.fields.district";
    public static final String STREET = "group.fields.street";
    public static final String POSTCODE = "group.fields.postcode";
    public static final String SHARED_CONTACT = "group.fields.contactName";
    public static final String SHARED_CONTACT_PHONE = "group.fields.contactPhone";
    public static final String SAVE_FIELDS = "group.fields.save";
    public static final String FIELDS_MESSAGE = "group.fields.message";

    public static final String IMPORT_FILE = "group.import.file";
    public static final String IMPORT_BROWSE = "group.import.browse";
    public static final String IMPORT_RUN = "group.import.run";
    public static final String IMPORT_PROGRESS = "group.import.progress";
    public static final String IMPORT_MESSAGE = "group.import.message";
    public static final String REPORT = "group.import.report";

    public static final String BOARD = "group.board";
    public static final String COUNTS = "group.board.counts";
    public static final String NEXT = "group.next";
    public static final String START = "group.start";
    public static final String DONE = "group.done";
    public static final String REFRESH = "group.refresh";
    public static final String FOLLOW_UP_REASON = "group.followUp.reason";
    public static final String FOLLOW_UP = "group.followUp";
    public static final String BOARD_MESSAGE = "group.board.message";
    public static final String END = "group.end";
    public static final String SUMMARY_VIEW = "group.summary.view";

    public static final String SUMMARY = "group.summary";
    public static final String SUMMARY_TEXT = "group.summary.text";
    public static final String SUMMARY_BACK = "group.summary.back";
    public static final String SUMMARY_TO_START = "group.summary.toStart";

    private GroupIds() {
    }
}
