package org.doorstep.sync.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration BASE = Duration.ofSeconds(1);
    private static final Duration CAP = Duration.ofMinutes(5);

    @Test
    void theCeilingDoublesUpToTheCapAndEveryDelayStaysUnderIt() {
        Backoff backoff = new Backoff(BASE, CAP, new Random(1));
        assertEquals(Duration.ofSeconds(1), backoff.ceiling(0));
        assertEquals(Duration.ofSeconds(8), backoff.ceiling(3));
        assertEquals(CAP, backoff.ceiling(9)); // 512 s would pass the cap
        assertEquals(CAP, backoff.ceiling(200));
        for (int i = 0; i < 100; i++) {
            int before = Math.min(backoff.failures(), 62);
            Duration d = backoff.nextDelay();
            assertTrue(!d.isNegative() && d.compareTo(backoff.ceiling(before)) <= 0, d + " after " + before);
        }
        backoff.reset();
        assertEquals(0, backoff.failures());
        assertTrue(backoff.nextDelay().compareTo(BASE) <= 0, "after a success the next wait is short again");
    }

    @Test
    void aThousandLaptopsReconnectingAfterTheSameOutageSpreadTheirRetries() {
        // each laptop has its own randomness; after 6 failures their ceilings are all 64 s
        Set<Long> secondsChosen = new HashSet<>();
        int inFirstTenth = 0;
        for (int laptop = 0; laptop < 1000; laptop++) {
            Backoff backoff = new Backoff(BASE, CAP, new Random(laptop * 7919L + 13));
            Duration d = Duration.ZERO;
            for (int failure = 0; failure < 7; failure++) {
                d = backoff.nextDelay();
            }
            secondsChosen.add(d.toSeconds());
            if (d.toMillis() < 6_400) {
                inFirstTenth++;
            }
        }
        assertTrue(secondsChosen.size() > 50, "retries fall on " + secondsChosen.size() + " different seconds");
        assertTrue(inFirstTenth > 50 && inFirstTenth < 150, "about a tenth retry in the first tenth: " + inFirstTenth);
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, CAP, new Random()));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(CAP, BASE, new Random()));
    }
}
