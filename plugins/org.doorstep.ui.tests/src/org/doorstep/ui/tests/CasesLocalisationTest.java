package org.doorstep.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.doorstep.ui.internal.cases.CasesMessages;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;

/** The case screens' texts ({@code OSGI-INF/l10n/cases*.properties}) exist in Chinese and English for every field. */
class CasesLocalisationTest {

    private static final String BASE = "OSGI-INF/l10n/cases";

    @Test
    void everyCaseScreenTextIsInChineseAndEnglish() throws IOException {
        Properties chinese = load(BASE + ".properties");
        Properties english = load(BASE + "_en.properties");
        assertEquals(new TreeSet<>(chinese.stringPropertyNames()), new TreeSet<>(english.stringPropertyNames()));
        Set<String> fields = Arrays.stream(CasesMessages.class.getFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers())).map(Field::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(fields.isEmpty());
        for (Properties texts : new Properties[] { chinese, english }) {
            for (String field : fields) {
                assertNotNull(texts.getProperty(field), "no text for " + field);
                assertFalse(texts.getProperty(field).isBlank(), "empty text for " + field);
            }
        }
        assertEquals("今日走访", chinese.getProperty("visits_heading"));
    }

    private static Properties load(String entry) throws IOException {
        try (InputStream in = FrameworkUtil.getBundle(CasesMessages.class).getEntry(entry).openStream()) {
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        }
    }
}
