package org.doorstep.domain.catalogue;

import org.doorstep.domain.Vocabulary;

/** Photo backgrounds a document family accepts. */
public enum Background implements Vocabulary {
    WHITE,
    LIGHT_GREY,
    LIGHT_BLUE
}
