package org.doorstep.hq.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

import org.doorstep.hq.admin.store.HqSchema;

/**
 * HQ's Derby database: where it is (embedded folder for one process, or a Derby network server that several
 * ingest workers and the console share). Its schema, versioned, is {@link HqSchema} (in the administration module,
 * which the console uses too). Every {@link HqStore} opens its own connection from here, so workers never share a
 * transaction.
 */
public final class HqDatabase {

    private final String url;

    private HqDatabase(String url) {
        this.url = Objects.requireNonNull(url, "url");
    }

    /** An embedded database in a folder: for one HQ process (the local HQ's network server is started on it). */
    public static HqDatabase embedded(Path folder) {
        return new HqDatabase("jdbc:derby:" + folder.toAbsolutePath());
    }

    /**
     * A database served by a Derby network server, shared by the workers and the console.
     *
     * @param name the database's name or its absolute path on the server's host
     */
    public static HqDatabase network(String host, int port, String name) {
        return new HqDatabase("jdbc:derby://" + host + ":" + port + "/" + name);
    }

    public String url() {
        return url;
    }

    /**
     * Creates the database and its schema if they do not exist yet, or brings an older schema up to date. Safe to call
     * from several processes.
     */
    public void create() throws SQLException {
        try (Connection c = DriverManager.getConnection(url + ";create=true")) {
            HqSchema.ensure(c);
        }
    }

    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        return c;
    }

    /** Shuts an embedded database down cleanly (nothing to do for a network one: the server owns it). */
    public void shutdownEmbedded() {
        if (!url.startsWith("jdbc:derby:") || url.startsWith("jdbc:derby://")) {
            return;
        }
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (SQLException expected) {
            // Derby reports a clean shutdown as SQLState 08006
        }
    }
}
