package org.doorstep.group;

import java.util.List;
import java.util.Map;

/**
 * The end-of-session summary: how many employees are in each state, who needs a follow-up and why, who is still
 * waiting or in progress, and which materials were accepted pending (容缺受理) with their deadlines.
 */
public record SessionSummary(String company, Map<BoardState, Integer> counts, List<RosterEntry> followUps,
        List<RosterEntry> notFinished, List<Pending> pending) {

    /** A material one employee still has to bring. */
    public record Pending(String entryId, String name, String material, java.time.LocalDate deadline) {
    }

    public SessionSummary {
        counts = Map.copyOf(counts);
        followUps = List.copyOf(followUps);
        notFinished = List.copyOf(notFinished);
        pending = List.copyOf(pending);
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
