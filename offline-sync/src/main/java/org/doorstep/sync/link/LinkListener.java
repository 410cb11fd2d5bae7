package org.doorstep.sync.link;

import java.time.Duration;

/**
 * What an {@link MqttLink} tells about itself: for the status line, the heartbeat, and logs. Called on the link's
 * own threads; a listener returns quickly and does not call back into blocking link methods. Exceptions thrown by a
 * listener are ignored.
 */
public interface LinkListener {

    /**
     * The link is connected and every registered subscription has been (re)made.
     *
     * @param sessionPresent whether the broker still had the session (and so any messages queued meanwhile)
     */
    default void connected(boolean sessionPresent) {
    }

    /** An established connection ended; {@code cause} says why in plain words. The link retries by itself. */
    default void disconnected(String cause) {
    }

    /** A connection attempt failed; the next one follows after {@code retryIn}. */
    default void connectFailed(String cause, Duration retryIn) {
    }

    /** The broker refused a registered subscription while the link was re-subscribing after a reconnect. */
    default void subscriptionRefused(String filter, int reasonCode, String description) {
    }

    /**
     * A {@link MessageHandler} threw, or a message arrived through a subscription no handler is registered for (one
     * an earlier run left in the persistent session); the message has been acknowledged regardless.
     */
    default void handlerFailed(String topic, Exception failure) {
    }
}
