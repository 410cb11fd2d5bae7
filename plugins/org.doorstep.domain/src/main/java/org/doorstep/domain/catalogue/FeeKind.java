package org.doorstep.domain.catalogue;

import org.doorstep.domain.Vocabulary;

/** Which kind of fee a waiver reduces. */
public enum FeeKind implements Vocabulary {
    /** The document's own fee (工本费 / 证件费) for its issue. */
    DOCUMENT,
    /** An endorsement's fee. */
    ENDORSEMENT,
    /** Postal delivery of a document family's documents. */
    POSTAGE
}
