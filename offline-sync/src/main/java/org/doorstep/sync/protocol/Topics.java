package org.doorstep.sync.protocol;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The topic tree of the design (§4), one subtree per device {@code d} (its certificate CN, which the broker uses
 * as the MQTT user name and confines the laptop to):
 *
 * <pre>
 * doorstep/v1/{d}/up/chunk      laptop → HQ  packet chunks ("DSC1")
 * doorstep/v1/{d}/up/resume     laptop → HQ  "which chunks of these packets do you lack?" (doorstep-resume/1)
 * doorstep/v1/{d}/up/heartbeat  laptop → HQ  backlog, versions, free disk, officer (doorstep-heartbeat/1 or /2)
 * doorstep/v1/{d}/up/result     laptop → HQ  what became of a command (doorstep-command-result/1)
 * doorstep/v1/{d}/up/wiped      laptop → HQ  the device-signed proof of a remote wipe (doorstep-wipe-confirmation/1)
 * doorstep/v1/{d}/up/audit      laptop → HQ  the device's audit trail, in order (doorstep-audit-batch/1)
 * doorstep/v1/{d}/down/ack      HQ → laptop  signed receipts, rejections and lists of missing chunks (doorstep-hq/1)
 * doorstep/v1/{d}/down/cmd      HQ → laptop  signed commands (doorstep-command/1)
 * </pre>
 *
 * HQ's ingest workers share the load with the shared subscription {@link #HQ_SHARED_UP}.
 */
public final class Topics {

    public static final String ROOT = "doorstep/v1/";
    public static final String CHUNK = "up/chunk";
    public static final String RESUME = "up/resume";
    public static final String HEARTBEAT = "up/heartbeat";
    /** The laptop reports what it did with each command it could attribute to HQ. */
    public static final String COMMAND_RESULT = "up/result";
    /** The signed wipe confirmation, published over the still-open link just before the laptop lets it go. */
    public static final String WIPED = "up/wiped";
    /** The device's audit trail, sent incrementally so that HQ keeps the whole chain. */
    public static final String AUDIT = "up/audit";
    public static final String ACK = "down/ack";
    public static final String COMMAND = "down/cmd";
    /** What every HQ ingest worker subscribes to: each message goes to exactly one of them. */
    public static final String HQ_SHARED_UP = "$share/hq/" + ROOT + "+/up/#";

    /** Device ids are certificate CNs and topic levels: no wildcards, separators or spaces. */
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Topics() {
    }

    public static boolean isDeviceId(String id) {
        return id != null && DEVICE_ID.matcher(id).matches();
    }

    public static String requireDeviceId(String id) {
        if (!isDeviceId(id)) {
            throw new IllegalArgumentException("a device id is 1-64 letters, digits, '.', '_' or '-', starting with a"
                    + " letter or digit: " + id);
        }
        return id;
    }

    public static String of(String deviceId, String leaf) {
        return ROOT + requireDeviceId(deviceId) + "/" + leaf;
    }

    /** The laptop's own down subtree, which it subscribes to. */
    public static String down(String deviceId) {
        return ROOT + requireDeviceId(deviceId) + "/down/#";
    }

    /** A parsed topic: which device and which leaf ({@code up/chunk} …); empty when it is not one of ours. */
    public record Parsed(String deviceId, String leaf) {
    }

    public static Optional<Parsed> parse(String topic) {
        if (topic == null || !topic.startsWith(ROOT)) {
            return Optional.empty();
        }
        String rest = topic.substring(ROOT.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String device = rest.substring(0, slash);
        String leaf = rest.substring(slash + 1);
        if (!isDeviceId(device)) {
            return Optional.empty();
        }
        return switch (leaf) {
            case CHUNK, RESUME, HEARTBEAT, COMMAND_RESULT, WIPED, AUDIT, ACK, COMMAND -> Optional.of(new Parsed(device, leaf));
            default -> Optional.empty();
        };
    }
}
