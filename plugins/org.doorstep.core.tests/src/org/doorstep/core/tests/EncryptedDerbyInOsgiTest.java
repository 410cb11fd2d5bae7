package org.doorstep.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.derby.jdbc.EmbeddedDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Derby, as the vault will use it, inside the real OSGi framework: the flat {@code org.doorstep.derby} bundle
 * creates an AES-encrypted database, boots it again with the right boot password and refuses a wrong one.
 * Connections come from an {@link EmbeddedDriver} instance, never from {@code DriverManager}, which does not
 * see drivers across bundles.
 */
class EncryptedDerbyInOsgiTest {

    private static final String DERBY_LOG = "derby.stream.error.file";
    /** Plain text that must not appear in any file of the encrypted database. */
    private static final String APPLICANT = "DOORSTEP-PLAINTEXT-MARKER 张三";

    /** derby.log goes here instead of derby.system.home (= the test's working directory). */
    @TempDir
    static Path derbyLogDir;

    @TempDir
    Path dir;

    private final Driver driver = new EmbeddedDriver();

    @BeforeAll
    static void sendDerbyLogToTheTempDir() {
        // read once, when the engine boots (on first use of EmbeddedDriver)
        System.setProperty(DERBY_LOG, derbyLogDir.resolve("derby.log").toString());
    }

    @AfterAll
    static void shutDownTheEngine() {
        // closes derby.log and stops Derby's threads; the whole system answers XJ015
        SQLException down = assertThrows(SQLException.class,
                () -> new EmbeddedDriver().connect("jdbc:derby:;shutdown=true", new Properties()));
        assertEquals("XJ015", down.getSQLState(), () -> describe(down));
        System.clearProperty(DERBY_LOG);
    }

    @Test
    void theDriverAndTheEngineComeFromTheFlatDerbyBundle() throws Exception {
        assertBundle(EmbeddedDriver.class);
        try (Connection connection = driver.connect("jdbc:derby:memory:probe;create=true", new Properties())) {
            assertNotNull(connection, "EmbeddedDriver did not accept a jdbc:derby: URL");
            assertBundle(connection.getClass()); // org.apache.derby.impl.jdbc: engine internals, same bundle
        }
        shutDown("jdbc:derby:memory:probe;drop=true", "08006");
    }

    @Test
    void anEncryptedDatabaseKeepsItsRowsAcrossARebootAndRefusesAWrongBootPassword() throws Exception {
        String url = "jdbc:derby:" + dir.resolve("enrolments");
        String bootPassword = randomHex(32);

        Properties create = encryptedWith(bootPassword);
        try (Connection connection = driver.connect(url + ";create=true", create)) {
            assertNotNull(connection);
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE visit (id INT PRIMARY KEY, applicant VARCHAR(100) NOT NULL)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO visit VALUES (?, ?)")) {
                insert.setInt(1, 1);
                insert.setString(2, APPLICANT);
                assertEquals(1, insert.executeUpdate());
            }
            assertEquals(APPLICANT, applicantOfVisit1(connection));
        }
        shutDown(url + ";shutdown=true", "08006");

        assertFalse(anyFileContains(dir.resolve("enrolments"), "DOORSTEP-PLAINTEXT-MARKER"),
                "the row is readable in the database files: they are not encrypted");

        Properties boot = new Properties();
        boot.setProperty("bootPassword", bootPassword);
        try (Connection connection = driver.connect(url, boot)) {
            assertEquals(APPLICANT, applicantOfVisit1(connection));
        }
        shutDown(url + ";shutdown=true", "08006");

        Properties wrong = new Properties();
        wrong.setProperty("bootPassword", randomHex(32));
        SQLException refused = assertThrows(SQLException.class, () -> driver.connect(url, wrong));
        List<String> states = sqlStates(refused);
        assertTrue(states.contains("XJ040"), () -> "expected XJ040 (failed to start database): " + describe(refused));
        assertTrue(states.contains("XBM06"), () -> "expected XBM06 (wrong boot password): " + describe(refused));
    }

    private static Properties encryptedWith(String bootPassword) {
        Properties properties = new Properties();
        properties.setProperty("dataEncryption", "true");
        properties.setProperty("encryptionKeyLength", "256");
        properties.setProperty("encryptionAlgorithm", "AES/CBC/NoPadding");
        properties.setProperty("bootPassword", bootPassword);
        return properties;
    }

    private static String applicantOfVisit1(Connection connection) throws SQLException {
        try (Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery("SELECT applicant FROM visit WHERE id = 1")) {
            assertTrue(rows.next(), "row 1 is missing");
            return rows.getString(1);
        }
    }

    /** Shutting a database down is reported as an SQLException with a well-known state. */
    private void shutDown(String url, String expectedState) {
        SQLException down = assertThrows(SQLException.class, () -> driver.connect(url, new Properties()));
        assertEquals(expectedState, down.getSQLState(), () -> describe(down));
    }

    private static void assertBundle(Class<?> type) {
        Bundle bundle = FrameworkUtil.getBundle(type);
        assertNotNull(bundle, type.getName() + " was not loaded by a bundle");
        assertEquals("org.doorstep.derby", bundle.getSymbolicName(), type.getName() + " came from the wrong bundle");
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static boolean anyFileContains(Path root, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** SQL states of the exception, its chained next exceptions and its causes. */
    private static List<String> sqlStates(Throwable failure) {
        List<String> states = new ArrayList<>();
        collect(failure, states, new ArrayList<>());
        return states;
    }

    private static void collect(Throwable failure, List<String> states, List<Throwable> seen) {
        if (failure == null || seen.stream().anyMatch(s -> s == failure)) {
            return;
        }
        seen.add(failure);
        if (failure instanceof SQLException sql) {
            states.add(sql.getSQLState());
            collect(sql.getNextException(), states, seen);
        }
        collect(failure.getCause(), states, seen);
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        List<Throwable> seen = new ArrayList<>();
        for (Throwable t = failure; t != null && !seen.contains(t); t = next(t)) {
            seen.add(t);
            text.append("\n  ").append(t.getClass().getSimpleName());
            if (t instanceof SQLException sql) {
                text.append(" [").append(sql.getSQLState()).append(']');
            }
            text.append(": ").append(t.getMessage());
        }
        return text.toString();
    }

    private static Throwable next(Throwable t) {
        if (t instanceof SQLException sql && sql.getNextException() != null) {
            return sql.getNextException();
        }
        return t.getCause();
    }
}
