package org.doorstep.domain.catalogue;

import org.doorstep.domain.Vocabulary;

/** How much a material matters for accepting the application. */
public enum Level implements Vocabulary {
    /** Without it the application cannot be accepted: a missing core material blocks completing the case. */
    CORE,
    /** May be accepted pending (容缺受理): handed in later, by a deadline written on the one-time notice. */
    SECONDARY
}
