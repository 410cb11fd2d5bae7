package org.doorstep.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.domain.checklist.Checklist;
import org.doorstep.domain.checklist.ChecklistJson;
import org.doorstep.domain.checklist.ItemKey;
import org.doorstep.domain.form.FormJson;
import org.doorstep.domain.form.FormValidator;
import org.doorstep.domain.visit.GpsPosition;
import org.doorstep.domain.visit.Officer;
import org.doorstep.domain.visit.Presence;
import org.doorstep.domain.visit.VisitJson;
import org.doorstep.domain.visit.VisitRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Damaged files of every kind the domain reads never crash it: each is either read or refused with problems
 * that have a message in both languages. Damage is seeded, so a failure can be reproduced.
 */
class BadInputTest {

    private static final Catalogue CATALOGUE = Catalogue.builtIn();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Reads {@code bytes}; anything but success or an {@link InvalidInputException} with messages fails the test. */
    private static void survives(String what, byte[] bytes, Function<byte[], ?> reader) {
        try {
            reader.apply(bytes);
        } catch (InvalidInputException e) {
            assertFalse(e.problems().isEmpty());
            for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
                for (String m : e.messages(locale)) {
                    assertFalse(m.isBlank());
                }
            }
        } catch (RuntimeException e) {
            fail(what + " crashed the reader on: " + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }

    private static byte[] damageBytes(byte[] original, Random random) {
        byte[] b = original.clone();
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && b.length > 0; i++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(3)) {
                case 0 -> {
                    byte[] noise = "{}[]\",:0-x\\ \u00ff".getBytes(StandardCharsets.ISO_8859_1);
                    b[at] = noise[random.nextInt(noise.length)];
                }
                case 1 -> {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                }
                default -> b = java.util.Arrays.copyOf(b, at); // cut short
            }
        }
        return b;
    }

    /** Replaces one value somewhere in the tree with a value of another kind. */
    private static byte[] damageTree(byte[] original, Random random) {
        try {
            JsonNode root = TestCatalogues.JSON.readTree(original);
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode target = containers.get(random.nextInt(containers.size()));
            JsonNode replacement = switch (random.nextInt(7)) {
                case 0 -> NODES.nullNode();
                case 1 -> NODES.numberNode(random.nextInt(2) == 0 ? -1 : 1e300);
                case 2 -> NODES.textNode(random.nextInt(2) == 0 ? "" : "<script>");
                case 3 -> NODES.booleanNode(true);
                case 4 -> NODES.arrayNode().add(1);
                case 5 -> NODES.objectNode().put("unexpected", 1);
                default -> NODES.textNode("2025-02-30");
            };
            if (target instanceof ObjectNode o && o.size() > 0) {
                List<String> names = new ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                o.set(names.get(random.nextInt(names.size())), replacement);
            } else if (target instanceof ArrayNode a && a.size() > 0) {
                a.set(random.nextInt(a.size()), replacement);
            }
            return TestCatalogues.JSON.writeValueAsBytes(root);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
                collect(it.next(), out);
            }
        }
    }

    private static void hammer(String what, byte[] valid, Function<byte[], ?> reader, int rounds, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < rounds; i++) {
            survives(what, damageBytes(valid, random), reader);
            survives(what, damageTree(valid, random), reader);
        }
    }

    @Test
    void damagedCataloguesAreRefusedNeverCrash() {
        hammer("catalogue", TestCatalogues.bytes(TestCatalogues.builtInTree()), Catalogue::parse, 150, 1);
    }

    @Test
    void damagedFormsAreRefusedNeverCrashAndReadOnesValidateAndMakeAChecklistOrRefuse() {
        byte[] valid = FormJson.write(TestForms.withRelief(TestForms.withDelivery(TestForms.minor(),
                new org.doorstep.domain.form.Delivery(DeliveryMethod.POSTAL, TestForms.address())),
                new org.doorstep.domain.form.FeeRelief(ReliefBasis.HARDSHIP, "scan.x")));
        FormValidator validator = new FormValidator(CATALOGUE);
        hammer("form", valid, bytes -> {
            var form = FormJson.read(bytes);
            validator.validate(form, TestForms.VISIT).forEach(p -> p.message(Locale.ENGLISH));
            return Checklist.generate(CATALOGUE, form, TestForms.VISIT);
        }, 400, 2);
    }

    @Test
    void damagedVisitRecordsAndChecklistsAreRefusedNeverCrash() {
        VisitRecord record = new VisitRecord(new Officer("J1", "王警官"), Instant.parse("2025-06-01T01:00:00Z"),
                Instant.parse("2025-06-01T02:00:00Z"), "某地", new GpsPosition(39.9, 116.3, 10, Instant.parse("2025-06-01T01:10:00Z")),
                TestForms.minor().visit(), new Presence.Witnessed("李强", TestForms.SON, "photo.w", "失明"));
        hammer("visit", VisitJson.write(record), VisitJson::read, 300, 3);
        Checklist c = Checklist.generate(CATALOGUE, TestForms.elderly(), TestForms.VISIT)
                .attach(ItemKey.of("resident-id-card"), "scan.id").acceptPending(ItemKey.of("kinship-proof"));
        hammer("checklist", ChecklistJson.write(c), bytes -> Checklist.restore(CATALOGUE, TestForms.elderly(),
                ChecklistJson.read(bytes)), 300, 4);
    }

    @Test
    void deeplyNestedAndHugeInputsAreRefused() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        survives("deep", deep.getBytes(StandardCharsets.UTF_8), FormJson::read);
        survives("huge", new byte[FormJson.MAX_BYTES + 1], FormJson::read);
        survives("map", Map.of().toString().getBytes(StandardCharsets.UTF_8), VisitJson::read);
    }
}
