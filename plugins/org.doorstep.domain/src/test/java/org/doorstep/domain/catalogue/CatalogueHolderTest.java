package org.doorstep.domain.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.ProblemCode;
import org.doorstep.domain.TestCatalogues;
import org.junit.jupiter.api.Test;

class CatalogueHolderTest {

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now;

        MovableClock(String instant) {
            now = Instant.parse(instant);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Asia/Shanghai");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aNewerVersionFromHqReplacesTheBuiltInOne() {
        CatalogueHolder holder = CatalogueHolder.withBuiltIn(Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC));
        assertEquals(1, holder.current().version());
        Catalogue v2 = holder.offer(TestCatalogues.builtInAs(2, "2025-05-01"));
        assertSame(v2, holder.current());
        assertEquals(1, holder.accepted().size(), "the superseded version is dropped");
    }

    @Test
    void anOlderOrEqualVersionIsRefusedAndTheCurrentOneKept() {
        CatalogueHolder holder = CatalogueHolder.withBuiltIn(Clock.systemUTC());
        Catalogue before = holder.current();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> holder.offer(TestCatalogues.builtInAs(1, "2025-02-01")));
        assertEquals(ProblemCode.CAT_NOT_NEWER, e.problems().get(0).code());
        assertEquals("$.version: catalogue version 1 is not newer than version 1; not replaced",
                e.messages(java.util.Locale.ENGLISH).get(0));
        assertSame(before, holder.current());
    }

    @Test
    void anInvalidReplacementIsRefusedAndTheCurrentOneKept() {
        CatalogueHolder holder = CatalogueHolder.withBuiltIn(Clock.systemUTC());
        Catalogue before = holder.current();
        assertThrows(InvalidInputException.class, () -> holder.offer("{\"format\":".getBytes(StandardCharsets.UTF_8)));
        var tree = TestCatalogues.builtInTree();
        tree.put("version", 5);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.withArray("types").get(0)).put("family", "nowhere");
        assertThrows(InvalidInputException.class, () -> holder.offer(TestCatalogues.bytes(tree)));
        assertSame(before, holder.current());
        // and a valid version 5 is still accepted afterwards
        assertEquals(5, holder.offer(TestCatalogues.builtInAs(5, "2025-01-01")).version());
    }

    @Test
    void aCatalogueTakesEffectOnItsDateByTheClock() {
        MovableClock clock = new MovableClock("2025-06-30T12:00:00Z");
        CatalogueHolder holder = CatalogueHolder.withBuiltIn(clock);
        holder.offer(TestCatalogues.builtInAs(2, "2025-07-01"));
        assertEquals(1, holder.current().version());
        assertEquals(2, holder.upcoming().orElseThrow().version());
        clock.now = Instant.parse("2025-06-30T16:00:00Z"); // midnight in Beijing: 1 July
        assertEquals(2, holder.current().version());
        assertTrue(holder.upcoming().isEmpty());
    }

    @Test
    void aCatalogueEffectiveBeforeTheNewestIsRefused() {
        CatalogueHolder holder = CatalogueHolder.withBuiltIn(Clock.systemUTC());
        holder.offer(TestCatalogues.builtInAs(2, "2025-07-01"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> holder.offer(TestCatalogues.builtInAs(3, "2025-03-01")));
        assertEquals(ProblemCode.CAT_EFFECTIVE_EARLIER, e.problems().get(0).code());
    }
}
