package org.doorstep.hq.broker;

import static org.doorstep.hq.broker.TestLinks.PATIENCE;
import static org.doorstep.hq.broker.TestLinks.await;
import static org.doorstep.hq.broker.TestLinks.startAndAwait;
import static org.doorstep.hq.broker.TestLinks.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.doorstep.sync.link.LinkDownException;
import org.doorstep.sync.link.MqttLink;
import org.doorstep.sync.link.PublishRefusedException;
import org.doorstep.sync.link.SubscriptionRefusedException;
import org.doorstep.sync.protocol.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the sync link relies on from the broker, proven against both real brokers — the production Mosquitto with
 * the repository's configuration and ACL, and the local HQ's embedded HiveMQ — through {@link MqttLink} over mutual
 * TLS with certificates from a test device CA. Each broker is started once for the class (HiveMQ takes seconds to
 * stop) and every test uses fresh device ids. The HQ clients' sessions persist from test to test, as they would in
 * production; a test that subscribes with them therefore filters what it receives by its own devices.
 *
 * <p>Where the brokers differ, the tests accept both answers and say so: HiveMQ refuses a forbidden subscription
 * and drops the connection after a forbidden publish, Mosquitto grants the subscription and delivers nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerContractTest {

    private static final String INGEST_1 = "hq-ingest-1";
    private static final String INGEST_2 = "hq-ingest-2";

    /** One folder for the whole class (a @TempDir field would be replaced per test while the brokers live on). */
    private final Path folder = Files.createTempDirectory("doorstep-broker-contract-");

    private final BrokerPki pki = new BrokerPki();
    private final Map<String, TestBroker> brokers = new HashMap<>();
    private final Map<String, BrokerPki.Identity> hq = new HashMap<>();
    private TestLinks links;

    BrokerContractTest() throws IOException {
    }

    static Stream<String> brokers() {
        return Stream.of("mosquitto", "hivemq");
    }

    private TestBroker broker(String kind) throws Exception {
        if (kind.equals("mosquitto")) {
            assumeTrue(Files.isExecutable(MosquittoBroker.EXECUTABLE), "mosquitto is not installed");
        }
        TestBroker broker = brokers.get(kind);
        if (broker == null) {
            broker = kind.equals("mosquitto") ? new MosquittoBroker(pki, folder.resolve("mosquitto"))
                    : new HiveBroker(pki, folder.resolve("hivemq"));
            brokers.put(kind, broker);
        }
        broker.start();
        links = new TestLinks(broker, pki);
        return broker;
    }

    private BrokerPki.Identity hq(String cn) {
        return hq.computeIfAbsent(cn, pki::enrol);
    }

    @AfterEach
    void closeLinks() {
        if (links != null) {
            links.close();
        }
    }

    @AfterAll
    void stopBrokers() throws IOException {
        brokers.values().forEach(TestBroker::close);
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void deviceWritesItsUpTopicsAndReadsItsDownTopics(String kind) throws Exception {
        broker(kind);
        BrokerPki.Identity device = pki.newDevice();
        Inbox atHq = new Inbox();
        Inbox atDevice = new Inbox();
        TestLinks.Events hqEvents = new TestLinks.Events();
        MqttLink ingest = links.link(hq(INGEST_1), hqEvents);
        ingest.subscribe(Topics.ROOT + device.cn() + "/up/#", atHq);
        startAndAwait(ingest, hqEvents);
        TestLinks.Events deviceEvents = new TestLinks.Events();
        MqttLink laptop = links.link(device, deviceEvents);
        laptop.subscribe(Topics.down(device.cn()), atDevice);
        startAndAwait(laptop, deviceEvents);

        laptop.publish(Topics.of(device.cn(), Topics.HEARTBEAT), utf8("heartbeat 1"));
        atHq.await(Topics.of(device.cn(), Topics.HEARTBEAT), "heartbeat 1", PATIENCE);
        ingest.publish(Topics.of(device.cn(), Topics.COMMAND), utf8("command 1"));
        atDevice.await(Topics.of(device.cn(), Topics.COMMAND), "command 1", PATIENCE);

        assertEquals(1, laptop.counters().messagesPublished());
        assertEquals(utf8("heartbeat 1").length, laptop.counters().bytesPublished());
        assertEquals(1, laptop.counters().messagesReceived());
        assertTrue(deviceEvents.refusedSubscriptions.isEmpty() && hqEvents.refusedSubscriptions.isEmpty(),
                deviceEvents.refusedSubscriptions + " " + hqEvents.refusedSubscriptions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void publishingToAnotherDevicesTopicIsRefusedWithReason135AndNotDelivered(String kind) throws Exception {
        broker(kind);
        BrokerPki.Identity intruder = pki.newDevice();
        BrokerPki.Identity victim = pki.newDevice();
        Inbox atHq = new Inbox();
        TestLinks.Events hqEvents = new TestLinks.Events();
        MqttLink ingest = links.link(hq(INGEST_1), hqEvents);
        ingest.subscribe(Topics.ROOT + victim.cn() + "/up/#", atHq);
        startAndAwait(ingest, hqEvents);
        TestLinks.Events intruderEvents = new TestLinks.Events();
        MqttLink laptop = links.link(intruder, intruderEvents);
        startAndAwait(laptop, intruderEvents);

        PublishRefusedException refused = assertThrows(PublishRefusedException.class,
                () -> laptop.publish(Topics.of(victim.cn(), Topics.CHUNK), utf8("forged chunk")));
        assertEquals(135, refused.reasonCode(), refused.getMessage());
        assertEquals(1, laptop.counters().publishesRefused());

        // the victim's own message, published after the refusal, arrives; the forged one never does
        TestLinks.Events victimEvents = new TestLinks.Events();
        MqttLink victimLink = links.link(victim, victimEvents);
        startAndAwait(victimLink, victimEvents);
        victimLink.publish(Topics.of(victim.cn(), Topics.CHUNK), utf8("genuine chunk"));
        atHq.await(Topics.of(victim.cn(), Topics.CHUNK), "genuine chunk", PATIENCE);
        assertEquals(List.of("genuine chunk"), atHq.messages().stream().map(Inbox.Message::text).toList());

        // the refused link still works (HiveMQ drops the connection after a refusal; the link reconnects)
        await(laptop::isConnected, "the intruder's link to reconnect");
        sendUntilConfirmed(laptop, Topics.of(intruder.cn(), Topics.HEARTBEAT), "still alive");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void deviceNeverReceivesAnotherDevicesDownMessages(String kind) throws Exception {
        broker(kind);
        BrokerPki.Identity snoop = pki.newDevice();
        BrokerPki.Identity other = pki.newDevice();
        Inbox atSnoop = new Inbox();
        TestLinks.Events snoopEvents = new TestLinks.Events();
        MqttLink laptop = links.link(snoop, snoopEvents);
        laptop.subscribe(Topics.down(snoop.cn()), atSnoop);
        startAndAwait(laptop, snoopEvents);
        try {
            laptop.subscribe(Topics.down(other.cn()), atSnoop);
        } catch (SubscriptionRefusedException refused) {
            // HiveMQ refuses the subscription; Mosquitto grants it and then delivers nothing
            assertEquals(135, refused.reasonCode(), refused.getMessage());
        }
        TestLinks.Events hqEvents = new TestLinks.Events();
        MqttLink console = links.link(hq("hq-console"), hqEvents);
        startAndAwait(console, hqEvents);

        console.publish(Topics.of(other.cn(), Topics.COMMAND), utf8("for the other laptop"));
        console.publish(Topics.of(snoop.cn(), Topics.COMMAND), utf8("for the snoop"));
        atSnoop.await(Topics.of(snoop.cn(), Topics.COMMAND), "for the snoop", PATIENCE);
        assertEquals(List.of("for the snoop"), atSnoop.messages().stream().map(Inbox.Message::text).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void messageSentWhileTheDeviceIsOfflineArrivesWhenItReconnects(String kind) throws Exception {
        broker(kind);
        BrokerPki.Identity device = pki.newDevice();
        TestLinks.Events firstEvents = new TestLinks.Events();
        MqttLink first = links.link(device, firstEvents);
        first.subscribe(Topics.down(device.cn()), new Inbox());
        startAndAwait(first, firstEvents);
        first.close(); // the session (with its subscription) stays at the broker

        TestLinks.Events hqEvents = new TestLinks.Events();
        MqttLink ingest = links.link(hq(INGEST_2), hqEvents);
        startAndAwait(ingest, hqEvents);
        ingest.publish(Topics.of(device.cn(), Topics.ACK), utf8("receipt while offline"));

        Inbox atDevice = new Inbox();
        TestLinks.Events againEvents = new TestLinks.Events();
        MqttLink again = links.link(device, againEvents);
        again.subscribe(Topics.down(device.cn()), atDevice);
        startAndAwait(again, againEvents);
        atDevice.await(Topics.of(device.cn(), Topics.ACK), "receipt while offline", PATIENCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void aMessageIsAcknowledgedOnlyAfterItsHandlerReturns(String kind) throws Exception {
        broker(kind);
        BrokerPki.Identity device = pki.newDevice();
        String topic = Topics.of(device.cn(), Topics.COMMAND);
        CountDownLatch handling = new CountDownLatch(1);
        TestLinks.Events events = new TestLinks.Events();
        MqttLink crashing = links.link(device, events);
        crashing.subscribe(Topics.down(device.cn()), (t, payload) -> {
            handling.countDown();
            new CountDownLatch(1).await(); // never finishes: the process "dies" while handling
        });
        startAndAwait(crashing, events);
        TestLinks.Events hqEvents = new TestLinks.Events();
        MqttLink console = links.link(hq("hq-console"), hqEvents);
        startAndAwait(console, hqEvents);
        console.publish(topic, utf8("work order 17"));
        assertTrue(handling.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the handler never got the message");
        crashing.close();

        Inbox atDevice = new Inbox();
        TestLinks.Events againEvents = new TestLinks.Events();
        MqttLink again = links.link(device, againEvents);
        again.subscribe(Topics.down(device.cn()), atDevice);
        startAndAwait(again, againEvents);
        atDevice.await(topic, "work order 17", PATIENCE); // delivered again: it was never acknowledged
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void aHandlerThatThrowsNeitherStopsTheLinkNorGetsTheMessageAgain(String kind) throws Exception {
        broker(kind);
        BrokerPki.Identity device = pki.newDevice();
        String topic = Topics.of(device.cn(), Topics.COMMAND);
        Inbox atDevice = new Inbox();
        TestLinks.Events events = new TestLinks.Events();
        MqttLink laptop = links.link(device, events);
        laptop.subscribe(Topics.down(device.cn()), (t, payload) -> {
            atDevice.handle(t, payload);
            if (new String(payload, StandardCharsets.UTF_8).startsWith("malformed")) {
                throw new IllegalArgumentException("cannot read this command");
            }
        });
        startAndAwait(laptop, events);
        TestLinks.Events hqEvents = new TestLinks.Events();
        MqttLink console = links.link(hq("hq-console"), hqEvents);
        startAndAwait(console, hqEvents);

        console.publish(topic, utf8("malformed command"));
        console.publish(topic, utf8("good command"));
        atDevice.await(topic, "good command", PATIENCE);
        assertEquals(1, events.handlerFailures.size(), events.toString());
        assertTrue(events.handlerFailures.get(0).contains("cannot read this command"), events.toString());
        assertTrue(laptop.isConnected());
        assertEquals(1, laptop.counters().handlerFailures());

        // the failed message was acknowledged: a new connection does not get it again
        laptop.close();
        Inbox afterwards = new Inbox();
        TestLinks.Events againEvents = new TestLinks.Events();
        MqttLink again = links.link(device, againEvents);
        again.subscribe(Topics.down(device.cn()), afterwards);
        startAndAwait(again, againEvents);
        console.publish(topic, utf8("marker"));
        afterwards.await(topic, "marker", PATIENCE);
        assertEquals(List.of("marker"), afterwards.messages().stream().map(Inbox.Message::text).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void twoWorkersOnTheSharedSubscriptionReceiveEveryMessageExactlyOnce(String kind) throws Exception {
        broker(kind);
        Inbox atWorker1 = new Inbox();
        Inbox atWorker2 = new Inbox();
        TestLinks.Events events1 = new TestLinks.Events();
        TestLinks.Events events2 = new TestLinks.Events();
        MqttLink worker1 = links.link(hq(INGEST_1), events1);
        MqttLink worker2 = links.link(hq(INGEST_2), events2);
        worker1.subscribe(Topics.HQ_SHARED_UP, atWorker1);
        worker2.subscribe(Topics.HQ_SHARED_UP, atWorker2);
        startAndAwait(worker1, events1);
        startAndAwait(worker2, events2);
        assertTrue(events1.refusedSubscriptions.isEmpty() && events2.refusedSubscriptions.isEmpty(),
                events1.refusedSubscriptions + " " + events2.refusedSubscriptions);

        List<BrokerPki.Identity> devices = List.of(pki.newDevice(), pki.newDevice());
        Set<String> sent = new HashSet<>();
        for (BrokerPki.Identity device : devices) {
            TestLinks.Events events = new TestLinks.Events();
            MqttLink laptop = links.link(device, events);
            startAndAwait(laptop, events);
            for (int i = 0; i < 30; i++) {
                String text = device.cn() + " chunk " + i;
                laptop.publish(Topics.of(device.cn(), Topics.CHUNK), utf8(text));
                sent.add(text);
            }
        }
        Set<String> ours = devices.stream().map(BrokerPki.Identity::cn).collect(Collectors.toSet());
        await(() -> received(atWorker1, ours).size() + received(atWorker2, ours).size() >= sent.size(),
                "all " + sent.size() + " messages at the workers");
        List<String> all = Stream.concat(received(atWorker1, ours).stream(), received(atWorker2, ours).stream()).toList();
        assertEquals(sent.size(), all.size(), "duplicates: " + all);
        assertEquals(sent, new HashSet<>(all));
        System.out.printf("[%s] shared subscription split %d / %d%n", kind, received(atWorker1, ours).size(),
                received(atWorker2, ours).size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void revokedDeviceCannotConnect(String kind) throws Exception {
        TestBroker broker = broker(kind);
        BrokerPki.Identity revoked = pki.newDevice();
        BrokerPki.Identity valid = pki.newDevice();
        pki.revoke(revoked);
        broker.updateCrl(pki.crl());

        TestLinks.Events events = new TestLinks.Events();
        MqttLink laptop = links.link(revoked, events);
        laptop.start();
        await(() -> events.failures.size() >= 5, "five refused connection attempts");
        assertFalse(laptop.isConnected());
        assertEquals(0, events.connects.get());
        assertTrue(events.failures.stream().allMatch(f -> f.contains("revoked")), events.failures.toString());
        // each refused attempt ends its Paho connect thread (Paho 1.2.5 can leave it spinning for ever)
        long connectThreads = TestLinks.threadsOf(revoked.cn()).stream().filter(n -> n.startsWith("MQTT Con")).count();
        assertTrue(connectThreads <= 1, connectThreads + " Paho connect threads after " + events.failures.size()
                + " attempts: " + TestLinks.threadsOf(revoked.cn()));
        assertThrows(LinkDownException.class, () -> laptop.publish(Topics.of(revoked.cn(), Topics.HEARTBEAT),
                utf8("let me in")));

        TestLinks.Events validEvents = new TestLinks.Events();
        startAndAwait(links.link(valid, validEvents), validEvents);
        System.out.printf("[%s] revoked device refused: %s%n", kind, events.failures.get(0));

        laptop.close(); // while it keeps retrying
        await(() -> TestLinks.threadsOf(revoked.cn()).isEmpty(), "the refused link's threads to end: "
                + TestLinks.threadsOf(revoked.cn()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void aChunkFitsButALargerMessageIsRefusedWithoutLosingTheConnection(String kind) throws Exception {
        broker(kind);
        BrokerPki.Identity device = pki.newDevice();
        Inbox atHq = new Inbox();
        TestLinks.Events hqEvents = new TestLinks.Events();
        MqttLink ingest = links.link(hq(INGEST_1), hqEvents);
        ingest.subscribe(Topics.ROOT + device.cn() + "/up/#", atHq);
        startAndAwait(ingest, hqEvents);
        TestLinks.Events events = new TestLinks.Events();
        MqttLink laptop = links.link(device, events);
        startAndAwait(laptop, events);

        String topic = Topics.of(device.cn(), Topics.CHUNK);
        byte[] chunk = new byte[256 * 1024 + 64]; // a full chunk with its DSC1 header
        laptop.publish(topic, chunk);
        PublishRefusedException refused = assertThrows(PublishRefusedException.class,
                () -> laptop.publish(topic, new byte[300 * 1024]));
        assertEquals(149, refused.reasonCode(), refused.getMessage()); // packet too large
        laptop.publish(Topics.of(device.cn(), Topics.HEARTBEAT), utf8("after the big one"));
        atHq.await(Topics.of(device.cn(), Topics.HEARTBEAT), "after the big one", PATIENCE);
        assertEquals(0, events.disconnects.get(), "the link must not have lost its connection");
        assertEquals(2, atHq.messages().size(), atHq.messages().size() + " messages");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void linksReconnectByThemselvesAfterABrokerRestartAndQueuedMessagesSurviveIt(String kind) throws Exception {
        TestBroker broker = broker(kind);
        BrokerPki.Identity online = pki.newDevice();
        BrokerPki.Identity offline = pki.newDevice();
        Inbox atHq = new Inbox();
        TestLinks.Events hqEvents = new TestLinks.Events();
        MqttLink ingest = links.link(hq(INGEST_1), hqEvents);
        ingest.subscribe(Topics.ROOT + online.cn() + "/up/#", atHq);
        startAndAwait(ingest, hqEvents);
        TestLinks.Events onlineEvents = new TestLinks.Events();
        MqttLink laptop = links.link(online, onlineEvents);
        startAndAwait(laptop, onlineEvents);
        // a session for the offline laptop, and a command queued in it
        TestLinks.Events offlineEvents = new TestLinks.Events();
        MqttLink away = links.link(offline, offlineEvents);
        away.subscribe(Topics.down(offline.cn()), new Inbox());
        startAndAwait(away, offlineEvents);
        away.close();
        ingest.publish(Topics.of(offline.cn(), Topics.COMMAND), utf8("queued before the restart"));

        broker.restart();
        await(() -> onlineEvents.connects.get() >= 2 && hqEvents.connects.get() >= 2, "both links to reconnect");
        sendUntilConfirmed(laptop, Topics.of(online.cn(), Topics.HEARTBEAT), "after the restart");
        atHq.await(Topics.of(online.cn(), Topics.HEARTBEAT), "after the restart", PATIENCE);
        assertTrue(laptop.counters().reconnects() >= 1);
        assertTrue(onlineEvents.disconnects.get() >= 1);

        Inbox atOffline = new Inbox();
        TestLinks.Events backEvents = new TestLinks.Events();
        MqttLink back = links.link(offline, backEvents);
        back.subscribe(Topics.down(offline.cn()), atOffline);
        startAndAwait(back, backEvents);
        try {
            atOffline.await(Topics.of(offline.cn(), Topics.COMMAND), "queued before the restart", PATIENCE);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the returning link: " + backEvents + ", " + back.counters(), e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void closeLeavesNoThreadOfTheLinkBehind(String kind) throws Exception {
        broker(kind);
        BrokerPki.Identity device = pki.newDevice();
        Set<Thread> before = TestLinks.nonDaemonThreads();
        Inbox atDevice = new Inbox();
        TestLinks.Events events = new TestLinks.Events();
        MqttLink laptop = links.link(device, events);
        laptop.subscribe(Topics.down(device.cn()), atDevice);
        startAndAwait(laptop, events);
        laptop.publish(Topics.of(device.cn(), Topics.HEARTBEAT), utf8("beat"));
        assertFalse(TestLinks.threadsOf(device.cn()).isEmpty(), "the link runs threads named for its client");

        laptop.close();
        // close() has ended every loop; the threads themselves may take a moment to terminate
        await(() -> TestLinks.threadsOf(device.cn()).isEmpty(), "the link's threads to end: "
                + TestLinks.threadsOf(device.cn()));
        Set<String> newNonDaemon = TestLinks.nonDaemonThreads().stream().filter(t -> !before.contains(t))
                .map(Thread::getName).filter(name -> !isInProcessBrokerThread(name)).collect(Collectors.toSet());
        assertEquals(Set.of(), newNonDaemon);
    }

    /** Name prefixes of the threads HiveMQ starts on demand; it runs in this JVM during the whole class. */
    private static final List<String> HIVEMQ_THREADS = List.of("hivemq-", "ssl-context-executor",
            "extension-", "embedded-hivemq", "global-traffic-shaper", "scheduled-persistence", "single-writer",
            "persistence-");

    private static boolean isInProcessBrokerThread(String name) {
        return HIVEMQ_THREADS.stream().anyMatch(name::startsWith);
    }

    private static List<String> received(Inbox inbox, Set<String> devices) {
        return inbox.messages(m -> Topics.parse(m.topic()).map(p -> devices.contains(p.deviceId())).orElse(false))
                .stream().map(Inbox.Message::text).toList();
    }

    /** Publishes, retrying while the link is (still or again) down; fails only after the patience runs out. */
    private static void sendUntilConfirmed(MqttLink link, String topic, String text) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                link.publish(topic, utf8(text));
                return;
            } catch (LinkDownException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }
}
