package org.doorstep.sync.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

import org.doorstep.sync.LinkState;
import org.junit.jupiter.api.Test;

/**
 * What the link does without a broker; {@code BrokerContractTest} in offline-sync/hq proves the rest against
 * Mosquitto and the embedded HiveMQ.
 */
class MqttLinkTest {

    @Test
    void plainTcpOnlyWhenAskedForBenchmarksAndTlsOnlyWithAContext() throws Exception {
        SSLContext tls = SSLContext.getDefault();
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class,
                () -> new MqttLink.Options("tcp://127.0.0.1:1883", "dev-1", null, false, Duration.ofDays(7),
                        Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(5),
                        Duration.ofSeconds(90)));
        assertTrue(plain.getMessage().contains("benchmarks"), plain.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MqttLink.Options.tls("ssl://127.0.0.1:8883", "dev-1", null));
        assertThrows(IllegalArgumentException.class, () -> MqttLink.Options.tls("http://127.0.0.1:8883", "dev-1", tls));
        assertThrows(IllegalArgumentException.class, () -> MqttLink.Options.tls("ssl://127.0.0.1", "dev-1", tls));
        assertThrows(IllegalArgumentException.class, () -> MqttLink.Options.tls("ssl://127.0.0.1:8883", " ", tls));
        assertThrows(IllegalArgumentException.class,
                () -> MqttLink.Options.tls("ssl://127.0.0.1:8883", "dev-1", tls).withSessionExpiry(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> MqttLink.Options.tls("ssl://127.0.0.1:8883", "dev-1", tls)
                .withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        MqttLink.Options defaults = MqttLink.Options.tls("ssl://127.0.0.1:8883", "dev-1", tls);
        assertEquals(Duration.ofDays(7), defaults.sessionExpiry());
        MqttLink.Options.plainTcpForBenchmarks("tcp://127.0.0.1:1883", "bench-1");
    }

    @Test
    void publishingWithoutAConnectionFailsInsteadOfSucceedingSilently() {
        try (MqttLink link = new MqttLink(MqttLink.Options.plainTcpForBenchmarks("tcp://127.0.0.1:1", "dev-1"))) {
            LinkDownException down = assertThrows(LinkDownException.class, () -> link.publish("doorstep/v1/dev-1/up/chunk",
                    new byte[] {1}));
            assertTrue(down.getMessage().contains("not connected"), down.getMessage());
            assertEquals(LinkState.OFFLINE, link.state());
            assertEquals(0, link.counters().messagesPublished());
        }
    }

    @Test
    void subscriptionsAreCheckedAndOneHandlerPerFilter() throws Exception {
        try (MqttLink link = new MqttLink(MqttLink.Options.plainTcpForBenchmarks("tcp://127.0.0.1:1", "dev-1"))) {
            assertThrows(IllegalArgumentException.class, () -> link.subscribe("a/#/b", (t, p) -> { }));
            link.subscribe("doorstep/v1/dev-1/down/#", (t, p) -> { });
            assertThrows(IllegalStateException.class, () -> link.subscribe("doorstep/v1/dev-1/down/#", (t, p) -> { }));
            link.unsubscribe("doorstep/v1/dev-1/down/#"); // not connected: only the registration goes
            link.subscribe("doorstep/v1/dev-1/down/#", (t, p) -> { });
        }
    }

    @Test
    void closingWhileRetryingEndsEveryThreadOfTheLink() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort(); // nothing listens there once closed
        }
        String clientId = "dev-retry-" + System.nanoTime();
        Set<Thread> before = nonDaemonThreads();
        List<String> failures = new CopyOnWriteArrayList<>();
        MqttLink link = new MqttLink(MqttLink.Options.plainTcpForBenchmarks("tcp://127.0.0.1:" + closedPort, clientId)
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50)));
        link.addListener(new LinkListener() {
            @Override
            public void connectFailed(String cause, Duration retryIn) {
                failures.add(cause);
            }
        });
        link.start();
        awaitTrue(() -> failures.size() >= 3, "three failed attempts");
        assertEquals(LinkState.CONNECTING, link.state());
        assertTrue(failures.get(0).contains("nothing accepts connections"), failures.get(0));
        assertTrue(link.lastProblem() != null);

        link.close();
        assertEquals(LinkState.OFFLINE, link.state());
        awaitTrue(() -> threadsOf(clientId).isEmpty(), "the link's threads to end: " + threadsOf(clientId));
        Set<String> leftover = nonDaemonThreads().stream().filter(t -> !before.contains(t)).map(Thread::getName)
                .collect(Collectors.toSet());
        assertEquals(Set.of(), leftover);
        assertThrows(IllegalStateException.class, link::start);
        link.close(); // idempotent
    }

    @Test
    void theWireSizeOfAPublishIsComputedAsTheBrokerCountsIt() {
        // fixed header 1 + length 1 + topic length 2 + "a" 1 + packet id 2 + property length 1
        assertEquals(8, MqttLink.publishPacketSize("a", 0));
        // 256 KiB payload: a 3-byte remaining length
        String topic = "doorstep/v1/dev-1/up/chunk";
        assertEquals(1 + 3 + 2 + topic.length() + 2 + 1 + 262_144, MqttLink.publishPacketSize(topic, 262_144));
    }

    private static Set<String> threadsOf(String clientId) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.contains(clientId)).collect(Collectors.toSet());
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
