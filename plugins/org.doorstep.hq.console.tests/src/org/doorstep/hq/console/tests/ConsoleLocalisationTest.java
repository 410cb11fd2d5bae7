package org.doorstep.hq.console.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.doorstep.hq.console.internal.ConsoleMessages;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;

/** Every user-visible string of the console exists in Simplified Chinese (the default) and in English, alike. */
class ConsoleLocalisationTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)\\}");

    @Test
    void chineseAndEnglishDefineExactlyTheSameKeys() throws IOException {
        assertEquals(new TreeSet<>(TestMessages.load(TestMessages.CHINESE).stringPropertyNames()),
                new TreeSet<>(TestMessages.load(TestMessages.ENGLISH).stringPropertyNames()));
    }

    @Test
    void everyMessageFieldHasATextInBothLanguagesAndNoFileHasTextsWithoutAField() throws IOException {
        Set<String> fields = Arrays.stream(ConsoleMessages.class.getFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers())).map(Field::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(fields.size() > 300, "the console's texts: " + fields.size());
        for (String file : new String[] {TestMessages.CHINESE, TestMessages.ENGLISH}) {
            Properties texts = TestMessages.load(file);
            for (String field : fields) {
                String text = texts.getProperty(field);
                assertNotNull(text, file + " has no text for " + field);
                assertFalse(text.isBlank(), file + " has an empty text for " + field);
            }
            Set<String> keys = new TreeSet<>(texts.stringPropertyNames());
            keys.removeIf(k -> k.contains("."));
            assertEquals(fields, keys, file + ": keys without a dot are exactly the message fields");
        }
    }

    @Test
    void patternsHaveTheSamePlaceholdersInBothLanguagesAndParse() throws IOException {
        Properties chinese = TestMessages.load(TestMessages.CHINESE);
        Properties english = TestMessages.load(TestMessages.ENGLISH);
        for (String key : chinese.stringPropertyNames()) {
            assertEquals(placeholders(chinese.getProperty(key)), placeholders(english.getProperty(key)), key);
            if (!placeholders(chinese.getProperty(key)).isEmpty()) {
                new MessageFormat(chinese.getProperty(key), Locale.SIMPLIFIED_CHINESE);
                new MessageFormat(english.getProperty(key), Locale.ENGLISH);
                assertFalse(english.getProperty(key).contains("'"), key + ": MessageFormat would swallow a ' (write ’)");
            }
        }
    }

    @Test
    void theModelAndThePluginNameOnlyKeysThatExist() throws IOException {
        Properties chinese = TestMessages.load(TestMessages.CHINESE);
        for (String file : new String[] {"Application.e4xmi", "plugin.xml", "META-INF/MANIFEST.MF"}) {
            String text;
            try (InputStream in = FrameworkUtil.getBundle(ConsoleMessages.class).getEntry(file).openStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Matcher m = Pattern.compile("%([A-Za-z][\\w.]*)").matcher(text);
            int found = 0;
            while (m.find()) {
                found++;
                assertNotNull(chinese.getProperty(m.group(1)), file + " names %" + m.group(1) + ", which has no text");
            }
            assertTrue(found > 0, file + " names texts by key");
        }
    }

    @Test
    void theDefaultFileIsChinese() throws IOException {
        String title = TestMessages.load(TestMessages.CHINESE).getProperty("window.title");
        assertTrue(title.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                "the default window title is Chinese: " + title);
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
