package org.doorstep.hq.broker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.doorstep.sync.link.LinkListener;
import org.doorstep.sync.link.MqttLink;

/** Links with test timings (quick back-off, short timeouts against hanging) and waiting helpers. */
final class TestLinks implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    /** Records what a link reports. */
    static final class Events implements LinkListener {
        final AtomicInteger connects = new AtomicInteger();
        final AtomicInteger disconnects = new AtomicInteger();
        final List<String> failures = new CopyOnWriteArrayList<>();
        final List<String> refusedSubscriptions = new CopyOnWriteArrayList<>();
        final List<Boolean> sessionPresent = new CopyOnWriteArrayList<>();
        final List<String> handlerFailures = new CopyOnWriteArrayList<>();

        @Override
        public void connected(boolean present) {
            sessionPresent.add(present);
            connects.incrementAndGet();
        }

        @Override
        public void disconnected(String cause) {
            disconnects.incrementAndGet();
        }

        @Override
        public void connectFailed(String cause, Duration retryIn) {
            failures.add(cause);
        }

        @Override
        public void subscriptionRefused(String filter, int reasonCode, String description) {
            refusedSubscriptions.add(filter + ": " + description);
        }

        @Override
        public void handlerFailed(String topic, Exception failure) {
            handlerFailures.add(topic + ": " + failure);
        }

        @Override
        public String toString() {
            return "connects " + connects + " (session present " + sessionPresent + "), disconnects " + disconnects
                    + ", failures " + failures + ", refused subscriptions " + refusedSubscriptions
                    + ", handler failures " + handlerFailures;
        }
    }

    private final TestBroker broker;
    private final BrokerPki pki;
    private final List<MqttLink> links = new ArrayList<>();

    TestLinks(TestBroker broker, BrokerPki pki) {
        this.broker = broker;
        this.pki = pki;
    }

    MqttLink.Options options(BrokerPki.Identity identity) {
        return MqttLink.Options.tls(broker.serverUri(), identity.cn(), pki.tls(identity))
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .withConnectTimeout(Duration.ofSeconds(10))
                .withPublishTimeout(Duration.ofSeconds(20));
    }

    /** A link for {@code identity}, not started; closed with this object. */
    MqttLink link(BrokerPki.Identity identity, Events events) {
        MqttLink link = new MqttLink(options(identity));
        link.addListener(events);
        synchronized (links) {
            links.add(link);
        }
        return link;
    }

    /** Starts the link and waits for its first connection (with its subscriptions made). */
    static void startAndAwait(MqttLink link, Events events) throws InterruptedException {
        int before = events.connects.get();
        link.start();
        await(() -> events.connects.get() > before, "connection of " + link + "; failures " + events.failures);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Names of live threads that mention {@code clientId} (every thread of a link does). */
    static Set<String> threadsOf(String clientId) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.contains(clientId)).collect(Collectors.toSet());
    }

    static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    @Override
    public void close() {
        synchronized (links) {
            links.forEach(MqttLink::close);
            links.clear();
        }
    }
}
