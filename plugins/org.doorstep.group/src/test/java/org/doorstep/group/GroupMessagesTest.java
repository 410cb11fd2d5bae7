package org.doorstep.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** Both languages have the same keys, and every problem, state, format and column has its words. */
class GroupMessagesTest {

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        assertEquals(new TreeSet<>(load("messages.properties").stringPropertyNames()),
                new TreeSet<>(load("messages_en.properties").stringPropertyNames()));
    }

    @Test
    void everythingShownHasItsWords() {
        for (Locale locale : new Locale[] { Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH }) {
            GroupMessages m = GroupMessages.of(locale);
            for (GroupProblem.Code code : GroupProblem.Code.values()) {
                if (code != GroupProblem.Code.ID_NUMBER && code != GroupProblem.Code.TRANSITION) {
                    assertFalse(m.text(code.key(), "1").isBlank(), code.key());
                }
            }
            for (BoardState s : BoardState.values()) {
                assertFalse(s.label(locale).isBlank());
            }
            for (RosterFormat f : RosterFormat.values()) {
                assertFalse(f.label(locale).isBlank());
            }
            for (Column c : Column.values()) {
                assertFalse(c.label(locale).isBlank());
            }
        }
        assertEquals("等候中", BoardState.WAITING.label(Locale.SIMPLIFIED_CHINESE));
        assertEquals("Waiting", BoardState.WAITING.label(Locale.ENGLISH));
        assertEquals("等候中", BoardState.WAITING.label(Locale.GERMAN), "Chinese for anything but English");
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = GroupMessages.class.getResourceAsStream(name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
