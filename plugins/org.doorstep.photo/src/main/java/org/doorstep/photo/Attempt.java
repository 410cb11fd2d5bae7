package org.doorstep.photo;

import java.time.Instant;
import java.util.Objects;

/**
 * One capture kept in a {@link PhotoSession}.
 *
 * @param number     1, 2 or 3, in the order taken
 * @param takenAt    when it was checked
 * @param assessment what the checks found, with the finished photo
 */
public record Attempt(int number, Instant takenAt, Assessment assessment) {

    public Attempt {
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(assessment, "assessment");
        if (number < 1) {
            throw new IllegalArgumentException("attempts are numbered from 1");
        }
    }
}
