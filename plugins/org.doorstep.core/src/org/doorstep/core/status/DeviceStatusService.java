package org.doorstep.core.status;

import java.util.function.Consumer;

/** Publishes the laptop's {@link DeviceStatus}. Listeners may be called on any thread. */
public interface DeviceStatusService {

    DeviceStatus current();

    /** Calls {@code listener} with the current value at once and again on every change. */
    Subscription subscribe(Consumer<DeviceStatus> listener);
}
