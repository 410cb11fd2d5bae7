package org.doorstep.hq.broker;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.List;

/**
 * The embedded HiveMQ as a {@link TestBroker}: TLS on a loopback port chosen at the first start, sessions in a
 * data folder so that a restart (a new instance: HiveMQ cannot start one twice) keeps them.
 */
public final class HiveBroker implements TestBroker {

    private final EmbeddedBroker.Settings base;
    private int port;
    private X509CRL crl;
    private EmbeddedBroker broker;

    public HiveBroker(BrokerPki pki, Path folder) {
        this.crl = pki.crl();
        this.base = EmbeddedBroker.Settings.loopback(pki.broker.key().getPrivate(), List.of(pki.broker.certificate()),
                pki.caCertificate, crl).withPersistenceIn(folder.resolve("hive-data"));
    }

    @Override
    public String name() {
        return "hivemq";
    }

    @Override
    public synchronized String serverUri() {
        return "ssl://127.0.0.1:" + port;
    }

    /** The running instance, for tests of its own API. */
    synchronized EmbeddedBroker broker() {
        return broker;
    }

    @Override
    public synchronized void start() throws IOException {
        if (broker != null) {
            return;
        }
        broker = EmbeddedBroker.start(new EmbeddedBroker.Settings(base.bindAddress(), port, base.serverKey(),
                base.serverChain(), base.deviceCa(), crl, base.dataFolder(), -1));
        port = broker.port();
    }

    @Override
    public synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    @Override
    public synchronized void updateCrl(X509CRL newCrl) throws Exception {
        crl = newCrl;
        if (broker != null) {
            broker.updateCrl(newCrl);
        }
    }

    /** Through HiveMQ's extension services: whether each client is connected and which subscriptions it holds. */
    @Override
    public String describeClients(String... clientIds) {
        StringBuilder b = new StringBuilder();
        try {
            var subscriptions = com.hivemq.extension.sdk.api.services.Services.subscriptionStore();
            var clients = com.hivemq.extension.sdk.api.services.Services.clientService();
            for (String id : clientIds) {
                b.append(id).append(clients.isClientConnected(id).get(5, java.util.concurrent.TimeUnit.SECONDS)
                        ? " connected, " : " not connected, ").append("subscriptions ")
                        .append(subscriptions.getSubscriptions(id).get(5, java.util.concurrent.TimeUnit.SECONDS)
                                .stream().map(t -> t.getTopicFilter()).toList()).append("; ");
            }
        } catch (Exception | LinkageError e) {
            b.append("(HiveMQ's view unavailable: ").append(e).append(')');
        }
        return b.toString();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name();
    }
}
