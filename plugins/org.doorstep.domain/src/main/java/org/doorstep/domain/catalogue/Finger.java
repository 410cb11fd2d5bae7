package org.doorstep.domain.catalogue;

import org.doorstep.domain.Vocabulary;

/** The ten finger positions, spelled {@code right-thumb} … {@code left-little} in the catalogue. */
public enum Finger implements Vocabulary {
    RIGHT_THUMB, RIGHT_INDEX, RIGHT_MIDDLE, RIGHT_RING, RIGHT_LITTLE,
    LEFT_THUMB, LEFT_INDEX, LEFT_MIDDLE, LEFT_RING, LEFT_LITTLE
}
