package org.doorstep.domain.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.Issue;
import org.doorstep.domain.Problem;
import org.doorstep.domain.ProblemCode;
import org.doorstep.domain.TestCatalogues;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class CatalogueTest {

    private final Catalogue catalogue = Catalogue.builtIn();

    private static List<Problem> problems(byte[] json) {
        return assertThrows(InvalidInputException.class, () -> Catalogue.parse(json)).problems();
    }

    private static List<Problem> problems(ObjectNode tree) {
        return problems(TestCatalogues.bytes(tree));
    }

    private static Problem only(List<Problem> problems) {
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    @Test
    void builtInCatalogueOffersEveryDocumentOfTheIssue() {
        assertEquals(1, catalogue.version());
        assertEquals(LocalDate.of(2025, 1, 1), catalogue.effective());
        assertEquals(List.of("passport", "hk-macau-permit", "taiwan-permit", "resident-id-card", "temporary-id-card"),
                catalogue.types().stream().map(ApplicationType::id).toList());
        ApplicationType hk = catalogue.type("hk-macau-permit").orElseThrow();
        assertEquals(List.of("group-tourism", "individual-tourism", "family-visit", "business", "other"),
                hk.endorsements().stream().map(Endorsement::id).toList());
        assertEquals(new BigDecimal("15"), hk.endorsement("group-tourism").orElseThrow().validity("single").orElseThrow().fee());
        assertEquals("往来港澳通行证", hk.name().zh());
        assertTrue(catalogue.type("taiwan-permit").orElseThrow().issue(Issue.ENDORSEMENT_ONLY).isPresent());
        ApplicationType idCard = catalogue.type("resident-id-card").orElseThrow();
        assertEquals(List.of(Issue.FIRST, Issue.RENEWAL, Issue.REPLACE_DAMAGED, Issue.REPLACE_LOST),
                idCard.issues().stream().map(IssueRule::issue).toList());
        assertEquals(new BigDecimal("40"), idCard.issue(Issue.REPLACE_LOST).orElseThrow().fee());
        assertEquals(new BigDecimal("120"), catalogue.type("passport").orElseThrow().issue(Issue.FIRST).orElseThrow().fee());
    }

    @Test
    void photoSpecsFollowTheTwoStandards() {
        PhotoSpec exitEntry = catalogue.family("exit-entry").orElseThrow().photo();
        assertEquals(354, exitEntry.widthPx().min());
        assertEquals(472, exitEntry.heightPx().min());
        assertEquals(33, exitEntry.widthMm());
        assertEquals(48, exitEntry.heightMm());
        assertEquals(new Range(15, 22), exitEntry.headWidthMm());
        assertEquals(new Range(28, 33), exitEntry.chinToCrownMm().orElseThrow());
        PhotoSpec idCard = catalogue.family("id-card").orElseThrow().photo();
        assertEquals(new Range(358, 358), idCard.widthPx());
        assertEquals(new Range(441, 441), idCard.heightPx());
        assertEquals(350, idCard.dpi().orElseThrow());
        assertEquals(List.of(Background.WHITE), idCard.backgrounds());
        assertEquals(3, idCard.attempts());
    }

    @Test
    void fingerprintsDependOnAgeAndDocument() {
        ApplicationType passport = catalogue.type("passport").orElseThrow();
        assertEquals(FingerprintRequirement.OPTIONAL, catalogue.fingerprints(passport).requirementAt(15));
        assertEquals(FingerprintRequirement.REQUIRED, catalogue.fingerprints(passport).requirementAt(16));
        assertEquals(2, catalogue.fingerprints(passport).fingers());
        assertEquals(Finger.RIGHT_THUMB, catalogue.fingerprints(passport).order().get(0));
        ApplicationType idCard = catalogue.type("resident-id-card").orElseThrow();
        assertEquals(FingerprintRequirement.REQUIRED, catalogue.fingerprints(idCard).requirementAt(3));
        assertEquals(java.util.List.of(Finger.RIGHT_INDEX, Finger.LEFT_INDEX),
                catalogue.fingerprints(idCard).order().subList(0, 2), "ID cards: index fingers first");
        ApplicationType temporary = catalogue.type("temporary-id-card").orElseThrow();
        assertEquals(FingerprintRequirement.NONE, catalogue.fingerprints(temporary).requirementAt(40));
    }

    @Test
    void everyMaterialOfTheBuiltInCatalogueIsRequiredSomewhere() {
        Set<String> used = new HashSet<>();
        catalogue.caseRequirements().forEach(r -> used.add(r.material()));
        for (ApplicationType t : catalogue.types()) {
            t.requirements().forEach(r -> used.add(r.material()));
            t.endorsements().forEach(e -> e.requirements().forEach(r -> used.add(r.material())));
        }
        for (Material m : catalogue.materials()) {
            assertTrue(used.contains(m.id()), m.id() + " is never required");
        }
    }

    @Test
    void malformedJsonIsReportedWithLineAndColumn() {
        Problem p = only(problems("{\n  \"format\": \"doorstep-catalogue/1\",\n  \"version\": 1,,\n}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(ProblemCode.JSON_MALFORMED, p.code());
        assertEquals(3, p.args().get(0));
        assertTrue(p.message(Locale.ENGLISH).startsWith("$: malformed JSON (line 3, column"), p.message(Locale.ENGLISH));
        assertTrue(p.message(Locale.SIMPLIFIED_CHINESE).contains("第 3 行"), p.message(Locale.SIMPLIFIED_CHINESE));
    }

    @Test
    void duplicateKeysTrailingContentEmptyFilesAndOtherEncodingsAreRefused() {
        assertEquals(ProblemCode.JSON_DUPLICATE_KEY, only(problems("{\"version\": 1, \"version\": 2}".getBytes(StandardCharsets.UTF_8))).code());
        assertEquals(ProblemCode.JSON_TRAILING, only(problems("{} {}".getBytes(StandardCharsets.UTF_8))).code());
        assertEquals(ProblemCode.JSON_EMPTY, only(problems("  ".getBytes(StandardCharsets.UTF_8))).code());
        assertEquals(ProblemCode.JSON_NOT_UTF8, only(problems("{\"note\": \"护照\"}".getBytes(java.nio.charset.Charset.forName("GB18030")))).code());
        assertEquals(ProblemCode.JSON_NOT_OBJECT, only(problems("[1, 2]".getBytes(StandardCharsets.UTF_8))).code());
        assertEquals(ProblemCode.JSON_TOO_LARGE, only(problems(new byte[Catalogue.MAX_BYTES + 1])).code());
    }

    @Test
    void unknownFieldsAreNamedWithTheirPath() {
        ObjectNode tree = TestCatalogues.builtInTree();
        ((ObjectNode) tree.withArray("materials").get(2)).put("colour", "blue");
        Problem p = only(problems(tree));
        assertEquals(ProblemCode.JSON_UNKNOWN_FIELD, p.code());
        assertEquals("$.materials[2].colour", p.path());
        assertEquals("$.materials[2].colour: unknown field \"colour\"", p.message(Locale.ENGLISH));
    }

    @Test
    void wrongTypesAndMissingNamesAreNamedWithTheirPath() {
        ObjectNode tree = TestCatalogues.builtInTree();
        tree.put("version", "two");
        Problem p = only(problems(tree));
        assertEquals(ProblemCode.JSON_NOT_INTEGER, p.code());
        assertEquals("$.version", p.path());

        tree = TestCatalogues.builtInTree();
        ((ObjectNode) tree.withArray("materials").get(3).get("name")).remove("en");
        p = only(problems(tree));
        assertEquals(ProblemCode.JSON_REQUIRED, p.code());
        assertEquals("$.materials[3].name.en", p.path());

        tree = TestCatalogues.builtInTree();
        ((ObjectNode) tree.withArray("types").get(0).get("name")).put("zh", "  ");
        p = only(problems(tree));
        assertEquals(ProblemCode.JSON_BLANK, p.code());
        assertEquals("$.types[0].name.zh", p.path());

        tree = TestCatalogues.builtInTree();
        ((ObjectNode) tree.withArray("types").get(0).withArray("issues").get(0)).put("fee", -5);
        p = only(problems(tree));
        assertEquals(ProblemCode.JSON_OUT_OF_RANGE, p.code());
        assertEquals("$.types[0].issues[0].fee", p.path());

        tree = TestCatalogues.builtInTree();
        ((ObjectNode) tree.withArray("materials").get(0)).put("scope", "household");
        p = only(problems(tree));
        assertEquals(ProblemCode.JSON_NOT_ONE_OF, p.code());
        assertEquals("$.materials[0].scope: \"household\" is not allowed; allowed values: case, application",
                p.message(Locale.ENGLISH));
    }

    @Test
    void everyContentProblemIsReportedTogether() {
        ObjectNode tree = TestCatalogues.builtInTree();
        ArrayNode materials = tree.withArray("materials");
        ((ObjectNode) materials.get(1)).put("id", "resident-id-card");                   // duplicate id
        ((ObjectNode) tree.withArray("types").get(0)).put("family", "visa");               // unknown family
        ObjectNode requirement = (ObjectNode) tree.withArray("types").get(0).withArray("requirements").get(0);
        requirement.put("material", "birth-certificate");                                  // unknown material
        ((ArrayNode) requirement.withArray("when")).add("left-handed");                    // unknown condition
        ((ObjectNode) tree.withArray("caseRequirements").get(0)).withArray("when").add("issue:renewal"); // no application here
        ((ObjectNode) tree.withArray("types").get(1).withArray("issues").get(0)).put("fee", 60.005);    // three decimals
        List<Problem> problems = problems(tree);
        Set<String> seen = new HashSet<>();
        problems.forEach(p -> seen.add(p.code() + " " + p.path()));
        assertTrue(seen.contains("CAT_DUPLICATE_ID $.materials[1].id"), seen.toString());
        assertTrue(seen.contains("CAT_UNKNOWN_FAMILY $.types[0].family"), seen.toString());
        assertTrue(seen.contains("CAT_UNKNOWN_MATERIAL $.types[0].requirements[0].material"), seen.toString());
        assertTrue(seen.contains("CAT_UNKNOWN_CONDITION $.types[0].requirements[0].when[1]"), seen.toString());
        assertTrue(seen.contains("CAT_CONDITION_NOT_HERE $.caseRequirements[0].when[1]"), seen.toString());
        assertTrue(seen.contains("CAT_MONEY $.types[1].issues[0].fee"), seen.toString());
        // household-register was renamed, so every reference to it is reported too
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("CAT_UNKNOWN_MATERIAL $.types[3]")), seen.toString());
    }

    @Test
    void anUrgentReasonWithoutEvidenceMaterialIsRefused() {
        ObjectNode tree = TestCatalogues.builtInTree();
        ArrayNode requirements = tree.withArray("caseRequirements");
        for (int i = 0; i < requirements.size(); i++) {
            if (requirements.get(i).get("when").get(0).asText().equals("urgent:study-start")) {
                requirements.remove(i);
                break;
            }
        }
        Problem p = only(problems(tree));
        assertEquals(ProblemCode.CAT_EVIDENCE_MISSING, p.code());
        assertEquals(List.of("urgent:study-start"), p.args());
    }

    @Test
    void photoResolutionMustMatchItsPrintedSizeAndAgeBandsMustAscend() {
        ObjectNode tree = TestCatalogues.builtInTree();
        ((ObjectNode) tree.withArray("families").get(1).get("photo")).put("dpi", 300);
        ArrayNode bands = ((ObjectNode) tree.withArray("families").get(0).get("fingerprints")).withArray("bands");
        ((ObjectNode) bands.get(1)).put("fromAge", 0);
        Set<ProblemCode> codes = new HashSet<>();
        problems(tree).forEach(p -> codes.add(p.code()));
        assertEquals(Set.of(ProblemCode.CAT_PHOTO_DPI, ProblemCode.CAT_AGE_BANDS), codes);
    }

    @Test
    void anotherFormatIsRefused() {
        ObjectNode tree = TestCatalogues.builtInTree();
        tree.put("format", "doorstep-catalogue/2");
        assertEquals(ProblemCode.CAT_FORMAT, only(problems(tree)).code());
    }

    @Test
    void theBuiltInCatalogueReadsBackIdentically() {
        // the loader accepts what the file says and nothing else: re-reading yields the same catalogue view
        Catalogue again = Catalogue.parse(TestCatalogues.bytes(TestCatalogues.builtInTree()));
        assertEquals(catalogue.types(), again.types());
        assertEquals(catalogue.waivers(), again.waivers());
        assertFalse(catalogue.note().isEmpty());
    }
}
