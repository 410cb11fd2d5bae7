package org.doorstep.sync.link;

/**
 * The broker answered a subscribe with a failure reason code, for example 135 "not authorized" when a laptop asks
 * for another device's topics. (Mosquitto grants such a subscription and then delivers nothing; HiveMQ refuses it.)
 */
public final class SubscriptionRefusedException extends LinkException {

    private static final long serialVersionUID = 1L;

    private final String filter;
    private final int reasonCode;

    public SubscriptionRefusedException(String filter, int reasonCode) {
        super("the broker refused the subscription " + filter + ": " + ReasonCodes.describe(reasonCode), null);
        this.filter = filter;
        this.reasonCode = reasonCode;
    }

    public String filter() {
        return filter;
    }

    public int reasonCode() {
        return reasonCode;
    }
}
