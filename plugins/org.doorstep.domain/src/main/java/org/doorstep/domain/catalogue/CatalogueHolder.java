package org.doorstep.domain.catalogue;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.Problem;
import org.doorstep.domain.ProblemCode;

/**
 * The catalogue in force, replaceable by newer versions from HQ.
 *
 * <p>HQ may publish a catalogue before it takes effect (new fees from the first of next month), so the
 * holder keeps what it accepted and {@link #current()} is the newest version whose effective date has come,
 * by the injected clock. An offer is accepted only if it is valid, its version is higher than every version
 * accepted so far and it takes effect no earlier than the newest one; otherwise it is refused with its
 * problems and nothing changes. Versions superseded by one in force are dropped.
 *
 * <p>Thread-safe: offers are serialised, readers see a consistent list.
 */
public final class CatalogueHolder {

    private final Clock clock;
    /** Accepted catalogues by ascending version; replaced, never changed. */
    private volatile List<Catalogue> accepted;

    public CatalogueHolder(Catalogue initial, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.accepted = List.of(Objects.requireNonNull(initial, "initial"));
    }

    /** A holder starting from the catalogue built into the product. */
    public static CatalogueHolder withBuiltIn(Clock clock) {
        return new CatalogueHolder(Catalogue.builtIn(), clock);
    }

    /**
     * The newest catalogue in effect today; if none is in effect yet (a product started before its built-in
     * catalogue's date), the oldest accepted, so there is always one.
     */
    public Catalogue current() {
        return current(accepted, LocalDate.now(clock));
    }

    private static Catalogue current(List<Catalogue> list, LocalDate today) {
        Catalogue best = list.get(0);
        for (Catalogue c : list) {
            if (!c.effective().isAfter(today)) {
                best = c;
            }
        }
        return best;
    }

    /** The newest accepted catalogue that is not in effect yet, if any. */
    public Optional<Catalogue> upcoming() {
        Catalogue newest = accepted.get(accepted.size() - 1);
        return newest.effective().isAfter(LocalDate.now(clock)) ? Optional.of(newest) : Optional.empty();
    }

    /**
     * Parses, checks and accepts a catalogue file from HQ.
     *
     * @return the accepted catalogue
     * @throws InvalidInputException if the file is invalid or not newer; the holder is unchanged
     */
    public Catalogue offer(byte[] json) {
        Catalogue offered = Catalogue.parse(json);
        offer(offered);
        return offered;
    }

    /**
     * Accepts a parsed catalogue.
     *
     * @throws InvalidInputException if it is not newer than every accepted one; the holder is unchanged
     */
    public synchronized void offer(Catalogue offered) {
        List<Catalogue> list = accepted;
        Catalogue newest = list.get(list.size() - 1);
        if (offered.version() <= newest.version()) {
            throw new InvalidInputException(Problem.of("$.version", ProblemCode.CAT_NOT_NEWER, offered.version(),
                    newest.version()));
        }
        if (offered.effective().isBefore(newest.effective())) {
            throw new InvalidInputException(Problem.of("$.effective", ProblemCode.CAT_EFFECTIVE_EARLIER,
                    offered.effective(), newest.effective()));
        }
        List<Catalogue> next = new ArrayList<>(list);
        next.add(offered);
        next.sort(Comparator.comparingInt(Catalogue::version));
        Catalogue inForce = current(next, LocalDate.now(clock));
        next.removeIf(c -> c.version() < inForce.version());
        accepted = List.copyOf(next);
    }

    /** Every catalogue kept: the one in force and any accepted ones not yet in effect. */
    public List<Catalogue> accepted() {
        return accepted;
    }
}
