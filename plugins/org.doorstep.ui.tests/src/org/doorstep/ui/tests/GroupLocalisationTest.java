package org.doorstep.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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

import org.doorstep.ui.internal.group.GroupMessages;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** The group-session screens have every text in Simplified Chinese (the default) and in English. */
class GroupLocalisationTest {

    private static final String BASE = "OSGI-INF/l10n/group";

    @Test
    void everyFieldHasATextInBothLanguagesAndNoFileHasMore() throws IOException {
        Set<String> fields = Arrays.stream(GroupMessages.class.getFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers())).map(Field::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        for (String file : new String[] { BASE + ".properties", BASE + "_en.properties" }) {
            Properties texts = load(file);
            assertEquals(fields, new TreeSet<>(texts.stringPropertyNames()), file);
            for (String field : fields) {
                assertNotNull(texts.getProperty(field), file + " " + field);
                assertFalse(texts.getProperty(field).isBlank(), file + " has an empty text for " + field);
            }
        }
    }

    private static Properties load(String path) throws IOException {
        Bundle bundle = FrameworkUtil.getBundle(GroupMessages.class);
        URL url = bundle.getEntry(path);
        assertNotNull(url, path + " is in the bundle");
        Properties p = new Properties();
        try (InputStream in = url.openStream()) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
