package org.doorstep.core.internal.status;

import java.util.function.Consumer;

import org.doorstep.core.status.DeviceStatus;
import org.doorstep.core.status.DeviceStatusService;
import org.doorstep.core.status.Subscription;
import org.osgi.service.component.annotations.Component;

/**
 * Holds the device status. Until the vault bundle sets the laptop up, the truth is "not enrolled"; the
 * vault publishes every later change through {@link #publish(DeviceStatus)}.
 */
@Component(service = { DeviceStatusService.class, DeviceStatusComponent.class })
public final class DeviceStatusComponent implements DeviceStatusService {

    private final ObservableValue<DeviceStatus> status = new ObservableValue<>(DeviceStatus.notEnrolled());

    @Override
    public DeviceStatus current() {
        return status.get();
    }

    @Override
    public Subscription subscribe(Consumer<DeviceStatus> listener) {
        return status.subscribe(listener);
    }

    public void publish(DeviceStatus newStatus) {
        status.set(newStatus);
    }
}
