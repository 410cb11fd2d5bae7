package org.doorstep.sync.link;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import org.doorstep.sync.LinkState;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.TimerPingSender;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The MQTT 5 link between one client (a laptop, an HQ ingest worker, the HQ console) and the broker, over Paho.
 * It is written around what Paho 1.2.5 does not do for us (the pitfalls, all met in tests, are listed in
 * {@code offline-sync/broker/README.md}):
 *
 * <ul>
 * <li><b>Its own reconnect loop</b>, one daemon thread per link, waiting between attempts with {@link Backoff}
 * (exponential, full jitter, per client) so that a province of laptops does not knock at the same instants after
 * an outage. Paho's automatic reconnect is off: it leaks a thread that no call stops, uses one static delay for
 * every client, and does not subscribe again when the broker lost the session.</li>
 * <li><b>A persistent session</b>: clean start off <em>and</em> a session expiry, so that what HQ sends to an
 * offline laptop waits at the broker. Each connection uses a new Paho client with {@link MemoryPersistence}; the
 * session lives at the broker.</li>
 * <li><b>Every registered subscription is made again after each connect</b>, because the broker may have lost the
 * session (restart without persistence, expiry).</li>
 * <li><b>Acknowledgement after handling</b>: messages are handed to their {@link MessageHandler} on the link's own
 * delivery thread and PUBACKed (Paho's manual acknowledgements) only when the handler has returned. A process that
 * dies meanwhile gets the message again. Handlers may publish: they do not run on Paho's callback thread, whose
 * stall would hold up the very acknowledgement they wait for.</li>
 * <li><b>Routing by subscription identifier</b>: each filter gets a stable identifier derived from its text, so
 * that messages of a {@code $share/…} subscription (whose topic does not look like the filter) reach their
 * handler, also when they were queued for a session that an earlier run of the program made.</li>
 * <li><b>Publishing never silently succeeds</b>: QoS 1, blocking until the PUBACK; a PUBACK with a failure reason
 * (135 "not authorized" and the like — Paho itself reports success) is a {@link PublishRefusedException}; no
 * connection, a dropped connection or no answer in time is a {@link LinkDownException}. A message larger than the
 * broker's maximum packet size is refused before it is sent: Paho would send it and lose the connection.</li>
 * <li><b>Only daemon threads, all ended by {@link #close()}</b>: the connect loop, the delivery thread, a ping
 * scheduler instead of Paho's non-daemon {@code Timer}, and Paho's per-connection threads (started from the
 * connect loop, so daemons too). Attempts still under way are finished or cut off, never left behind.</li>
 * </ul>
 *
 * Use: construct, {@link #subscribe} (before or after {@link #start}), {@link #start}, {@link #publish},
 * {@link #close}. All methods are thread-safe.
 */
public final class MqttLink implements AutoCloseable {

    /** How many unacknowledged messages the broker may push to us at once; bounds the delivery queue. */
    private static final int RECEIVE_MAXIMUM = 20;
    private static final int MAX_SUBSCRIPTION_ID = 268_435_455;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static final Duration ABANDON_GRACE = Duration.ofSeconds(2);

    private final Options options;
    private final Backoff backoff;
    /** Schedules Paho's keep-alive pings (instead of its own non-daemon {@code Timer} thread). */
    private final ScheduledThreadPoolExecutor pinger;
    /** Registered subscriptions by filter, in registration order; guarded by itself, as is {@link #bySubscriptionId}. */
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<Integer, Subscription> bySubscriptionId = new HashMap<>();
    private final List<LinkListener> listeners = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    private final Object lifecycle = new Object();
    private Thread connector;
    private Thread deliverer;
    private volatile boolean closed;
    private volatile boolean endSessionOnClose;
    private volatile Connection current;
    private volatile LinkState state = LinkState.OFFLINE;
    private volatile String lastProblem;

    private final AtomicLong published = new AtomicLong();
    private final AtomicLong publishedBytes = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong receivedBytes = new AtomicLong();
    private final AtomicLong handlerFailures = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();

    public MqttLink(Options options) {
        this.options = Objects.requireNonNull(options, "options");
        this.backoff = new Backoff(options.backoffBase(), options.backoffCap(), new SecureRandom());
        this.pinger = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "doorstep-mqtt-ping-" + options.clientId());
            thread.setDaemon(true);
            return thread;
        });
        pinger.setRemoveOnCancelPolicy(true);
    }

    /**
     * Where and how to connect.
     *
     * @param serverUri             {@code ssl://host:port}; {@code tcp://host:port} only with
     *                              {@code plainTcpForBenchmarks}
     * @param clientId              the MQTT client id: the device id for a laptop, the certificate CN for HQ (the
     *                              embedded broker insists on that), and the key of the persistent session
     * @param sslContext            mutual TLS (see {@link TlsContexts#client}); null only for plain TCP
     * @param plainTcpForBenchmarks true to allow an unencrypted, unauthenticated {@code tcp://} link; for
     *                              measurements on a test broker, never for data
     * @param sessionExpiry         how long the broker keeps the session (and queues messages) while the client is
     *                              away; 1 s to about 136 years
     * @param keepAlive             MQTT keep-alive: how soon a dead connection is noticed
     * @param connectTimeout        how long one connection attempt (TCP, TLS, CONNACK) may take
     * @param backoffBase           first ceiling of the wait between attempts
     * @param backoffCap            largest wait between attempts
     * @param publishTimeout        how long {@link #publish} and a subscription wait for the broker's answer
     */
    public record Options(String serverUri, String clientId, SSLContext sslContext, boolean plainTcpForBenchmarks,
            Duration sessionExpiry, Duration keepAlive, Duration connectTimeout, Duration backoffBase,
            Duration backoffCap, Duration publishTimeout) {

        public static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofDays(7);
        public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
        public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofSeconds(1);
        public static final Duration DEFAULT_BACKOFF_CAP = Duration.ofMinutes(5);
        /** A 256 KiB chunk over a slow mobile link (64 kbit/s) takes about 33 s. */
        public static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(90);

        public Options {
            Objects.requireNonNull(serverUri, "serverUri");
            if (clientId == null || clientId.isBlank() || clientId.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("an MQTT client id is needed, without spaces: '" + clientId + "'");
            }
            URI uri;
            try {
                uri = new URI(serverUri);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a broker address: " + serverUri, e);
            }
            if (uri.getHost() == null || uri.getPort() <= 0) {
                throw new IllegalArgumentException("the broker address needs a host and a port: " + serverUri);
            }
            if ("ssl".equals(uri.getScheme())) {
                if (sslContext == null) {
                    throw new IllegalArgumentException("ssl:// needs a TLS context with the client's certificate");
                }
                if (plainTcpForBenchmarks) {
                    throw new IllegalArgumentException("plainTcpForBenchmarks is for tcp:// addresses only");
                }
            } else if ("tcp".equals(uri.getScheme())) {
                if (!plainTcpForBenchmarks) {
                    throw new IllegalArgumentException("tcp:// sends everything unencrypted and unauthenticated;"
                            + " it is only for benchmarks (Options.plainTcpForBenchmarks): " + serverUri);
                }
                if (sslContext != null) {
                    throw new IllegalArgumentException("a TLS context makes no sense with tcp://: " + serverUri);
                }
            } else {
                throw new IllegalArgumentException("the broker address must start with ssl://: " + serverUri);
            }
            requirePositive(sessionExpiry, "sessionExpiry");
            if (sessionExpiry.toSeconds() < 1 || sessionExpiry.toSeconds() > 0xFFFF_FFFEL) {
                throw new IllegalArgumentException("session expiry must be 1 s to 4294967294 s, not " + sessionExpiry);
            }
            requirePositive(keepAlive, "keepAlive");
            if (keepAlive.toSeconds() < 1 || keepAlive.toSeconds() > 65_535) {
                throw new IllegalArgumentException("keep-alive must be 1 s to 65535 s, not " + keepAlive);
            }
            requirePositive(connectTimeout, "connectTimeout");
            if (connectTimeout.toSeconds() < 1) {
                throw new IllegalArgumentException("the connect timeout must be at least 1 s, not " + connectTimeout);
            }
            requirePositive(backoffBase, "backoffBase");
            requirePositive(backoffCap, "backoffCap");
            if (backoffCap.compareTo(backoffBase) < 0) {
                throw new IllegalArgumentException("backoffCap " + backoffCap + " is below backoffBase " + backoffBase);
            }
            requirePositive(publishTimeout, "publishTimeout");
        }

        /** A mutual-TLS link with the default timings. */
        public static Options tls(String serverUri, String clientId, SSLContext sslContext) {
            return new Options(serverUri, clientId, sslContext, false,
                    DEFAULT_SESSION_EXPIRY, DEFAULT_KEEP_ALIVE, DEFAULT_CONNECT_TIMEOUT, DEFAULT_BACKOFF_BASE,
                    DEFAULT_BACKOFF_CAP, DEFAULT_PUBLISH_TIMEOUT);
        }

        /** An unencrypted, unauthenticated {@code tcp://} link for benchmarks against a test broker. */
        public static Options plainTcpForBenchmarks(String serverUri, String clientId) {
            return new Options(serverUri, clientId, null, true, DEFAULT_SESSION_EXPIRY, DEFAULT_KEEP_ALIVE,
                    DEFAULT_CONNECT_TIMEOUT, DEFAULT_BACKOFF_BASE, DEFAULT_BACKOFF_CAP, DEFAULT_PUBLISH_TIMEOUT);
        }

        public Options withSessionExpiry(Duration expiry) {
            return new Options(serverUri, clientId, sslContext, plainTcpForBenchmarks, expiry, keepAlive,
                    connectTimeout, backoffBase, backoffCap, publishTimeout);
        }

        public Options withKeepAlive(Duration interval) {
            return new Options(serverUri, clientId, sslContext, plainTcpForBenchmarks, sessionExpiry, interval,
                    connectTimeout, backoffBase, backoffCap, publishTimeout);
        }

        public Options withConnectTimeout(Duration timeout) {
            return new Options(serverUri, clientId, sslContext, plainTcpForBenchmarks, sessionExpiry, keepAlive,
                    timeout, backoffBase, backoffCap, publishTimeout);
        }

        public Options withBackoff(Duration base, Duration cap) {
            return new Options(serverUri, clientId, sslContext, plainTcpForBenchmarks, sessionExpiry, keepAlive,
                    connectTimeout, base, cap, publishTimeout);
        }

        public Options withPublishTimeout(Duration timeout) {
            return new Options(serverUri, clientId, sslContext, plainTcpForBenchmarks, sessionExpiry, keepAlive,
                    connectTimeout, backoffBase, backoffCap, timeout);
        }

        private static void requirePositive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, not " + d);
            }
        }
    }

    /**
     * What the link has done since it was made.
     *
     * @param messagesPublished messages the broker confirmed
     * @param bytesPublished    their payload bytes
     * @param publishesRefused  publishes the broker (or its size limit) refused
     * @param messagesReceived  messages handed to handlers (a redelivered message counts again)
     * @param bytesReceived     their payload bytes
     * @param handlerFailures   handler calls that threw, and messages no handler was registered for
     * @param connections       successful connections
     * @param reconnects        successful connections after the first
     */
    public record Counters(long messagesPublished, long bytesPublished, long publishesRefused, long messagesReceived,
            long bytesReceived, long handlerFailures, long connections, long reconnects) {
    }

    public Options options() {
        return options;
    }

    public void addListener(LinkListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(LinkListener listener) {
        listeners.remove(listener);
    }

    /**
     * Starts connecting in the background; returns at once. {@link LinkListener#connected} tells when the link is
     * up.
     *
     * @throws IllegalStateException if the link was closed
     */
    public void start() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("this MQTT link was closed; make a new one");
            }
            if (connector != null) {
                return;
            }
            deliverer = new Thread(this::deliverLoop, "doorstep-mqtt-deliver-" + options.clientId());
            deliverer.setDaemon(true);
            connector = new Thread(this::connectLoop, "doorstep-mqtt-connect-" + options.clientId());
            connector.setDaemon(true);
            state = LinkState.CONNECTING;
            deliverer.start();
            connector.start();
        }
    }

    /** True while a connection is established (publishing can succeed). */
    public boolean isConnected() {
        Connection c = current;
        return c != null && !c.lost.isDone();
    }

    /** OFFLINE before {@link #start} and after {@link #close}, CONNECTING while (re)trying, ONLINE when connected. */
    public LinkState state() {
        return isConnected() ? LinkState.ONLINE : state;
    }

    /** Why the last connection attempt failed or the last connection ended, in words; null if nothing went wrong. */
    public String lastProblem() {
        return lastProblem;
    }

    public Counters counters() {
        long c = connections.get();
        return new Counters(published.get(), publishedBytes.get(), refused.get(), received.get(), receivedBytes.get(),
                handlerFailures.get(), c, Math.max(0, c - 1));
    }

    /**
     * Registers {@code handler} for the messages matching {@code filter} (a topic filter, wildcards and
     * {@code $share/group/…} allowed), now and after every reconnect. While connected, the subscription is made at
     * once and the broker's answer awaited; otherwise it is made on the next connect.
     *
     * @throws SubscriptionRefusedException if the broker refused it just now (the registration is then dropped)
     * @throws IllegalStateException        if the filter already has a handler
     * @throws IllegalArgumentException     if the filter is not a valid MQTT topic filter
     */
    public void subscribe(String filter, MessageHandler handler) throws SubscriptionRefusedException {
        Objects.requireNonNull(handler, "handler");
        TopicFilters.requireValidFilter(filter);
        Subscription subscription;
        synchronized (subscriptions) {
            if (subscriptions.containsKey(filter)) {
                throw new IllegalStateException("a handler is already registered for " + filter);
            }
            subscription = new Subscription(filter, identifierFor(filter), handler);
            subscriptions.put(filter, subscription);
            bySubscriptionId.put(subscription.id, subscription);
        }
        Connection c = current;
        if (c == null || c.lost.isDone()) {
            return;
        }
        try {
            IMqttToken token = send(c, subscription).get(options.publishTimeout().toNanos(), TimeUnit.NANOSECONDS);
            int code = firstReasonCode(token);
            if (ReasonCodes.isFailure(code)) {
                synchronized (subscriptions) {
                    subscriptions.remove(filter);
                    bySubscriptionId.remove(subscription.id);
                }
                throw new SubscriptionRefusedException(filter, code);
            }
        } catch (ExecutionException | TimeoutException e) {
            // the connection dropped or is slow: the registration stands and is made again on the next connect
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Drops the handler of {@code filter} and, while connected, ends the subscription at the broker. Also for a
     * filter this program never registered: a persistent session keeps the subscriptions of earlier runs, and
     * messages arriving through one nobody handles are reported ({@link LinkListener#handlerFailed}) and
     * acknowledged — for a shared subscription, that takes them from the other members of the group.
     *
     * @throws LinkDownException if connected but the broker did not confirm; the registration is gone regardless
     */
    public void unsubscribe(String filter) throws LinkDownException {
        TopicFilters.requireValidFilter(filter);
        synchronized (subscriptions) {
            Subscription removed = subscriptions.remove(filter);
            if (removed != null) {
                bySubscriptionId.remove(removed.id);
            }
        }
        Connection c = current;
        if (c == null || c.lost.isDone()) {
            return;
        }
        CompletableFuture<IMqttToken> answered = new CompletableFuture<>();
        try {
            c.client.unsubscribe(new String[] {filter}, null, completing(answered), new MqttProperties());
            answered.get(options.publishTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (MqttException | ExecutionException | TimeoutException e) {
            throw new LinkDownException("the broker did not confirm ending the subscription " + filter, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkDownException("interrupted while ending the subscription " + filter);
        }
    }

    /**
     * Publishes {@code payload} to {@code topic} with QoS 1 and waits until the broker has confirmed it.
     *
     * @throws LinkDownException        not connected, the connection dropped before the confirmation, no
     *                                  confirmation within the publish timeout, or the calling thread was interrupted
     *                                  (its interrupt flag is then set again)
     * @throws PublishRefusedException  the broker answered with a failure reason code, or the message is larger
     *                                  than the broker's maximum packet size (then it is not sent at all: the broker
     *                                  would drop the connection)
     * @throws IllegalArgumentException the topic is not a valid topic name (empty, or with wildcards)
     */
    public void publish(String topic, byte[] payload) throws LinkDownException, PublishRefusedException {
        TopicFilters.requireValidTopicName(topic);
        Objects.requireNonNull(payload, "payload");
        Connection c = current;
        if (c == null || c.lost.isDone()) {
            String problem = lastProblem;
            throw new LinkDownException("not connected to the broker" + (problem == null ? "" : ": " + problem));
        }
        long size = publishPacketSize(topic, payload.length);
        if (c.maximumPacketSize != null && size > c.maximumPacketSize) {
            refused.incrementAndGet();
            throw new PublishRefusedException(topic, ReasonCodes.PACKET_TOO_LARGE, "the message would be " + size
                    + " bytes on the wire; the broker accepts at most " + c.maximumPacketSize);
        }
        long deadline = System.nanoTime() + options.publishTimeout().toNanos();
        try {
            if (!c.inFlight.tryAcquire(options.publishTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                throw new LinkDownException("the broker has not confirmed earlier messages within "
                        + options.publishTimeout().toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkDownException("interrupted while waiting to publish");
        }
        try {
            MqttMessage message = new MqttMessage(payload);
            message.setQos(1);
            CompletableFuture<IMqttToken> answered = new CompletableFuture<>();
            IMqttToken token;
            try {
                token = c.client.publish(topic, message, null, completing(answered));
            } catch (MqttException e) {
                throw new LinkDownException("could not send the message: " + Causes.describe(e), e);
            }
            try {
                CompletableFuture.anyOf(answered, c.lost).get(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                // the token says what happened
            } catch (TimeoutException e) {
                throw new LinkDownException("the broker did not confirm the message within "
                        + options.publishTimeout().toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LinkDownException("interrupted while waiting for the broker to confirm the message");
            }
            // The token is completed by Paho's receiver thread as soon as the PUBACK arrives, before it would notice
            // a disconnect; so a refusal followed by a disconnect (HiveMQ does that) still reads as a refusal.
            if (token.isComplete() && token.getException() == null) {
                int code = firstReasonCode(token);
                if (ReasonCodes.isFailure(code)) {
                    refused.incrementAndGet();
                    MqttProperties properties = token.getResponseProperties();
                    throw new PublishRefusedException(topic, code, properties == null ? null : properties.getReasonString());
                }
                published.incrementAndGet();
                publishedBytes.addAndGet(payload.length);
                return;
            }
            if (token.getException() != null) {
                throw new LinkDownException("the message was not confirmed: " + Causes.describe(token.getException()),
                        token.getException());
            }
            throw new LinkDownException("the connection dropped before the broker confirmed the message: "
                    + c.lost.getNow("the connection ended"));
        } finally {
            c.inFlight.release();
        }
    }

    /**
     * Stops reconnecting, disconnects (the session stays at the broker for its expiry) and ends every thread of the
     * link. Messages received but not yet handled are not acknowledged: the broker delivers them again to the next
     * connection with this client id. Idempotent.
     */
    @Override
    public void close() {
        closeLink();
    }

    /**
     * Closes the link and ends its session at the broker (DISCONNECT with session expiry 0): for a member of a
     * shared subscription that goes away for good (an ingest worker shut down), whose session would otherwise keep
     * taking its share of messages until it expired. A laptop never does this: its session keeps HQ's answers.
     */
    public void closeEndingSession() {
        endSessionOnClose = true;
        closeLink();
    }

    private void closeLink() {
        Thread connectorThread;
        Thread delivererThread;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            connectorThread = connector;
            delivererThread = deliverer;
        }
        stopAndJoin(connectorThread);
        stopAndJoin(delivererThread);
        pinger.shutdownNow();
        try {
            pinger.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        current = null;
        state = LinkState.OFFLINE;
    }

    @Override
    public String toString() {
        return "MqttLink[" + options.clientId() + " → " + options.serverUri() + ", " + state() + "]";
    }

    // ---- connection loop ---------------------------------------------------------------------------------------

    private void connectLoop() {
        try {
            while (!closed) {
                Connection c;
                try {
                    c = connect();
                } catch (ConnectFailed failed) {
                    lastProblem = failed.getMessage();
                    Duration wait = backoff.nextDelay();
                    notifyListeners(l -> l.connectFailed(failed.getMessage(), wait));
                    if (!pause(wait)) {
                        return;
                    }
                    continue;
                }
                current = c;
                connections.incrementAndGet();
                resubscribe(c);
                if (!c.lost.isDone()) {
                    backoff.reset();
                    lastProblem = null;
                    notifyListeners(l -> l.connected(c.sessionPresent));
                }
                String cause = c.lost.get();
                current = null;
                state = LinkState.CONNECTING;
                lastProblem = cause;
                notifyListeners(l -> l.disconnected(cause));
                dispose(c);
                if (!pause(backoff.nextDelay())) {
                    return;
                }
            }
        } catch (InterruptedException | ExecutionException closing) {
            // close() interrupts this thread; the connection is ended below
        } finally {
            Connection c = current;
            current = null;
            if (c != null) {
                Thread.interrupted(); // Paho's shutdown sleeps; let it
                disconnect(c);
            }
            state = LinkState.OFFLINE;
        }
    }

    private Connection connect() throws ConnectFailed, InterruptedException {
        MqttAsyncClient client;
        try {
            // No executor: Paho then starts its own threads, from this daemon thread, so they are daemons too (with
            // an executor, Paho spins forever waiting for a task the executor no longer runs once it is shut down)
            client = new MqttAsyncClient(options.serverUri(), options.clientId(), new MemoryPersistence(),
                    new TimerPingSender(pinger), null);
        } catch (MqttException e) {
            throw new ConnectFailed("cannot set up the MQTT client: " + Causes.describe(e));
        }
        Connection c = new Connection(client);
        // before connect: a message arriving before the callback exists would be dropped without PUBACK
        client.setCallback(new Callback(c));
        client.setManualAcks(true);
        CompletableFuture<IMqttToken> answered = new CompletableFuture<>();
        IMqttToken attempt = null;
        WatchedSocketFactory tls = options.sslContext() == null ? null
                : new WatchedSocketFactory(options.sslContext().getSocketFactory());
        try {
            attempt = client.connect(connectionOptions(tls), null, completing(answered));
            IMqttToken token = answered.get(options.connectTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            c.established(token);
            return c;
        } catch (MqttException e) {
            dispose(c);
            throw new ConnectFailed(Causes.describe(e));
        } catch (ExecutionException e) {
            dispose(c);
            // a refusing CONNACK may explain itself (HiveMQ: "the client certificate has been revoked")
            MqttProperties connack = attempt == null ? null : attempt.getResponseProperties();
            String reason = connack == null ? null : connack.getReasonString();
            String cause = Causes.describe(e.getCause());
            if (tls != null && !tls.handshakeCompleted() && Causes.isBrokenConnection(e.getCause())) {
                cause = "the broker broke off the TLS handshake (" + cause + "): most likely it did not accept this"
                        + " client's certificate (revoked, expired, or issued by another CA)";
            }
            throw new ConnectFailed(cause + (reason == null || reason.isBlank() ? "" : " (" + reason + ")"));
        } catch (TimeoutException e) {
            abandon(c, answered);
            throw new ConnectFailed("no answer from " + options.serverUri() + " within "
                    + options.connectTimeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            abandon(c, answered);
            throw e;
        }
    }

    private MqttConnectionOptions connectionOptions(WatchedSocketFactory tls) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(options.sessionExpiry().toSeconds());
        o.setKeepAliveInterval((int) options.keepAlive().toSeconds());
        o.setConnectionTimeout((int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toSeconds()));
        o.setAutomaticReconnect(false);
        o.setReceiveMaximum(RECEIVE_MAXIMUM);
        o.setHttpsHostnameVerificationEnabled(true);
        if (options.sslContext() != null) {
            o.setSocketFactory(tls);
        }
        return o;
    }

    /** Makes every registered subscription on a new connection; refusals go to the listeners. */
    private void resubscribe(Connection c) throws InterruptedException {
        List<Subscription> all;
        synchronized (subscriptions) {
            all = new ArrayList<>(subscriptions.values());
        }
        Map<Subscription, CompletableFuture<IMqttToken>> answers = new LinkedHashMap<>();
        for (Subscription s : all) {
            answers.put(s, send(c, s));
        }
        long deadline = System.nanoTime() + options.publishTimeout().toNanos();
        for (Map.Entry<Subscription, CompletableFuture<IMqttToken>> answer : answers.entrySet()) {
            try {
                IMqttToken token = answer.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                int code = firstReasonCode(token);
                if (ReasonCodes.isFailure(code)) {
                    Subscription s = answer.getKey();
                    notifyListeners(l -> l.subscriptionRefused(s.filter, code, ReasonCodes.describe(code)));
                }
            } catch (ExecutionException | TimeoutException e) {
                return; // the connection is going down; the loop notices through c.lost
            }
        }
    }

    /** Sends one SUBSCRIBE with the subscription's own identifier; the future completes with the SUBACK. */
    private CompletableFuture<IMqttToken> send(Connection c, Subscription s) {
        CompletableFuture<IMqttToken> answered = new CompletableFuture<>();
        MqttProperties properties = new MqttProperties();
        properties.setSubscriptionIdentifier(s.id);
        try {
            c.client.subscribe(new MqttSubscription[] {new MqttSubscription(s.filter, 1)}, null, completing(answered),
                    properties);
        } catch (MqttException e) {
            answered.completeExceptionally(e);
        }
        return answered;
    }

    /**
     * Sends DISCONNECT (the session stays: its expiry was set at connect) and waits until it is on the wire. Not
     * Paho's {@code disconnectForcibly}, which always waits its full timeout for a DISCONNECT that has no answer.
     */
    private void disconnect(Connection c) {
        try {
            MqttProperties properties = new MqttProperties();
            if (closed && endSessionOnClose) {
                properties.setSessionExpiryInterval(0L);
            }
            IMqttToken token = c.client.disconnect(0, null, null, 0, properties);
            token.waitForCompletion(CLOSE_WAIT.toMillis() / 2);
        } catch (MqttException | RuntimeException e) {
            // already gone, or the DISCONNECT could not be sent: the broker sees the connection drop instead
        }
        dispose(c);
    }

    /**
     * Ends a connection attempt that is still under way, so that no half-made connection lives on after the link
     * has moved on or closed. First it lets the attempt finish for a moment: Paho's connect thread, if its socket
     * is closed while it starts its receiver, waits for ever for a receiver that has already quit. Only an attempt
     * still stuck after that (a stalled network: the thread is then inside the TLS handshake, where closing the
     * socket is safe) is cut off.
     */
    private void abandon(Connection c, CompletableFuture<IMqttToken> answered) {
        boolean interrupted = Thread.interrupted();
        try {
            answered.get(ABANDON_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            disconnect(c); // it connected after all: end it properly (the session stays)
        } catch (ExecutionException e) {
            dispose(c); // it failed by itself
        } catch (TimeoutException e) {
            try {
                c.client.disconnectForcibly(0, 0, false);
                answered.get(ABANDON_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (MqttException | ExecutionException | TimeoutException | RuntimeException stuck) {
                // cut off as far as Paho allows
            } catch (InterruptedException again) {
                interrupted = true;
            }
            dispose(c);
        } catch (InterruptedException e) {
            interrupted = true;
            dispose(c);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void dispose(Connection c) {
        try {
            c.client.close(true);
        } catch (MqttException | RuntimeException e) {
            // nothing left to release
        }
    }

    /** Sleeps for the back-off; false if the link is closing. */
    private boolean pause(Duration wait) {
        if (closed) {
            return false;
        }
        try {
            Thread.sleep(wait);
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    // ---- delivery ---------------------------------------------------------------------------------------------

    private void deliverLoop() {
        while (!closed) {
            Delivery d;
            try {
                d = deliveries.take();
            } catch (InterruptedException e) {
                return;
            }
            if (closed) {
                return; // unacknowledged: delivered again to the next connection
            }
            deliver(d);
        }
    }

    private void deliver(Delivery d) {
        List<Subscription> targets = route(d.topic, d.message.getProperties().getSubscriptionIdentifiers());
        byte[] payload = d.message.getPayload();
        received.incrementAndGet();
        receivedBytes.addAndGet(payload.length);
        boolean acknowledge = true;
        if (targets.isEmpty()) {
            handlerFailures.incrementAndGet();
            IllegalStateException unrouted = new IllegalStateException(
                    "no handler is registered for the subscription this message came through (left in the"
                            + " session by an earlier run? unsubscribe ends it); the message was dropped");
            notifyListeners(l -> l.handlerFailed(d.topic, unrouted));
        }
        for (int i = 0; i < targets.size(); i++) {
            Subscription s = targets.get(i);
            try {
                s.handler.handle(d.topic, i == 0 ? payload : payload.clone());
            } catch (Exception e) {
                handlerFailures.incrementAndGet();
                notifyListeners(l -> l.handlerFailed(d.topic, e));
            } catch (Error e) {
                // not acknowledged: the broker offers it again on the next connection
                acknowledge = false;
                handlerFailures.incrementAndGet();
                Exception wrapped = new IllegalStateException("the handler failed with " + e, e);
                notifyListeners(l -> l.handlerFailed(d.topic, wrapped));
            }
        }
        if (acknowledge) {
            acknowledge(d);
        }
    }

    private void acknowledge(Delivery d) {
        if (d.message.getQos() == 0) {
            return;
        }
        Connection c = d.connection;
        // packet ids belong to one connection; after a reconnect the broker sends the message again anyway
        if (c != current || c.lost.isDone()) {
            return;
        }
        try {
            c.client.messageArrivedComplete(d.message.getId(), d.message.getQos());
        } catch (MqttException | RuntimeException e) {
            // the connection went away meanwhile; the broker delivers the message again
        }
    }

    /**
     * The subscriptions a message belongs to: those named by its subscription identifiers; only a message without
     * any (a broker that does not support them) is matched by topic. A message whose identifiers are all unknown
     * came through a subscription the session still has but this program no longer registers: matching it by
     * topic would hand it to some other handler a second time.
     */
    private List<Subscription> route(String topic, List<Integer> identifiers) {
        List<Subscription> targets = new ArrayList<>(1);
        synchronized (subscriptions) {
            if (!identifiers.isEmpty()) {
                for (Integer id : identifiers) {
                    Subscription s = bySubscriptionId.get(id);
                    if (s != null && !targets.contains(s) && TopicFilters.matches(s.filter, topic)) {
                        targets.add(s);
                    }
                }
                return targets;
            }
            for (Subscription s : subscriptions.values()) {
                if (TopicFilters.matches(s.filter, topic)) {
                    targets.add(s);
                }
            }
        }
        return targets;
    }

    /**
     * A subscription identifier derived from the filter's text, so that it stays the same across runs of the
     * program: messages queued for a persistent session carry the identifier of the subscription that an earlier
     * run made. Collisions (rare) move to the next free value. Caller holds {@code subscriptions}.
     */
    private int identifierFor(String filter) {
        int id = Math.floorMod(filter.hashCode(), MAX_SUBSCRIPTION_ID) + 1;
        while (bySubscriptionId.containsKey(id)) {
            id = id % MAX_SUBSCRIPTION_ID + 1;
        }
        return id;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private void notifyListeners(Consumer<LinkListener> event) {
        for (LinkListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException ignored) {
                // a listener's failure is its own business
            }
        }
    }

    private static void stopAndJoin(Thread thread) {
        if (thread == null) {
            return;
        }
        thread.interrupt();
        if (thread == Thread.currentThread()) {
            return; // close() from a handler or listener: the thread ends when it returns
        }
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static MqttActionListener completing(CompletableFuture<IMqttToken> future) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                future.complete(token);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                future.completeExceptionally(failure != null ? failure : new MqttException(0));
            }
        };
    }

    private static int firstReasonCode(IMqttToken token) {
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    /** Bytes of a QoS 1 PUBLISH without properties: fixed header, topic, packet id, property length, payload. */
    static long publishPacketSize(String topic, int payloadLength) {
        long remaining = 2L + topic.getBytes(StandardCharsets.UTF_8).length + 2 + 1 + payloadLength;
        int lengthBytes = remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
        return 1 + lengthBytes + remaining;
    }

    /** One connection: a Paho client used for this connection only. */
    private static final class Connection {
        final MqttAsyncClient client;
        /** Completed with the cause, in words, when the connection ends. */
        final CompletableFuture<String> lost = new CompletableFuture<>();
        volatile boolean sessionPresent;
        volatile Long maximumPacketSize;
        volatile Semaphore inFlight = new Semaphore(RECEIVE_MAXIMUM);

        Connection(MqttAsyncClient client) {
            this.client = client;
        }

        void established(IMqttToken connack) {
            sessionPresent = connack.getSessionPresent();
            MqttProperties properties = connack.getResponseProperties();
            if (properties != null) {
                maximumPacketSize = properties.getMaximumPacketSize();
                Integer receiveMaximum = properties.getReceiveMaximum();
                if (receiveMaximum != null && receiveMaximum > 0) {
                    inFlight = new Semaphore(receiveMaximum);
                }
            }
        }
    }

    private final class Callback implements MqttCallback {
        private final Connection connection;

        Callback(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            connection.lost.complete(Causes.describe(response));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            lastProblem = Causes.describe(exception);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            deliveries.add(new Delivery(connection, topic, message));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // publish() waits on the token itself
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // the connect loop learns it from the connect token
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication: the TLS client certificate is the credential
        }
    }

    private record Subscription(String filter, int id, MessageHandler handler) {
    }

    private record Delivery(Connection connection, String topic, MqttMessage message) {
    }

    /** A failed connection attempt, described in words. */
    private static final class ConnectFailed extends Exception {
        private static final long serialVersionUID = 1L;

        ConnectFailed(String message) {
            super(message, null, false, false);
        }
    }
}
