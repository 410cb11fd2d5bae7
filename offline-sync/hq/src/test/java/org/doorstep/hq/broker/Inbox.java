package org.doorstep.hq.broker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.doorstep.sync.link.MessageHandler;

/** A {@link MessageHandler} that keeps what it receives, for tests to wait on. */
final class Inbox implements MessageHandler {

    record Message(String topic, String text) {
    }

    private final List<Message> messages = new ArrayList<>();

    @Override
    public synchronized void handle(String topic, byte[] payload) {
        messages.add(new Message(topic, new String(payload, StandardCharsets.UTF_8)));
        notifyAll();
    }

    synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    synchronized List<Message> messages(Predicate<Message> filter) {
        return messages.stream().filter(filter).toList();
    }

    /** Waits until a message satisfies {@code wanted}; fails after {@code timeout} (only against hanging). */
    synchronized Message await(Predicate<Message> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Message m : messages) {
                if (wanted.test(m)) {
                    return m;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no such message within " + timeout + "; received " + messages);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    Message await(String topic, String text, Duration timeout) throws InterruptedException {
        return await(m -> m.topic().equals(topic) && m.text().equals(text), timeout);
    }
}
