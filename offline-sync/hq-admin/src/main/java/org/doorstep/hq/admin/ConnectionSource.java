package org.doorstep.hq.admin;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * Where the administration service gets its connections to HQ's store. Inside OSGi (the console) pass the Derby
 * client driver instance ({@link #of(Driver, String)}): {@code DriverManager} does not see drivers across bundles. On
 * a plain class path (the command line, tests) {@link #url(String)} uses {@code DriverManager}.
 */
@FunctionalInterface
public interface ConnectionSource {

    /** A new connection; the service sets auto-commit and isolation itself. */
    Connection connect() throws SQLException;

    /** Connections from {@code DriverManager} for a JDBC URL such as {@code jdbc:derby://127.0.0.1:1527//srv/hq}. */
    static ConnectionSource url(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        return () -> DriverManager.getConnection(jdbcUrl);
    }

    /** Connections from a driver instance (e.g. {@code new org.apache.derby.client.ClientAutoloadedDriver()}). */
    static ConnectionSource of(Driver driver, String jdbcUrl) {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        return () -> {
            Connection c = driver.connect(jdbcUrl, new Properties());
            if (c == null) {
                throw new SQLException("the driver " + driver.getClass().getName() + " does not accept " + jdbcUrl, "08001");
            }
            return c;
        };
    }
}
