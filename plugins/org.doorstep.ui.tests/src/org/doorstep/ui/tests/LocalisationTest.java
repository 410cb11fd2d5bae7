package org.doorstep.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.doorstep.ui.internal.Messages;
import org.doorstep.ui.internal.vault.ShellMessages;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** Every user-visible string exists in Simplified Chinese (the default) and in English. */
class LocalisationTest {

    private static final String BASE = "OSGI-INF/l10n/bundle";

    @Test
    void chineseAndEnglishDefineExactlyTheSameKeys() throws IOException {
        Properties chinese = load(BASE + ".properties");
        Properties english = load(BASE + "_en.properties");
        assertEquals(new TreeSet<>(chinese.stringPropertyNames()), new TreeSet<>(english.stringPropertyNames()));
    }

    @Test
    void everyMessageFieldHasATextInBothLanguages() throws IOException {
        Set<String> fields = Arrays.stream(Messages.class.getFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers())).map(Field::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(fields.isEmpty());
        for (String file : new String[] { BASE + ".properties", BASE + "_en.properties" }) {
            Properties texts = load(file);
            for (String field : fields) {
                String text = texts.getProperty(field);
                assertNotNull(text, file + " has no text for " + field);
                assertFalse(text.isBlank(), file + " has an empty text for " + field);
            }
        }
    }

    @Test
    void shellScreensDefineTheSameKeysInBothLanguagesAndEveryField() throws IOException {
        Properties chinese = load("OSGI-INF/l10n/shell.properties");
        Properties english = load("OSGI-INF/l10n/shell_en.properties");
        assertEquals(new TreeSet<>(chinese.stringPropertyNames()), new TreeSet<>(english.stringPropertyNames()));
        Set<String> fields = Arrays.stream(ShellMessages.class.getFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers())).map(Field::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(fields, new TreeSet<>(chinese.stringPropertyNames()), "ShellMessages fields and shell.properties keys");
        for (String field : fields) {
            assertFalse(chinese.getProperty(field).isBlank(), "empty Chinese text for " + field);
            assertFalse(english.getProperty(field).isBlank(), "empty English text for " + field);
        }
        assertTrue(chinese.getProperty("vault_unlock_heading").codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), "shell.properties is Chinese");
    }

    @Test
    void theDefaultFileIsChinese() throws IOException {
        String title = load(BASE + ".properties").getProperty("window.title");
        assertTrue(title.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                "default window title should be Chinese: " + title);
    }

    private static Properties load(String path) throws IOException {
        Bundle ui = FrameworkUtil.getBundle(Messages.class);
        URL entry = ui.getEntry(path);
        assertNotNull(entry, path + " missing from " + ui.getSymbolicName());
        Properties properties = new Properties();
        try (InputStream in = entry.openStream()) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
