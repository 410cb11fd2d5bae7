package org.doorstep.hq.console.internal.model;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Where HQ's store is: the JDBC URL of the Derby network server the HQ service process runs, and where that URL came
 * from. In order: the start option {@code --hq-store URL} (system property {@value #STORE_PROPERTY}); the environment
 * variable {@value #STORE_VARIABLE} (the admin command line's too); the file {@code hq-admin.properties} that
 * {@code ./doorstep hq} writes at every start into its data folder ({@code --hq-data DIR}, system property
 * {@value #DATA_PROPERTY}, else {@code ./hq-data}). The local HQ picks a new port at every start, so a URL from that
 * file is read again at every sign-in ({@link #refreshed()}).
 */
public record StoreLocation(Optional<String> url, Source source, Optional<Path> file) {

    public static final String STORE_PROPERTY = "doorstep.hq.store";
    public static final String DATA_PROPERTY = "doorstep.hq.data";
    public static final String STORE_VARIABLE = "DOORSTEP_HQ_DB";
    public static final String PROPERTIES_FILE = "hq-admin.properties";
    static final String URL_PREFIX = "jdbc:derby://";

    /** Where the URL came from. */
    public enum Source {
        /** {@code --hq-store URL}. */
        OPTION,
        /** {@value StoreLocation#STORE_VARIABLE}. */
        ENVIRONMENT,
        /** The local HQ's {@code hq-admin.properties}. */
        HQ_DATA,
        /** Typed on the sign-in screen. */
        TYPED,
        /** Nothing found: the administrator types it. */
        NONE
    }

    public StoreLocation {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(file, "file");
    }

    /**
     * @param properties the system properties ({@code System.getProperties()})
     * @param env        the environment
     * @param workingDir where a relative {@code hq-data} is looked for
     */
    public static StoreLocation resolve(Map<?, ?> properties, Map<String, String> env, Path workingDir) {
        String option = text(properties.get(STORE_PROPERTY));
        if (!option.isEmpty()) {
            return new StoreLocation(Optional.of(option), Source.OPTION, Optional.empty());
        }
        String variable = text(env.get(STORE_VARIABLE));
        if (!variable.isEmpty()) {
            return new StoreLocation(Optional.of(variable), Source.ENVIRONMENT, Optional.empty());
        }
        String data = text(properties.get(DATA_PROPERTY));
        Path folder = workingDir.resolve(data.isEmpty() ? "hq-data" : data).toAbsolutePath().normalize();
        Path file = folder.resolve(PROPERTIES_FILE);
        return fromFile(file);
    }

    /** The URL a typed text names. */
    public static StoreLocation typed(String url) {
        String u = text(url);
        return new StoreLocation(u.isEmpty() ? Optional.empty() : Optional.of(u), u.isEmpty() ? Source.NONE : Source.TYPED,
                Optional.empty());
    }

    /** Read again if it came from the local HQ's file (the local HQ's port changes at every start). */
    public StoreLocation refreshed() {
        return source == Source.HQ_DATA || (source == Source.NONE && file.isPresent()) ? fromFile(file.get()) : this;
    }

    /**
     * Why this URL cannot be used by the console, or empty when it can: the console carries only Derby's network
     * client, so an embedded ({@code jdbc:derby:folder}) or another database's URL is refused with a sentence.
     */
    public static Optional<String> problem(String url) {
        String u = text(url);
        if (u.isEmpty()) {
            return Optional.of("empty");
        }
        if (!u.startsWith(URL_PREFIX) || u.length() <= URL_PREFIX.length() || u.chars().anyMatch(Character::isISOControl)
                || u.length() > 2000) {
            return Optional.of("not-network");
        }
        return Optional.empty();
    }

    private static StoreLocation fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return new StoreLocation(Optional.empty(), Source.NONE, Optional.of(file));
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return new StoreLocation(Optional.empty(), Source.NONE, Optional.of(file));
        }
        String url = text(p.getProperty("db.url"));
        return url.startsWith("jdbc:") ? new StoreLocation(Optional.of(url), Source.HQ_DATA, Optional.of(file))
                : new StoreLocation(Optional.empty(), Source.NONE, Optional.of(file));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().strip();
    }
}
