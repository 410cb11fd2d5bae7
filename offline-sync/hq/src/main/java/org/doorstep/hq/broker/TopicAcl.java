package org.doorstep.hq.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.doorstep.sync.protocol.Topics;

/**
 * Who may publish and subscribe where: the same rules as the production Mosquitto ACL
 * ({@code offline-sync/broker/acl}), keyed by the client certificate's CN.
 *
 * <pre>
 * every CN that is a device id   publish   doorstep/v1/{cn}/up/#     (Mosquitto: pattern write …/%u/up/#)
 *                                subscribe doorstep/v1/{cn}/down/#   (Mosquitto: pattern read  …/%u/down/#)
 * hq-ingest-N                    subscribe doorstep/v1/+/up/#, also as $share/{group}/…
 *                                publish   doorstep/v1/+/down/#
 * hq-console                     publish   doorstep/v1/+/down/#
 * </pre>
 *
 * Anything else is denied. A CN that is not a valid topic level (wildcards, slashes) gets no rules at all: a
 * certificate for {@code +} must not become a licence to read every device.
 */
final class TopicAcl {

    /** HQ ingest workers: {@code hq-ingest-} followed by a number or a short name. */
    static final Pattern INGEST_WORKER = Pattern.compile("hq-ingest-[A-Za-z0-9._-]{1,32}");
    static final String CONSOLE = "hq-console";

    private static final String EVERY_DEVICE_UP = Topics.ROOT + "+/up/#";
    private static final String EVERY_DEVICE_DOWN = Topics.ROOT + "+/down/#";

    enum Activity {
        PUBLISH, SUBSCRIBE
    }

    /**
     * One allowance.
     *
     * @param filter            the topic filter it covers
     * @param activity          publish or subscribe
     * @param sharedAllowed     whether a subscription may also be a shared one ({@code $share/group/filter})
     */
    record Rule(String filter, Activity activity, boolean sharedAllowed) {
    }

    private TopicAcl() {
    }

    /** The rules for a client whose certificate CN is {@code cn}; empty means it may do nothing. */
    static List<Rule> rulesFor(String cn) {
        List<Rule> rules = new ArrayList<>();
        if (cn == null || !Topics.isDeviceId(cn)) {
            return rules;
        }
        // Mosquitto's pattern lines apply to every user name, HQ's included
        rules.add(new Rule(Topics.ROOT + cn + "/up/#", Activity.PUBLISH, false));
        rules.add(new Rule(Topics.down(cn), Activity.SUBSCRIBE, false));
        if (INGEST_WORKER.matcher(cn).matches()) {
            rules.add(new Rule(EVERY_DEVICE_UP, Activity.SUBSCRIBE, true));
            rules.add(new Rule(EVERY_DEVICE_DOWN, Activity.PUBLISH, false));
        } else if (CONSOLE.equals(cn)) {
            rules.add(new Rule(EVERY_DEVICE_DOWN, Activity.PUBLISH, false));
        }
        return rules;
    }
}
