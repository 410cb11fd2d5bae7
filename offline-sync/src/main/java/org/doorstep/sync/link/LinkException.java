package org.doorstep.sync.link;

/**
 * Something the {@link MqttLink} could not do. Checked, because every caller must decide what a failed hand-over
 * means for its data: the outbox keeps a packet whose chunk was not acknowledged, an HQ worker leaves a message
 * unacknowledged so that the broker delivers it again.
 */
public abstract class LinkException extends Exception {

    private static final long serialVersionUID = 1L;

    protected LinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
