package org.doorstep.sync.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class OutboxTest {

    private static final Instant MORNING = Instant.parse("2026-11-21T08:00:00Z");
    private final Clock noon = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

    private static OutboxEntry entry(String caseId, boolean urgent, int minutesAfterEight, long bytes) {
        return new OutboxEntry(UUID.nameUUIDFromBytes(caseId.getBytes()), caseId, urgent,
                MORNING.plus(Duration.ofMinutes(minutesAfterEight)), bytes, false);
    }

    @Test
    void urgentCasesGoFirstThenTheOldest() throws Exception {
        Outbox outbox = new Outbox(10, 10_000_000, noon);
        outbox.enqueue(entry("old", false, 0, 100));
        outbox.enqueue(entry("newer", false, 30, 100));
        outbox.enqueue(entry("urgent-late", true, 90, 100));
        outbox.enqueue(entry("urgent-early", true, 60, 100));
        List<String> order = new ArrayList<>();
        for (Optional<OutboxEntry> next; (next = outbox.next()).isPresent();) {
            order.add(next.get().caseId());
            outbox.markSent(next.get().packetId());
        }
        assertEquals(List.of("urgent-early", "urgent-late", "old", "newer"), order);
    }

    @Test
    void aFullOutboxRefusesRoomSaysSoAndNeverEvictsOrDropsASealedPacket() throws Exception {
        Outbox outbox = new Outbox(2, 1000, noon);
        outbox.enqueue(entry("a", false, 0, 400));
        assertFalse(outbox.progress().full());
        outbox.enqueue(entry("b", false, 1, 400));
        assertTrue(outbox.progress().full(), "two of two packets");
        OutboxFullException byCount = assertThrows(OutboxFullException.class, () -> outbox.requireRoom(10));
        assertTrue(byCount.getMessage().contains("the outbox is full: 2 packets, 800 bytes wait for HQ (at most 2 packets,"
                + " 1000 bytes)"), byCount.getMessage());
        assertTrue(outbox.progress().fullNotice().orElseThrow().startsWith("the outbox is full: 2 packets"));
        // a packet sealed anyway (the capacity was lowered, or the spool held more) is taken, not dropped
        outbox.enqueue(entry("c", true, 2, 10));
        assertEquals(List.of("c", "a", "b"), outbox.pending().stream().map(OutboxEntry::caseId).toList(),
                "nothing evicted, nothing dropped, urgent first");
        assertEquals(3, outbox.progress().pendingCases());

        Outbox small = new Outbox(10, 1000, noon);
        small.enqueue(entry("a", false, 0, 900));
        assertFalse(small.progress().full(), "900 of 1000 bytes");
        OutboxFullException bySize = assertThrows(OutboxFullException.class, () -> small.requireRoom(200), "by bytes");
        assertTrue(bySize.getMessage().contains("needs up to 200 bytes"), bySize.getMessage());
        assertEquals(200, bySize.wanted());
        small.markSent(entry("a", false, 0, 900).packetId());
        assertThrows(OutboxFullException.class, () -> small.requireRoom(200),
                "a sent packet still occupies the outbox until HQ's receipt");
        small.requireRoom(100);
        small.receipt(entry("a", false, 0, 900).packetId());
        small.requireRoom(200);
        assertEquals(Optional.empty(), small.progress().fullNotice());
    }

    @Test
    void onlyAReceiptRemovesAPacketAndProgressAddsUp() throws Exception {
        Outbox outbox = new Outbox(10, 10_000, noon);
        List<OutboxProgress> seen = new ArrayList<>();
        outbox.addListener(seen::add);
        OutboxEntry a = entry("a", false, 0, 1000);
        OutboxEntry b = entry("b", false, 120, 3000);
        outbox.enqueue(a);
        outbox.enqueue(b);
        assertEquals(new OutboxProgress(2, 4000, 2, 4000, 0, 0, Optional.of(Duration.ofHours(4)), outbox.capacity()),
                outbox.progress());

        outbox.markSent(a.packetId());
        assertEquals(new OutboxProgress(2, 4000, 1, 3000, 0, 0, Optional.of(Duration.ofHours(2)), outbox.capacity()),
                outbox.progress());
        outbox.markUnsent(a.packetId()); // the link dropped before the receipt
        assertEquals(a.packetId(), outbox.next().orElseThrow().packetId());
        outbox.markSent(a.packetId());

        assertEquals(Optional.of(a.caseId()), outbox.receipt(a.packetId()).map(OutboxEntry::caseId));
        assertEquals(Optional.empty(), outbox.receipt(a.packetId()), "a repeated receipt shreds nothing twice");
        assertEquals(new OutboxProgress(1, 3000, 1, 3000, 1, 1000, Optional.of(Duration.ofHours(2)), outbox.capacity()),
                outbox.progress());
        OutboxEntry c = entry("c", false, 200, 500);
        outbox.enqueue(c);
        assertEquals(Optional.of("c"), outbox.rejected(c.packetId()).map(OutboxEntry::caseId));
        assertEquals(1, outbox.progress().deliveredCases(), "a rejected packet is not counted as delivered");
        assertEquals(1, outbox.progress().pendingCases());
        outbox.enqueue(a); // queued again (e.g. the same packet re-announced): harmless, but a new entry
        assertEquals(2, outbox.progress().pendingCases());
        assertEquals(outbox.progress(), seen.get(seen.size() - 1), "listeners saw the last change");
    }
}
