package org.doorstep.hq.admin.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

import org.doorstep.hq.admin.AdminException;
import org.doorstep.hq.admin.ConnectionSource;

/**
 * A few pooled connections to HQ's store, each used by one thread at a time, so the service can be called from any
 * number of threads (the console's background jobs, its board monitor) without sharing a transaction. Every unit of
 * work is one transaction, retried after a deadlock or lock time-out; a connection that failed is dropped.
 */
public final class Db implements AutoCloseable {

    /** Work in one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException, AdminException;
    }

    private static final int RETRIES = 8;
    private static final int KEEP = 4;

    private final ConnectionSource source;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    public Db(ConnectionSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** Runs {@code work} in a transaction; commits if it returns, rolls back if it throws. */
    public <T> T tx(Work<T> work) throws AdminException {
        for (int attempt = 1;; attempt++) {
            Connection c = take();
            boolean healthy = true;
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (AdminException e) {
                rollback(c);
                throw e;
            } catch (SQLException e) {
                healthy = rollback(c) && !isConnectionFailure(e);
                if (attempt < RETRIES && isTransient(e)) {
                    sleep(5L * attempt);
                    continue;
                }
                throw storage(e);
            } catch (RuntimeException e) {
                rollback(c);
                throw e;
            } finally {
                give(c, healthy);
            }
        }
    }

    public static AdminException storage(SQLException e) {
        if (isConnectionFailure(e)) {
            return new AdminException(AdminException.Kind.STORAGE, "HQ's store cannot be reached: "
                    + firstLine(e.getMessage()) + " (is the HQ service running?)", e);
        }
        return new AdminException(AdminException.Kind.STORAGE, "HQ's store failed: " + firstLine(e.getMessage())
                + " (SQLState " + e.getSQLState() + ")", e);
    }

    private Connection take() throws AdminException {
        synchronized (idle) {
            if (closed) {
                throw new AdminException(AdminException.Kind.INTERNAL, "the administration service was closed");
            }
            Connection c = idle.pollFirst();
            if (c != null) {
                return c;
            }
        }
        try {
            Connection c = source.connect();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            return c;
        } catch (SQLException e) {
            throw storage(e);
        }
    }

    private void give(Connection c, boolean healthy) {
        synchronized (idle) {
            if (healthy && !closed && idle.size() < KEEP) {
                idle.addFirst(c);
                return;
            }
        }
        close(c);
    }

    private static boolean rollback(Connection c) {
        try {
            c.rollback();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // dropped either way
        }
    }

    static boolean isTransient(SQLException e) {
        String s = e.getSQLState();
        return "40001".equals(s) || "40XL1".equals(s) || "40XL2".equals(s);
    }

    static boolean isConnectionFailure(SQLException e) {
        String s = e.getSQLState();
        return s != null && (s.startsWith("08") || s.equals("XJ040") || s.equals("XJ004"));
    }

    private static void sleep(long ms) throws AdminException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException(AdminException.Kind.UNAVAILABLE, "interrupted");
        }
    }

    static String firstLine(String s) {
        return String.valueOf(s).lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            idle.forEach(Db::close);
            idle.clear();
        }
    }
}
