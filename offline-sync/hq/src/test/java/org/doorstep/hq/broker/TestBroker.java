package org.doorstep.hq.broker;

import java.security.cert.X509CRL;

/**
 * A real MQTT broker for tests, set up like production: mutual TLS with certificates from a {@link BrokerPki}, the
 * Doorstep topic ACL, persistent sessions, a CRL. Two implementations — {@link MosquittoBroker} (the production
 * broker, from the repository's configuration) and {@link HiveBroker} (the local HQ's {@link EmbeddedBroker}) — so
 * that one contract test proves both behave the same for the sync link.
 */
public interface TestBroker extends AutoCloseable {

    /** For test names: "mosquitto" or "hivemq". */
    String name();

    /** {@code ssl://127.0.0.1:port}; the port stays the same across {@link #stop()} and {@link #start()}. */
    String serverUri();

    /** Starts the broker (again) on the same port, with the sessions it persisted. */
    void start() throws Exception;

    /** Stops the broker; connected clients lose their connection, sessions and queued messages are kept. */
    void stop() throws Exception;

    default void restart() throws Exception {
        stop();
        start();
    }

    /** Puts a new CRL in force; returns once new connections are judged by it. */
    void updateCrl(X509CRL crl) throws Exception;

    /** What the broker says of these clients (connected, subscriptions), for a timeout's message; may be empty. */
    default String describeClients(String... clientIds) {
        return "";
    }

    /** Stops the broker for good. */
    @Override
    void close();
}
