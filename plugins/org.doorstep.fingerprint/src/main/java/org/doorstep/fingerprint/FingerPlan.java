package org.doorstep.fingerprint;

import static org.doorstep.fingerprint.FingerPosition.LEFT_INDEX;
import static org.doorstep.fingerprint.FingerPosition.LEFT_LITTLE;
import static org.doorstep.fingerprint.FingerPosition.LEFT_MIDDLE;
import static org.doorstep.fingerprint.FingerPosition.LEFT_RING;
import static org.doorstep.fingerprint.FingerPosition.LEFT_THUMB;
import static org.doorstep.fingerprint.FingerPosition.RIGHT_INDEX;
import static org.doorstep.fingerprint.FingerPosition.RIGHT_LITTLE;
import static org.doorstep.fingerprint.FingerPosition.RIGHT_MIDDLE;
import static org.doorstep.fingerprint.FingerPosition.RIGHT_RING;
import static org.doorstep.fingerprint.FingerPosition.RIGHT_THUMB;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which fingers to capture, and in what order, given how many are required and which cannot be captured.
 * <p>
 * <b>Fallback order.</b> Resident ID cards hold two fingerprints, normally the right and the left index finger.
 * As we understand the Ministry of Public Security's practice for ID-card fingerprint registration (GA 1011 /
 * GA 1012 and the registration work rules; we have not had the texts to check word for word), a missing or
 * unusable index finger is replaced by another finger <i>of the same hand</i>, in the order thumb, middle,
 * ring, little, and only when a whole hand is unavailable are both taken from the other hand. So:
 * <ol>
 * <li>first finger: right index → right thumb → right middle → right ring → right little;</li>
 * <li>second finger: left index → left thumb → left middle → left ring → left little;</li>
 * <li>if a hand has no finger left, or more than two are required, the next available of: right thumb,
 * left thumb, right middle, left middle, right ring, left ring, right little, left little.</li>
 * </ol>
 * Where fewer fingers are available than required, the plan falls short ({@link #shortfall}); the case then
 * records every missing finger as an exception, which the ID-card process accepts as "fingerprints cannot be
 * captured". If the official rule turns out to differ, only this class changes.
 */
public final class FingerPlan {

    private static final List<FingerPosition> RIGHT_HAND = List.of(RIGHT_INDEX, RIGHT_THUMB, RIGHT_MIDDLE, RIGHT_RING,
            RIGHT_LITTLE);
    private static final List<FingerPosition> LEFT_HAND = List.of(LEFT_INDEX, LEFT_THUMB, LEFT_MIDDLE, LEFT_RING,
            LEFT_LITTLE);
    private static final List<FingerPosition> THEN = List.of(RIGHT_INDEX, LEFT_INDEX, RIGHT_THUMB, LEFT_THUMB,
            RIGHT_MIDDLE, LEFT_MIDDLE, RIGHT_RING, LEFT_RING, RIGHT_LITTLE, LEFT_LITTLE);

    private final int required;
    /** A priority order given by the catalogue, or {@code null} for the ID-card rule above. */
    private final List<FingerPosition> order;

    private FingerPlan(int required) {
        this(required, null);
    }

    private FingerPlan(int required, List<FingerPosition> order) {
        if (required < 1 || required > 10) {
            throw new IllegalArgumentException("between 1 and 10 fingers can be required, not " + required);
        }
        this.required = required;
        this.order = order == null ? null : List.copyOf(order);
        if (order != null && (order.isEmpty() || order.stream().distinct().count() != order.size())) {
            throw new IllegalArgumentException("a finger order names each finger at most once: " + order);
        }
    }

    /**
     * Fingers taken in the given priority order, skipping those that cannot be captured: the order a document's
     * catalogue entry gives (for example thumbs first for exit-entry documents).
     */
    public static FingerPlan inOrder(int required, List<FingerPosition> order) {
        return new FingerPlan(required, order);
    }

    /** Two fingers, as for a resident ID card. */
    public static FingerPlan idCard() {
        return new FingerPlan(2);
    }

    /** All ten fingers. */
    public static FingerPlan tenPrint() {
        return new FingerPlan(10);
    }

    public static FingerPlan of(int required) {
        return new FingerPlan(required);
    }

    public int required() {
        return required;
    }

    /** The fingers to capture, in order, leaving out the {@code unavailable} ones (exceptions). */
    public List<FingerPosition> targets(Set<FingerPosition> unavailable) {
        if (order != null) {
            return order.stream().filter(p -> !unavailable.contains(p)).limit(required).toList();
        }
        List<FingerPosition> picks = new ArrayList<>(10);
        firstAvailable(RIGHT_HAND, unavailable, picks).ifPresent(picks::add);
        firstAvailable(LEFT_HAND, unavailable, picks).ifPresent(picks::add);
        for (FingerPosition p : THEN) {
            if (!unavailable.contains(p) && !picks.contains(p)) {
                picks.add(p);
            }
        }
        return List.copyOf(picks.subList(0, Math.min(required, picks.size())));
    }

    /** The next finger to capture: the first target not yet {@code done}; empty when every target is done. */
    public Optional<FingerPosition> next(Set<FingerPosition> unavailable, Set<FingerPosition> done) {
        return targets(unavailable).stream().filter(p -> !done.contains(p)).findFirst();
    }

    /** How many required fingers cannot be captured at all. */
    public int shortfall(Set<FingerPosition> unavailable) {
        return required - targets(unavailable).size();
    }

    private static Optional<FingerPosition> firstAvailable(List<FingerPosition> hand, Set<FingerPosition> unavailable,
            List<FingerPosition> picked) {
        return hand.stream().filter(p -> !unavailable.contains(p) && !picked.contains(p)).findFirst();
    }
}
