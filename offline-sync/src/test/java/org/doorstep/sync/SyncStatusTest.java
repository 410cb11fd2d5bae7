package org.doorstep.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SyncStatusTest {

    @Test
    void aNewLaptopIsOfflineWithNothingToSendAndNoContact() {
        SyncStatus status = SyncStatus.neverConnected();
        assertEquals(LinkState.OFFLINE, status.link());
        assertFalse(status.hasBacklog());
        assertTrue(status.lastContact().isEmpty());
    }

    @Test
    void changesProduceNewValuesAndLeaveTheOldOneAlone() {
        SyncStatus before = SyncStatus.neverConnected();
        Instant when = Instant.parse("2026-11-21T08:00:00Z");
        SyncStatus after = before.withLink(LinkState.ONLINE).withBacklog(3, 4096).contactedAt(when);

        assertEquals(new SyncStatus(LinkState.ONLINE, 3, 4096, Optional.of(when)), after);
        assertTrue(after.hasBacklog());
        assertEquals(SyncStatus.neverConnected(), before);
    }

    @Test
    void rejectsNegativeBacklogWithTheFieldNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyncStatus.neverConnected().withBacklog(-1, 0));
        assertTrue(e.getMessage().contains("backlogCases"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SyncStatus.neverConnected().withBacklog(1, -5));
        assertTrue(e.getMessage().contains("backlogBytes"), e.getMessage());
    }

    @Test
    void rejectsBytesWithoutCases() {
        assertThrows(IllegalArgumentException.class, () -> SyncStatus.neverConnected().withBacklog(0, 10));
    }
}
