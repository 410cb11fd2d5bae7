package org.doorstep.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.doorstep.domain.catalogue.Catalogue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The built-in catalogue as an editable tree, for tests that need a variant of it. */
public final class TestCatalogues {

    public static final JsonMapper JSON = new JsonMapper();

    private TestCatalogues() {
    }

    public static ObjectNode builtInTree() {
        try (InputStream in = Catalogue.class.getResourceAsStream(Catalogue.BUILT_IN)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(ObjectNode tree) {
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The built-in catalogue with another version and effective date. */
    public static byte[] builtInAs(int version, String effective) {
        ObjectNode tree = builtInTree();
        tree.put("version", version);
        tree.put("effective", effective);
        return bytes(tree);
    }
}
