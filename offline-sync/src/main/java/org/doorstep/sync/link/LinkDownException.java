package org.doorstep.sync.link;

/**
 * The link could not confirm the operation: it was not connected, the connection dropped while waiting, or the
 * broker did not answer in time. The message may or may not have reached the broker (a lost PUBACK looks the same
 * as a lost PUBLISH), so the caller sends it again later; receivers tolerate duplicates.
 */
public final class LinkDownException extends LinkException {

    private static final long serialVersionUID = 1L;

    public LinkDownException(String message) {
        super(message, null);
    }

    public LinkDownException(String message, Throwable cause) {
        super(message, cause);
    }
}
