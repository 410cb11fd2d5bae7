package org.doorstep.hq.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.doorstep.hq.broker.TopicAcl.Activity;
import org.doorstep.hq.broker.TopicAcl.Rule;
import org.junit.jupiter.api.Test;

/** The embedded broker's rules are those of offline-sync/broker/acl. */
class TopicAclTest {

    @Test
    void aDeviceWritesItsUpTopicsAndReadsItsDownTopicsOnly() {
        assertEquals(List.of(new Rule("doorstep/v1/dev-7/up/#", Activity.PUBLISH, false),
                new Rule("doorstep/v1/dev-7/down/#", Activity.SUBSCRIBE, false)), TopicAcl.rulesFor("dev-7"));
    }

    @Test
    void ingestWorkersReadEveryUpTopicAlsoSharedAndWriteEveryDownTopic() {
        List<Rule> rules = TopicAcl.rulesFor("hq-ingest-2");
        assertTrue(rules.contains(new Rule("doorstep/v1/+/up/#", Activity.SUBSCRIBE, true)), rules.toString());
        assertTrue(rules.contains(new Rule("doorstep/v1/+/down/#", Activity.PUBLISH, false)), rules.toString());
        assertEquals(4, rules.size(), "plus the pattern rules every user name gets, as in Mosquitto: " + rules);
    }

    @Test
    void theConsoleWritesDownTopicsAndReadsNoUpTopic() {
        List<Rule> rules = TopicAcl.rulesFor("hq-console");
        assertTrue(rules.contains(new Rule("doorstep/v1/+/down/#", Activity.PUBLISH, false)), rules.toString());
        assertTrue(rules.stream().noneMatch(r -> r.activity() == Activity.SUBSCRIBE && r.filter().contains("+")),
                rules.toString());
    }

    @Test
    void aNameThatIsNoTopicLevelGetsNothing() {
        for (String cn : new String[] {"+", "#", "dev/1", "", "dev 1", "hq-ingest-+"}) {
            assertEquals(List.of(), TopicAcl.rulesFor(cn), cn);
        }
        assertEquals(List.of(), TopicAcl.rulesFor(null));
    }
}
