package org.doorstep.sync.link;

/**
 * The broker answered a publish with a failure reason code (0x80 or above), for example 135 "not authorized" when a
 * laptop writes outside its own topics, or the message is larger than the broker accepts. Sending the same message
 * again will fail the same way: this is a configuration or programming error, not a network one.
 */
public final class PublishRefusedException extends LinkException {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final int reasonCode;
    private final String reasonString;

    public PublishRefusedException(String topic, int reasonCode, String reasonString) {
        super("the broker refused the message on " + topic + ": " + ReasonCodes.describe(reasonCode)
                + (reasonString == null || reasonString.isBlank() ? "" : " (" + reasonString + ")"), null);
        this.topic = topic;
        this.reasonCode = reasonCode;
        this.reasonString = reasonString;
    }

    public String topic() {
        return topic;
    }

    /** The MQTT 5 reason code of the PUBACK (or 149 "packet too large" when the link refused to send it at all). */
    public int reasonCode() {
        return reasonCode;
    }

    /** The broker's own explanation, if it sent one; may be null. */
    public String reasonString() {
        return reasonString;
    }
}
