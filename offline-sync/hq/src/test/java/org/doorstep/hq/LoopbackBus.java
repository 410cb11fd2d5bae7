package org.doorstep.hq;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.doorstep.hq.ingest.IngestWorker;
import org.doorstep.sync.client.SyncClient;

/**
 * An in-process stand-in for the broker, for protocol tests that need to control exactly what arrives: it can
 * be cut, and a fault function may drop, duplicate, corrupt or hold back each message. Up messages go to the
 * ingest workers in turn (like a shared subscription), on one delivery thread; HQ's answers go to the client on
 * another. A worker that throws has not dealt with the message, which is then delivered again (an
 * unacknowledged QoS 1 message). The tests against real brokers are in the broker-backed test classes.
 */
public final class LoopbackBus implements SyncClient.Transport, AutoCloseable {

    public record Message(String topic, byte[] payload) {
    }

    private final List<IngestWorker> workers = new ArrayList<>();
    private final LinkedBlockingQueue<Message> up = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Message> down = new LinkedBlockingQueue<>();
    private final AtomicInteger turn = new AtomicInteger();
    private volatile boolean linkUp = true;
    private volatile boolean running = true;
    private volatile Function<Message, List<Message>> fault = List::of;
    private volatile SyncClient client;
    public final AtomicInteger redeliveries = new AtomicInteger();
    private final Thread upThread;
    private final Thread downThread;

    public LoopbackBus() {
        upThread = new Thread(this::deliverUp, "loopback-up");
        downThread = new Thread(this::deliverDown, "loopback-down");
        upThread.setDaemon(true);
        downThread.setDaemon(true);
        upThread.start();
        downThread.start();
    }

    public synchronized void addWorker(IngestWorker worker) {
        workers.add(worker);
    }

    public synchronized void replaceWorker(int index, IngestWorker worker) {
        workers.set(index, worker);
    }

    public void attach(SyncClient c) {
        this.client = c;
        c.connected();
    }

    public void fault(Function<Message, List<Message>> f) {
        this.fault = f;
    }

    /** HQ's side of the bus: what workers reply with. */
    public IngestWorker.Replies replies() {
        return (topic, payload) -> {
            if (!linkUp) {
                throw new IOException("link down");
            }
            down.add(new Message(topic, payload));
        };
    }

    public void cut() {
        linkUp = false;
        SyncClient c = client;
        if (c != null) {
            c.disconnected();
        }
    }

    public void restore() {
        linkUp = true;
        SyncClient c = client;
        if (c != null) {
            c.connected();
        }
    }

    @Override
    public void publish(String topic, byte[] payload) throws IOException {
        if (!linkUp) {
            throw new IOException("link down");
        }
        up.addAll(fault.apply(new Message(topic, payload)));
    }

    /** Puts a message straight onto the up side, as a hostile or broken laptop might. */
    public void inject(String topic, byte[] payload) {
        up.add(new Message(topic, payload));
    }

    private void deliverUp() {
        while (running) {
            Message m;
            try {
                m = up.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (m == null) {
                continue;
            }
            while (running) {
                IngestWorker w;
                synchronized (this) {
                    w = workers.get(Math.floorMod(turn.getAndIncrement(), workers.size()));
                }
                try {
                    w.handle(m.topic(), m.payload());
                    break;
                } catch (Exception e) {
                    redeliveries.incrementAndGet(); // not acknowledged: the broker tries again
                    sleep(20);
                }
            }
        }
    }

    private void deliverDown() {
        while (running) {
            try {
                Message m = down.poll(50, TimeUnit.MILLISECONDS);
                SyncClient c = client;
                if (m != null && c != null && linkUp) {
                    c.messageArrived(m.topic(), m.payload());
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // the laptop could not act on the answer; a later resume query asks again
            }
        }
    }

    /** True when nothing is waiting to be delivered in either direction. */
    public boolean idle() {
        return up.isEmpty() && down.isEmpty();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        upThread.join(5000);
        downThread.join(5000);
    }
}
