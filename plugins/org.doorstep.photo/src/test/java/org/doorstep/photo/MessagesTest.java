package org.doorstep.photo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** Both languages have every text; Chinese is what a Chinese (or any non-English) locale gets. */
class MessagesTest {

    @Test
    void chineseAndEnglishHaveTheSameKeys() throws Exception {
        Properties zh = load("messages.properties");
        Properties en = load("messages_en.properties");
        assertEquals(new TreeSet<>(zh.stringPropertyNames()), new TreeSet<>(en.stringPropertyNames()));
        for (CheckId id : CheckId.values()) {
            assertTrue(zh.containsKey("check." + id), "name of " + id);
        }
    }

    @Test
    void chineseIsTheDefaultEvenOnAnEnglishMachine() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.US);
            assertEquals("找到一张人脸。", Reason.of("faces.one").text(Locale.SIMPLIFIED_CHINESE));
            assertEquals("找到一张人脸。", Reason.of("faces.one").text(Locale.ROOT));
            assertEquals("Exactly one face found.", Reason.of("faces.one").text(Locale.UK));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void everyTextFormatsWithNumbers() throws Exception {
        for (String file : new String[] { "messages.properties", "messages_en.properties" }) {
            Properties texts = load(file);
            Locale locale = file.contains("_en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
            for (String key : texts.stringPropertyNames()) {
                if (key.equals("separator")) {
                    continue; // between sentences: a space in English, nothing in Chinese
                }
                String text = Reason.of(key, 1.5, 2, 3, 4, 5, 6).text(locale);
                assertFalse(text.contains("{") || text.isBlank(), file + " " + key + ": " + text);
            }
        }
    }

    private static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/org/doorstep/photo/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
