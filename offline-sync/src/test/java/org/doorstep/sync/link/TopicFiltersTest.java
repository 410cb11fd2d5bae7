package org.doorstep.sync.link;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.doorstep.sync.protocol.Topics;
import org.junit.jupiter.api.Test;

class TopicFiltersTest {

    @Test
    void wildcardsMatchLevelsAndTheSharePrefixIsIgnored() {
        assertTrue(TopicFilters.matches("doorstep/v1/+/up/#", "doorstep/v1/dev-1/up/chunk"));
        assertTrue(TopicFilters.matches(Topics.HQ_SHARED_UP, "doorstep/v1/dev-1/up/heartbeat"));
        assertTrue(TopicFilters.matches("doorstep/v1/dev-1/down/#", "doorstep/v1/dev-1/down"));
        assertTrue(TopicFilters.matches("a/b", "a/b"));
        assertFalse(TopicFilters.matches("doorstep/v1/+/up/#", "doorstep/v1/dev-1/down/cmd"));
        assertFalse(TopicFilters.matches("doorstep/v1/dev-1/down/#", "doorstep/v1/dev-2/down/cmd"));
        assertFalse(TopicFilters.matches("a/+", "a/b/c"));
        assertFalse(TopicFilters.matches("a/b/c", "a/b"));
        assertFalse(TopicFilters.matches("#", "$SYS/broker/uptime"), "wildcards do not reach $ topics");
        assertFalse(TopicFilters.matches("$share/hq", "$share/hq"));
    }

    @Test
    void malformedFiltersAndTopicNamesAreRefused() {
        for (String bad : new String[] {"", "a/#/b", "a#", "a/b+", "$share//a", "$share/g", "$share/g/", "$share/+/a"}) {
            assertThrows(IllegalArgumentException.class, () -> TopicFilters.requireValidFilter(bad), bad);
        }
        for (String good : new String[] {"#", "+", "a/+/b/#", Topics.HQ_SHARED_UP, "doorstep/v1/dev-1/down/#"}) {
            assertDoesNotThrow(() -> TopicFilters.requireValidFilter(good), good);
        }
        for (String bad : new String[] {"", "a/+", "a/#"}) {
            assertThrows(IllegalArgumentException.class, () -> TopicFilters.requireValidTopicName(bad), bad);
        }
    }
}
