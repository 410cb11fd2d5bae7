package org.doorstep.vault;

import java.time.Instant;

/** A stored item without its content. {@code size} is the size of the plaintext. */
public record ItemInfo(String slot, ItemKind kind, String mediaType, int size, Instant stored) {
}
