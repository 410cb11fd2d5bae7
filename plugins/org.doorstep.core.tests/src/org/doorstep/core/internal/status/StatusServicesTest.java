package org.doorstep.core.internal.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.doorstep.core.status.DeviceState;
import org.doorstep.core.status.DeviceStatus;
import org.doorstep.core.status.DeviceStatusService;
import org.doorstep.core.status.Subscription;
import org.doorstep.core.status.SyncStatusService;
import org.doorstep.sync.LinkState;
import org.doorstep.sync.SyncStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The status services are real DS components, registered by the service component runtime. */
class StatusServicesTest {

    private final List<ServiceTracker<?, ?>> trackers = new CopyOnWriteArrayList<>();
    private BundleContext context;

    @BeforeEach
    void findBundleContext() {
        Bundle core = FrameworkUtil.getBundle(DeviceStatusService.class);
        assertNotNull(core, "org.doorstep.core is not running inside OSGi");
        context = core.getBundleContext();
        assertNotNull(context, "org.doorstep.core is not started (state " + core.getState() + ")");
    }

    @AfterEach
    void closeTrackers() {
        trackers.forEach(ServiceTracker::close);
    }

    @Test
    void deviceStatusServiceIsRegisteredAndReportsNotEnrolledOnAFreshLaptop() throws Exception {
        DeviceStatusService service = service(DeviceStatusService.class);
        assertEquals(DeviceState.NOT_ENROLLED, service.current().state());
    }

    @Test
    void syncStatusServiceIsRegisteredAndReportsOfflineWithNoBacklog() throws Exception {
        SyncStatusService service = service(SyncStatusService.class);
        assertEquals(SyncStatus.neverConnected(), service.current());
    }

    @Test
    void subscribersGetTheCurrentValueAtOnceThenEveryChangeUntilTheyUnsubscribe() throws Exception {
        SyncStatusService service = service(SyncStatusService.class);
        SyncStatusComponent publisher = assertInstanceOf(SyncStatusComponent.class, service);
        SyncStatus before = service.current();
        List<SyncStatus> seen = new CopyOnWriteArrayList<>();
        try {
            Subscription subscription = service.subscribe(seen::add);
            SyncStatus online = before.withLink(LinkState.ONLINE).withBacklog(2, 1000)
                    .contactedAt(Instant.parse("2026-11-21T09:00:00Z"));
            publisher.publish(online);
            publisher.publish(online); // unchanged: no second notification
            subscription.close();
            publisher.publish(online.withLink(LinkState.OFFLINE));

            assertEquals(List.of(before, online), seen);
        } finally {
            publisher.publish(before);
        }
    }

    @Test
    void aFailingListenerDoesNotKeepOthersFromBeingNotified() throws Exception {
        DeviceStatusService service = service(DeviceStatusService.class);
        DeviceStatusComponent publisher = assertInstanceOf(DeviceStatusComponent.class, service);
        DeviceStatus before = service.current();
        List<DeviceStatus> seen = new CopyOnWriteArrayList<>();
        try (Subscription failing = service.subscribe(s -> {
            throw new IllegalStateException("listener bug");
        }); Subscription working = service.subscribe(seen::add)) {
            DeviceStatus locked = new DeviceStatus(DeviceState.LOCKED, Optional.of("FIELD-07"), Optional.empty());
            publisher.publish(locked);
            assertEquals(List.of(before, locked), seen);
        } finally {
            publisher.publish(before);
        }
    }

    @Test
    void everyConsumerSharesTheSameInstance() throws Exception {
        assertSame(service(DeviceStatusService.class), service(DeviceStatusService.class));
    }

    private <S> S service(Class<S> type) throws InterruptedException {
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        trackers.add(tracker);
        S service = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
        assertNotNull(service, type.getSimpleName() + " was not registered by the DS runtime");
        return service;
    }
}
