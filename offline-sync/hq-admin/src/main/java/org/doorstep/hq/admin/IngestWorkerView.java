package org.doorstep.hq.admin;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One ingest worker as HQ's store knows it: alive, silent (taken for dead: the packets it was assembling are taken
 * over, and while no worker is alive nothing the laptops send is stored), or stopped cleanly; and, unless it stopped,
 * when it last gave a sign of life.
 */
public record IngestWorkerView(String name, State state, Optional<Instant> lastSign) {

    public enum State {
        ALIVE("alive"), SILENT("silent"), STOPPED("stopped");

        private final String id;

        State(String id) {
            this.id = id;
        }

        /** The word the command line and CSV use. */
        public String id() {
            return id;
        }
    }

    public IngestWorkerView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastSign, "lastSign");
    }
}
