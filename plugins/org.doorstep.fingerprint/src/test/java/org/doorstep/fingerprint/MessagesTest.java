package org.doorstep.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void chineseAndEnglishHaveTheSameKeys() throws Exception {
        assertEquals(load("messages.properties").stringPropertyNames(), load("messages_en.properties").stringPropertyNames());
    }

    @Test
    void everyKeyUsedInTheCodeExists() throws Exception {
        Set<String> keys = load("messages.properties").stringPropertyNames();
        Set<String> used = new TreeSet<>();
        Pattern literal = Pattern.compile("\"((?:image|photo|record|device|import|session|exception)\\.[A-Za-z.]+)\"");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertFalse(used.isEmpty());
        used.removeAll(keys);
        assertEquals(Set.of(), used);
    }

    @Test
    void everyFingerSourceReasonAndIssueHasWordsInBothLanguages() {
        for (Locale locale : new Locale[] { Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH }) {
            for (FingerPosition p : FingerPosition.values()) {
                FingerprintMessages.position(locale, p);
            }
            for (SourceKind k : SourceKind.values()) {
                FingerprintMessages.source(locale, k);
            }
            for (ExceptionReason r : ExceptionReason.values()) {
                FingerprintMessages.text(locale, "reason." + r.name());
            }
            for (QualityIssue i : QualityIssue.values()) {
                FingerprintMessages.text(locale, "issue." + i.name());
            }
        }
    }

    @Test
    void chineseIsTheDefaultWhateverTheJvmLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.ENGLISH);
            assertEquals("右手食指", FingerprintMessages.position(Locale.SIMPLIFIED_CHINESE, FingerPosition.RIGHT_INDEX));
            assertEquals("右手食指", FingerprintMessages.position(Locale.GERMAN, FingerPosition.RIGHT_INDEX));
            assertEquals("right index finger", FingerprintMessages.position(Locale.ENGLISH, FingerPosition.RIGHT_INDEX));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void portsAreNotFormattedAsNumbers() {
        FingerprintDeviceException e = new FingerprintDeviceException("device.http", 4501, 500);
        assertEquals("The fingerprint scanner on port 4501 answered with HTTP error 500.", e.getMessage());
        assertNotEquals(e.getMessage(), e.message(Locale.SIMPLIFIED_CHINESE));
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/org/doorstep/fingerprint/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
