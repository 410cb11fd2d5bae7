package org.doorstep.hq.console.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.doorstep.hq.console.internal.ConsoleMessages;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** The console's texts read straight from its properties files, as the translation service would fill them. */
final class TestMessages {

    static final String CHINESE = "OSGI-INF/l10n/bundle.properties";
    static final String ENGLISH = "OSGI-INF/l10n/bundle_en.properties";

    private TestMessages() {
    }

    static Properties load(String path) throws IOException {
        Bundle console = FrameworkUtil.getBundle(ConsoleMessages.class);
        URL entry = console.getEntry(path);
        if (entry == null) {
            throw new IOException(path + " missing from " + console.getSymbolicName());
        }
        Properties properties = new Properties();
        try (InputStream in = entry.openStream()) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    static ConsoleMessages of(String path) throws IOException, IllegalAccessException {
        Properties texts = load(path);
        ConsoleMessages m = new ConsoleMessages();
        for (Field f : ConsoleMessages.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                f.set(m, texts.getProperty(f.getName()));
            }
        }
        return m;
    }

    static ConsoleMessages chinese() throws IOException, IllegalAccessException {
        return of(CHINESE);
    }

    static ConsoleMessages english() throws IOException, IllegalAccessException {
        return of(ENGLISH);
    }
}
