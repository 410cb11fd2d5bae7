package org.doorstep.core.status;

/** A registered listener; closing it stops further notifications. Closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
