package org.doorstep.sync.link;

/**
 * MQTT topic names and filters (MQTT 5.0 §4.7, §4.8.2): validation before anything reaches Paho, and the matching
 * the link uses to route a message that carries no subscription identifier.
 */
final class TopicFilters {

    private static final String SHARE_PREFIX = "$share/";

    private TopicFilters() {
    }

    static void requireValidTopicName(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("a topic name must not be empty");
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0 || topic.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a topic name for publishing has no wildcards: " + topic);
        }
    }

    static void requireValidFilter(String filter) {
        if (filter == null || filter.isEmpty() || filter.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a topic filter must not be empty");
        }
        String plain = filter;
        if (filter.startsWith(SHARE_PREFIX)) {
            int slash = filter.indexOf('/', SHARE_PREFIX.length());
            String group = slash < 0 ? "" : filter.substring(SHARE_PREFIX.length(), slash);
            if (group.isEmpty() || group.contains("+") || group.contains("#") || slash == filter.length() - 1) {
                throw new IllegalArgumentException("a shared subscription is $share/<group>/<filter>: " + filter);
            }
            plain = filter.substring(slash + 1);
        }
        String[] levels = plain.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                throw new IllegalArgumentException("'#' must be a whole level at the end of the filter: " + filter);
            }
            if (level.contains("+") && !level.equals("+")) {
                throw new IllegalArgumentException("'+' must be a whole level of the filter: " + filter);
            }
        }
    }

    /** True if {@code topic} matches {@code filter}; a {@code $share/group/} prefix is ignored. */
    static boolean matches(String filter, String topic) {
        String plain = filter;
        if (filter.startsWith(SHARE_PREFIX)) {
            int slash = filter.indexOf('/', SHARE_PREFIX.length());
            if (slash < 0) {
                return false;
            }
            plain = filter.substring(slash + 1);
        }
        if (topic.startsWith("$") && (plain.startsWith("+") || plain.startsWith("#"))) {
            return false; // wildcards at the first level do not match $SYS-like topics (§4.7.2)
        }
        String[] f = plain.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true; // also matches the parent level itself
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
