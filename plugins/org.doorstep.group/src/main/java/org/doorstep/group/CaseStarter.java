package org.doorstep.group;

/**
 * Starts the vault case for one employee of a session, pre-filled with what the roster and the company-wide fields
 * say. One small seam on purpose: the guided case service (module {@code org.doorstep.field}) can take this over
 * without the session logic changing.
 */
@FunctionalInterface
public interface CaseStarter {

    /** Creates the case and returns its id. */
    String start(GroupSession session, RosterEntry entry);
}
