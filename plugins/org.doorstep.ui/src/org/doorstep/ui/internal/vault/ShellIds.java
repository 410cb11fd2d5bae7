package org.doorstep.ui.internal.vault;

/** Widget ids ({@link org.doorstep.ui.WidgetIds#KEY}) of the vault screens, the switches and the sync view. */
public final class ShellIds {

    public static final String LOCK_SCREEN = "lock";
    public static final String BUSY = "lock.busy";
    public static final String MESSAGE = "lock.message";

    public static final String SETUP = "setup";
    public static final String SETUP_DEVICE = "setup.device";
    public static final String SETUP_SUITE_INTL = "setup.suite.intl";
    public static final String SETUP_SUITE_GM = "setup.suite.gm";
    public static final String SETUP_POLICY = "setup.policy";
    public static final String SETUP_SUBMIT = "setup.submit";

    public static final String OFFICER_ID = "officer.id";
    public static final String OFFICER_NAME = "officer.name";
    public static final String PASSPHRASE = "passphrase";
    public static final String PASSPHRASE_AGAIN = "passphrase.again";

    public static final String UNLOCK = "unlock";
    public static final String UNLOCK_OFFICER = "unlock.officer";
    public static final String UNLOCK_SUBMIT = "unlock.submit";

    public static final String LOCKED_OUT = "lockedOut";
    public static final String WIPED = "wiped";
    public static final String WIPED_SETUP = "wiped.setup";

    public static final String ENROL = "enrol";
    public static final String ENROL_SUBMIT = "enrol.submit";
    public static final String ENROL_CANCEL = "enrol.cancel";

    public static final String NAV_ENROL = "navigation.enrol";
    public static final String NAV_LOCK = "navigation.lock";
    public static final String NAV_LANGUAGE = "navigation.language";
    public static final String NAV_HIGH_CONTRAST = "navigation.highContrast";

    public static final String SYNC_ENGINE = "sync.engine";
    public static final String SYNC_PROBLEM = "sync.problem";
    public static final String SYNC_LINK = "sync.link";
    public static final String SYNC_BACKLOG = "sync.backlog";
    public static final String SYNC_LAST_CONTACT = "sync.lastContact";
    public static final String SYNC_HANDED_OVER = "sync.handedOver";
    public static final String SYNC_OUTBOX = "sync.outbox";
    public static final String SYNC_DELIVERED = "sync.delivered";
    public static final String SYNC_NOW = "sync.now";

    private ShellIds() {
    }
}
