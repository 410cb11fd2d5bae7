package org.doorstep.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

/**
 * The bundle bnd generates: our package exported, the XLSX reader and what it reaches embedded (so the feature needs
 * no jars without OSGi manifests), nothing of them imported.
 */
class BundleManifestTest {

    @Test
    void theXlsxReaderIsEmbeddedAndOnlyOurPackageIsExported() throws Exception {
        Path classes = Path.of(GroupSessions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Manifest manifest;
        try (InputStream in = Files.newInputStream(classes.resolve("META-INF/MANIFEST.MF"))) {
            manifest = new Manifest(in);
        }
        var main = manifest.getMainAttributes();
        assertEquals("org.doorstep.group", main.getValue("Bundle-SymbolicName"));
        String exports = main.getValue("Export-Package");
        assertTrue(exports.startsWith("org.doorstep.group;"), exports);
        assertFalse(exports.contains("dhatim") || exports.contains("commons"), exports);
        String imports = main.getValue("Import-Package");
        for (String embedded : new String[] { "org.dhatim", "com.fasterxml.aalto", "org.codehaus.stax2", "org.apache.commons" }) {
            assertFalse(imports.contains(embedded), embedded + " is imported: " + imports);
        }
        assertTrue(Files.isRegularFile(classes.resolve("org/dhatim/fastexcel/reader/ReadableWorkbook.class")));
        assertTrue(Files.isRegularFile(classes.resolve("org/apache/commons/compress/archivers/zip/ZipFile.class")));
    }
}
