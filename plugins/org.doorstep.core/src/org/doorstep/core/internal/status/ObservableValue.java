package org.doorstep.core.internal.status;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.doorstep.core.status.Subscription;

/**
 * A value with listeners. Publishing is serialised so that listeners see values in the order they were
 * set; a listener that throws is logged and does not stop the others.
 */
public final class ObservableValue<T> {

    private static final Logger LOG = Logger.getLogger(ObservableValue.class.getName());

    private final List<Consumer<? super T>> listeners = new CopyOnWriteArrayList<>();
    private T value;

    public ObservableValue(T initial) {
        this.value = Objects.requireNonNull(initial, "initial");
    }

    public synchronized T get() {
        return value;
    }

    public synchronized void set(T newValue) {
        Objects.requireNonNull(newValue, "newValue");
        if (newValue.equals(value)) {
            return;
        }
        value = newValue;
        listeners.forEach(l -> notify(l, newValue));
    }

    public synchronized Subscription subscribe(Consumer<? super T> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        notify(listener, value);
        return () -> listeners.remove(listener);
    }

    private static <T> void notify(Consumer<? super T> listener, T value) {
        try {
            listener.accept(value);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "status listener failed", e);
        }
    }
}
