package org.doorstep.sync.link;

/**
 * Receives the messages of one subscription of an {@link MqttLink}, one at a time, on the link's delivery thread.
 * The broker's message is acknowledged only after this method returns (or throws): a process that dies while
 * handling gets the message again after it reconnects. A handler therefore makes its work durable before it
 * returns and tolerates receiving the same message twice.
 */
@FunctionalInterface
public interface MessageHandler {

    /**
     * @param topic   the topic the message was published to (never a {@code $share/…} filter)
     * @param payload the message bytes; the handler may keep them
     * @throws Exception the link reports it to its listeners and acknowledges the message anyway, so that one
     *                   malformed message cannot block a subscription forever
     */
    void handle(String topic, byte[] payload) throws Exception;
}
