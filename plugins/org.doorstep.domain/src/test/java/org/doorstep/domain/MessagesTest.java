package org.doorstep.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.doorstep.domain.catalogue.Condition;
import org.junit.jupiter.api.Test;

/** Both languages are complete, and every message can name its field. */
class MessagesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

    /** A bundle file read on its own: the en bundle falls back to the Chinese one, which would hide gaps. */
    private static Properties file(String name) throws IOException {
        try (InputStream in = Messages.class.getResourceAsStream("/org/doorstep/domain/" + name)) {
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)));
            return p;
        }
    }

    private static final List<Properties> BOTH;

    static {
        try {
            BOTH = List.of(file("messages.properties"), file("messages_en.properties"));
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static int highestPlaceholder(String pattern) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        int max = -1;
        while (m.find()) {
            max = Math.max(max, Integer.parseInt(m.group(1)));
        }
        return max;
    }

    @Test
    void everyProblemCodeHasAMessageInBothLanguagesThatNamesTheFieldAndUsesItsArguments() {
        for (ProblemCode code : ProblemCode.values()) {
            for (Properties p : BOTH) {
                String pattern = p.getProperty(code.key());
                assertTrue(pattern != null, code.key() + " is missing in a language");
                new MessageFormat(pattern); // parses
                assertTrue(pattern.startsWith("{0}"), code.key() + " must start with the field's label: " + pattern);
                assertEquals(code.arguments(), highestPlaceholder(pattern), code.key() + ": " + pattern);
            }
        }
    }

    @Test
    void bothLanguagesHaveTheSameKeys() {
        assertEquals(new TreeSet<>(BOTH.get(0).stringPropertyNames()), new TreeSet<>(BOTH.get(1).stringPropertyNames()));
    }

    @Test
    void everyValueOfEveryPublicVocabularyHasALabelInBothLanguages() throws Exception {
        List<Class<?>> vocabularies = publicVocabularies();
        assertTrue(vocabularies.size() >= 15, vocabularies.toString());
        for (Class<?> type : vocabularies) {
            for (Object value : type.getEnumConstants()) {
                String key = Messages.vocabularyKey((Vocabulary) value);
                for (Properties p : BOTH) {
                    assertTrue(p.getProperty(key) != null, key + " is missing in a language");
                }
            }
        }
        for (Condition.Kind kind : Condition.Kind.values()) {
            for (Properties p : BOTH) {
                assertTrue(p.getProperty("condition." + kind.id()) != null, "condition." + kind.id());
            }
        }
    }

    /** Public top-level enums implementing {@link Vocabulary}, found among the compiled classes. */
    private static List<Class<?>> publicVocabularies() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(Vocabulary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$")).toList()) {
                String name = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".").replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name);
                if (c.isEnum() && Vocabulary.class.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers())) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    @Test
    void fieldLabelsTakeOnlyTheirPathsIndices() {
        for (Properties p : BOTH) {
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith("field.")) {
                    new MessageFormat(p.getProperty(key));
                    long arrays = key.chars().filter(c -> c == '.').count(); // a loose upper bound on indices
                    assertTrue(highestPlaceholder(p.getProperty(key)) < arrays, key);
                }
            }
        }
    }

    @Test
    void theDefaultFileIsChineseAndChineseIsChosenWhateverTheJvmsLocale() {
        assertTrue(BOTH.get(0).getProperty("form.required").contains("必须填写"));
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.US);
            assertEquals("{0}：必须填写".replace("{0}", "申请人姓名"),
                    Messages.of(Locale.CHINA).format(Problem.of("$.applicant.name", ProblemCode.FORM_REQUIRED)));
            assertEquals("Applicant's name: is required",
                    Messages.of(Locale.UK).format(Problem.of("$.applicant.name", ProblemCode.FORM_REQUIRED)));
            Locale.setDefault(Locale.CHINA);
            assertEquals("Applicant's name: is required",
                    Messages.of(Locale.ENGLISH).format(Problem.of("$.applicant.name", ProblemCode.FORM_REQUIRED)));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void labelsCountPositionsFromOne() {
        assertEquals("第 2 项申请第 1 个签注的有效次数",
                Messages.of(Locale.CHINA).label("$.applications[1].endorsements[0].validity"));
        assertEquals("Validity of endorsement 1 of application 2",
                Messages.of(Locale.ENGLISH).label("$.applications[1].endorsements[0].validity"));
        assertEquals("$.types[3].family", Messages.of(Locale.ENGLISH).label("$.types[3].family"));
    }
}
