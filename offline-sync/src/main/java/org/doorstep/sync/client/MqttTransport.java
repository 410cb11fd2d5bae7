package org.doorstep.sync.client;

import java.io.IOException;
import java.util.Objects;

import org.doorstep.sync.link.LinkException;
import org.doorstep.sync.link.LinkListener;
import org.doorstep.sync.link.MqttLink;
import org.doorstep.sync.link.SubscriptionRefusedException;
import org.doorstep.sync.protocol.Topics;

/**
 * Joins the laptop's {@link SyncClient} to an {@link MqttLink}: publishes through it, tells the client when the
 * link comes and goes, and hands it the messages of the laptop's own {@code down/} topics. The link acknowledges
 * a message only after the client has dealt with it (a receipt is acted on, say), so a crash in between means the
 * broker delivers it again.
 */
public final class MqttTransport implements SyncClient.Transport {

    private final MqttLink link;

    public MqttTransport(MqttLink link) {
        this.link = Objects.requireNonNull(link, "link");
    }

    @Override
    public void publish(String topic, byte[] payload) throws IOException {
        try {
            link.publish(topic, payload);
        } catch (LinkException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Subscribes the client to its down topics and follows the link's state; call before {@link MqttLink#start}. */
    public void attach(SyncClient client) throws SubscriptionRefusedException {
        link.addListener(new LinkListener() {
            @Override
            public void connected(boolean sessionPresent) {
                client.connected();
            }

            @Override
            public void disconnected(String cause) {
                client.disconnected();
            }
        });
        link.subscribe(Topics.down(client.deviceId()), client::messageArrived);
        if (link.isConnected()) {
            client.connected();
        }
    }
}
