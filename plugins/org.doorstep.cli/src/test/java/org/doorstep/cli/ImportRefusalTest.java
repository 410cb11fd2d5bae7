package org.doorstep.cli;

import static org.doorstep.cli.CliRun.OFFICER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import org.doorstep.vault.Fixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad case file is refused with one line naming the problem, exit 1, and nothing stored
 * changed: the data folder is byte for byte the same, the case list and the audit trail too. One vault,
 * holding one case, serves every test: none of them may change it. Bad structure, bad files, and what the
 * domain refuses: a form field, a scan for a material the case does not need, a core item pending, a visit
 * record that cannot be true.
 */
class ImportRefusalTest {

    @TempDir
    static Path dir;
    static CliRun cli;
    static Path in;

    @BeforeAll
    static void aVaultWithOneCaseAndSomeFiles() throws Exception {
        cli = new CliRun(dir.resolve("data"));
        cli.setUp();
        cli.asOfficer("import", CliRun.examples().resolve("case.json").toString(), "--as", OFFICER).assertOk();
        in = Files.createDirectories(dir.resolve("in"));
        byte[] jpeg = Fixture.resource("obama.jpg");
        Files.write(in.resolve("photo.jpg"), jpeg);
        Files.write(in.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        Files.writeString(in.resolve("notes.jpg"), "this is a text file with a .jpg name\n");
        Files.write(in.resolve("scan.pdf"), MediaCheckTest.PDF);
        Files.write(in.resolve("print.wsq"), Fixture.resource("wsq-original.wsq"));
        Files.createDirectories(in.resolve("folder.jpg"));
    }

    static Stream<Arguments> badCaseFiles() {
        String ok = CaseFiles.caseWith("");
        String open = ok.substring(0, ok.length() - 1); // without the closing brace, to add members
        return Stream.of(
                Arguments.of("malformed JSON", open + ",\n  \"attachments\": [\n", "malformed.json:8:1: malformed JSON"),
                Arguments.of("a trailing comma", open + ",}", "malformed JSON: Unexpected character ('}'"),
                Arguments.of("a comment", open + " // note\n}", "malformed JSON"),
                Arguments.of("content after the object", ok + " {}", "more content after the case object"),
                Arguments.of("a duplicate field", open + ", \"label\": \"李四\"}", "Duplicate field 'label'"),
                Arguments.of("a duplicate field in the form",
                        ok.replace("\"phone\": \"13800000000\"", "\"phone\": \"1\", \"phone\": \"2\""),
                        "Duplicate field 'phone'"),
                Arguments.of("an unknown top-level field", open + ", \"colour\": \"red\"}",
                        "$: unknown field \"colour\" (allowed: format, label, visitDate, form, attachments, pending, visit)"),
                Arguments.of("an unknown attachment field", open + ", \"attachments\": [{\"kind\": \"photo\", "
                        + "\"slot\": \"photo\", \"file\": \"photo.jpg\", \"dpi\": 300}]}",
                        "$.attachments[0]: unknown field \"dpi\" (allowed: kind, slot, file, material)"),
                Arguments.of("another format", ok.replace("case/2", "case/1"),
                        "$.format: is 'doorstep-case/1'; this version reads 'doorstep-case/2'"),
                Arguments.of("no form", "{\"format\": \"doorstep-case/2\", \"label\": \"张三\"}",
                        "$: the required field \"form\" is missing"),
                Arguments.of("a blank label", ok.replace("\"label\": \"张三\"", "\"label\": \"  \""), "$.label: must have 1-500 characters"),
                Arguments.of("urgent, which moved into the form", open + ", \"urgent\": \"yes\"}",
                        "$: unknown field \"urgent\" (allowed: format, label, visitDate, form, attachments, pending, visit;"
                                + " urgent processing is asked for in the form's \"urgent\")"),
                Arguments.of("a form that is not an object", CaseFiles.caseWith("[]", ""), "$.form: must be an object, not an array"),
                Arguments.of("an unknown kind", open + ", \"attachments\": [{\"kind\": \"iris\", \"slot\": \"iris\", "
                        + "\"file\": \"photo.jpg\"}]}", "$.attachments[0].kind: is 'iris'"),
                Arguments.of("a slot used twice", open + ", \"attachments\": [" + photo("photo.jpg") + ", "
                        + photo("photo.jpg") + "]}", "$.attachments[1].slot: 'photo' is already used by $.attachments[0]"),
                Arguments.of("the form's slot", open + ", \"attachments\": [{\"kind\": \"scan\", \"slot\": \"form\", "
                        + "\"file\": \"scan.pdf\"}]}", "'form' is already used by $.form"),
                Arguments.of("the checklist's slot", open + ", \"attachments\": [{\"kind\": \"scan\", \"slot\": "
                        + "\"checklist\", \"file\": \"scan.pdf\"}]}", "'checklist' is already used by the case's checklist"),
                Arguments.of("a bad slot", open + ", \"attachments\": [{\"kind\": \"photo\", \"slot\": \"Photo 1\", "
                        + "\"file\": \"photo.jpg\"}]}", "$.attachments[0].slot: item slot must be"),
                Arguments.of("a missing file", open + ", \"attachments\": [" + photo("gone.jpg") + "]}",
                        "$.attachments[0].file 'gone.jpg' does not exist"),
                Arguments.of("a folder", open + ", \"attachments\": [" + photo("folder.jpg") + "]}", "is not a file"),
                Arguments.of("a text file named .jpg", open + ", \"attachments\": [" + photo("notes.jpg") + "]}",
                        "'notes.jpg' is not an image: its content is not JPEG or PNG"),
                Arguments.of("a truncated JPEG", open + ", \"attachments\": [" + photo("cut.jpg") + "]}",
                        "'cut.jpg' is a damaged or cut-short JPEG image"),
                Arguments.of("a PDF as photo", open + ", \"attachments\": [" + photo("scan.pdf") + "]}",
                        "'scan.pdf' is a PDF document; a photo must be JPEG or PNG"),
                Arguments.of("a WSQ as photo", open + ", \"attachments\": [" + photo("print.wsq") + "]}",
                        "'print.wsq' is a WSQ image; a photo must be JPEG or PNG"),
                Arguments.of("a good file after a bad one", open + ", \"attachments\": [" + photo("photo.jpg")
                        + ", {\"kind\": \"scan\", \"slot\": \"scan.id\", \"file\": \"notes.jpg\"}]}",
                        "$.attachments[1].file 'notes.jpg' is not an image or a PDF document"),
                Arguments.of("an empty file", "", "an-empty-file.json is empty"),
                Arguments.of("only white space", " \n\t\n", "malformed JSON: the file holds no JSON value"),

                // the form, judged by the domain against the built-in catalogue on the visit date
                Arguments.of("a form of another format", ok.replace("form/1", "form/2"),
                        "$.form.format: the format is \"doorstep-form/2\"; this version reads \"doorstep-form/1\""),
                Arguments.of("an unknown field in the form", ok.replace("\"visit\": {", "\"colour\": \"red\", \"visit\": {"),
                        "$.form.colour: unknown field \"colour\""),
                Arguments.of("a wrong check character", ok.replace("11010519491231002X", "110105194912310021"),
                        "$.form.applicant.idNumber: Applicant's identity number: the check character does not match"),
                Arguments.of("a minor without a guardian", ok.replace("11010519491231002X", "320102201205200035"),
                        "$.form.guardian: Guardian: the applicant is under 18 (14) and must apply with a guardian"
                                + " (and 1 more problem)"),
                Arguments.of("evidence that is not attached",
                        ok.replace("{\"reason\": \"aged-60-plus\"}", "{\"reason\": \"disabled\", \"evidence\": \"scan.disability\"}"),
                        "$.form.visit.evidence: names the case item 'scan.disability', but no attachment has that slot"),
                Arguments.of("a visit date in the future", ok.replace(CaseFiles.VISIT_DATE, "2099-01-01"),
                        "$.visitDate: 2099-01-01 is after today"),
                Arguments.of("a visit date that is no date", ok.replace(CaseFiles.VISIT_DATE, "20.11.2026"),
                        "$.visitDate: '20.11.2026' is not a date; write it like 2026-11-20"),

                // scans linked to checklist items, and items accepted pending
                Arguments.of("a scan for a material the case does not need", open + ", \"attachments\": [" + scan("household-register")
                        + "]}", "$.attachments[0].material: \"household-register\" is not on this case's checklist (its items:"
                                + " resident-id-card)"),
                Arguments.of("a photo for a material", open + ", \"attachments\": [{\"kind\": \"photo\", \"slot\": \"photo\", "
                        + "\"file\": \"photo.jpg\", \"material\": \"resident-id-card\"}]}",
                        "$.attachments[0].material: only a scan is attached to a checklist material, not a photo"),
                Arguments.of("a core item accepted pending", open + ", \"pending\": [{\"material\": \"resident-id-card\"}]}",
                        "$.pending[0].material: \"Applicant's resident identity card\" is a core material and cannot be"
                                + " handed in later"),
                Arguments.of("a deadline beyond the limit", CaseFiles.caseWith(CaseFiles.FORM_WITH_PERMIT,
                        ", \"pending\": [{\"material\": \"kinship-proof\", \"deadline\": \"2027-06-01\"}]"),
                        "$.pending[0].deadline: the deadline 2027-06-01 is not from 2026-11-21 to 2026-12-20"),
                Arguments.of("an item both attached and pending", CaseFiles.caseWith(CaseFiles.FORM_WITH_PERMIT,
                        ", \"attachments\": [" + scan("kinship-proof") + "], \"pending\": [{\"material\": \"kinship-proof\"}]"),
                        "$.pending[0].material: \"Proof of kinship\" is present ($.attachments[0]); it cannot also be pending"),

                // the visit record, judged against the clock and the form
                Arguments.of("a visit record that is not an object", open + ", \"visit\": \"yesterday\"}",
                        "$.visit: must be an object, not a string"),
                Arguments.of("a visit that ends before it starts", open + ", \"visit\": "
                        + CaseFiles.VISIT.replace("10:00:00", "09:00:00") + "}",
                        "$.visit.end: Departure: 2026-11-20 09:00 is before the arrival at 2026-11-20 09:30"),
                Arguments.of("a visit on another day", open + ", \"visit\": " + CaseFiles.VISIT.replace("11-20T", "11-19T") + "}",
                        "$.visit.start: the visit began on 2026-11-19, not on the visit date 2026-11-20"),
                Arguments.of("a visit record whose signature is not attached", open + ", \"visit\": " + CaseFiles.VISIT + "}",
                        "$.visit.presence.signature: names the case item 'signature', but no attachment has that slot"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCaseFiles")
    void aBadCaseFileIsRefusedInOneLineAndChangesNothing(String what, String json, String expected) throws Exception {
        Path file = in.resolve(what.equals("malformed JSON") ? "malformed.json" : what.replace(' ', '-') + ".json");
        Files.writeString(file, json);
        assertRefusedWithoutChange(expected, "import", file.toString(), "--as", OFFICER);
    }

    @Test
    void aMissingCaseFileIsRefusedAndChangesNothing() throws Exception {
        assertRefusedWithoutChange("case file " + in.resolve("nowhere.json") + " does not exist",
                "import", in.resolve("nowhere.json").toString(), "--as", OFFICER);
    }

    private static void assertRefusedWithoutChange(String expected, String... args) {
        String cases = cli.listJson();
        long entries = cli.auditEntries();
        var files = cli.snapshot();

        cli.run("", Map.of(Passphrases.ENV, CliRun.PASSPHRASE), args).assertFails(VaultCli.EXIT_BAD_INPUT, expected);

        assertEquals(files, cli.snapshot(), "the data folder is unchanged, byte for byte");
        // verify's own lock and the next verify's unlock, nothing else
        assertEquals(entries + 2, cli.auditEntries(), "the audit trail");
        assertEquals(cases, cli.listJson(), "the cases");
    }

    private static String photo(String file) {
        return "{\"kind\": \"photo\", \"slot\": \"photo\", \"file\": \"" + file + "\"}";
    }

    private static String scan(String material) {
        return "{\"kind\": \"scan\", \"slot\": \"scan.1\", \"file\": \"scan.pdf\", \"material\": \"" + material + "\"}";
    }
}
