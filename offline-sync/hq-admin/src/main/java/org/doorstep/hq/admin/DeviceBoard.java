package org.doorstep.hq.admin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every laptop HQ knows, read in one go at {@link #readAt}: an immutable snapshot the console can render. */
public record DeviceBoard(Instant readAt, List<DeviceView> devices) {

    public DeviceBoard {
        devices = List.copyOf(devices);
    }

    public Optional<DeviceView> device(String deviceId) {
        return devices.stream().filter(d -> d.deviceId().equals(deviceId)).findFirst();
    }

    public long totalBacklogCases() {
        return devices.stream().mapToLong(DeviceView::backlogCases).sum();
    }

    public long totalDelivered() {
        return devices.stream().mapToLong(DeviceView::delivered).sum();
    }
}
