package org.doorstep.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

/** The manifest bnd generates keeps the house rules: API packages only, no SWT and no OSGi framework. */
class BundleManifestTest {

    private static Manifest manifest() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target", "classes", "META-INF", "MANIFEST.MF"))) {
            return new Manifest(in);
        }
    }

    @Test
    void exportsTheApiAndNothingElse() throws IOException {
        var attributes = manifest().getMainAttributes();
        assertEquals("org.doorstep.domain", attributes.getValue("Bundle-SymbolicName"));
        String exports = attributes.getValue("Export-Package");
        for (String api : new String[] {"org.doorstep.domain;", "org.doorstep.domain.catalogue;", "org.doorstep.domain.identity;",
                "org.doorstep.domain.form;", "org.doorstep.domain.checklist;", "org.doorstep.domain.notice;",
                "org.doorstep.domain.visit;"}) {
            assertTrue(exports.contains(api), api + " in " + exports);
        }
        assertFalse(exports.contains("internal"), exports);
    }

    @Test
    void importsNeitherSwtNorTheOsgiFramework() throws IOException {
        String imports = manifest().getMainAttributes().getValue("Import-Package");
        assertFalse(imports.contains("org.eclipse"), imports);
        assertFalse(imports.contains("org.osgi"), imports);
        assertTrue(imports.contains("com.fasterxml.jackson.databind"), imports);
    }
}
