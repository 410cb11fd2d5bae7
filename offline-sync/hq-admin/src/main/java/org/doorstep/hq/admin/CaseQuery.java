package org.doorstep.hq.admin;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Which stored cases to list: by device, by the day HQ stored them (inclusive, in the service's zone), by state;
 * newest first, at most {@code limit}.
 */
public record CaseQuery(Optional<String> deviceId, Optional<LocalDate> from, Optional<LocalDate> to,
        Optional<HqCaseState> state, int limit) {

    public static final int MAX_LIMIT = 10_000;

    public CaseQuery {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(state, "state");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("a limit is 1 to " + MAX_LIMIT);
        }
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw new IllegalArgumentException("the last day " + to.get() + " is before the first " + from.get());
        }
    }

    public static CaseQuery all() {
        return new CaseQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1000);
    }

    public CaseQuery device(String id) {
        return new CaseQuery(Optional.of(id), from, to, state, limit);
    }

    public CaseQuery days(LocalDate first, LocalDate last) {
        return new CaseQuery(deviceId, Optional.ofNullable(first), Optional.ofNullable(last), state, limit);
    }

    public CaseQuery state(HqCaseState s) {
        return new CaseQuery(deviceId, from, to, Optional.of(s), limit);
    }
}
