package org.doorstep.hq.admin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every laptop HQ knows, and the ingest workers taking what they send, read in one go at {@link #readAt}: an
 * immutable snapshot the console can render.
 */
public record DeviceBoard(Instant readAt, List<DeviceView> devices, List<IngestWorkerView> workers) {

    public DeviceBoard {
        devices = List.copyOf(devices);
        workers = List.copyOf(workers);
    }

    /** A board of laptops only (no worker on record). */
    public DeviceBoard(Instant readAt, List<DeviceView> devices) {
        this(readAt, devices, List.of());
    }

    /** The workers in {@code state}. */
    public List<IngestWorkerView> workers(IngestWorkerView.State state) {
        return workers.stream().filter(w -> w.state() == state).toList();
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
