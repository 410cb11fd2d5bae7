package org.doorstep.ui.internal.group;

import org.eclipse.e4.core.services.nls.Message;

/**
 * The group-session screens' words, from {@code OSGI-INF/l10n/group.properties} (Simplified Chinese, the default)
 * and {@code group_en.properties}, for the workbench's locale. Inject with {@code @Translation GroupMessages}.
 * Patterns with {@code {0}} are formatted with {@link java.text.MessageFormat}.
 */
@Message(contributionURI = "platform:/plugin/org.doorstep.ui/OSGI-INF/l10n/group")
@SuppressWarnings("java:S1104") // public fields are how e4 message classes work
public class GroupMessages {
    public String heading;
    public String noVault;
    public String retry;
    public String resumeHeading;
    public String resume;
    public String newHeading;
    public String companyName;
    public String creditCode;
    public String contactName;
    public String contactPhone;
    public String companyAddress;
    public String create;
    public String sessionTitle;
    public String fieldsHeading;
    public String employerName;
    public String employerAddress;
    public String postToCompany;
    public String recipient;
    public String recipientPhone;
    public String province;
    public String city;
    public String district;
    public String street;
    public String postcode;
    public String sharedContact;
    public String sharedContactPhone;
    public String saveFields;
    public String fieldsSaved;
    public String importHeading;
    public String importFile;
    public String browse;
    public String importRun;
    public String importing;
    public String importDone;
    public String importNothing;
    public String reportHeading;
    public String reportRow;
    public String reportColumn;
    public String reportReason;
    public String boardHeading;
    public String boardState;
    public String boardName;
    public String boardId;
    public String boardDocuments;
    public String boardReason;
    public String countsLine;
    public String next;
    public String start;
    public String done;
    public String refresh;
    public String followUpReason;
    public String followUp;
    public String endSession;
    public String summaryView;
    public String caseOpened;
    public String noneWaiting;
    public String summaryHeading;
    public String summaryCounts;
    public String summaryFollowUps;
    public String summaryFollowUp;
    public String summaryNotFinished;
    public String summaryPending;
    public String summaryPendingItem;
    public String summaryNone;
    public String back;
    public String backToStart;
    public String actionFailed;
    public String fileUnreadable;
}
