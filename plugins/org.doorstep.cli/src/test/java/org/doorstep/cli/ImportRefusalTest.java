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
 * holding one case, serves every test: none of them may change it.
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
        String ok = "\"format\": \"doorstep-case/1\", \"label\": \"张三\", \"form\": {}";
        return Stream.of(
                Arguments.of("malformed JSON", "{" + ok + ",\n  \"attachments\": [\n", "malformed.json:3:1: malformed JSON"),
                Arguments.of("a trailing comma", "{" + ok + ",}", "malformed JSON: Unexpected character ('}'"),
                Arguments.of("a comment", "{" + ok + " // note\n}", "malformed JSON"),
                Arguments.of("content after the object", "{" + ok + "} {}", "more content after the case object"),
                Arguments.of("a duplicate field", "{" + ok + ", \"label\": \"李四\"}", "Duplicate field 'label'"),
                Arguments.of("a duplicate field in the form", "{" + ok.replace("{}", "{\"a\": 1, \"a\": 2}") + "}",
                        "Duplicate field 'a'"),
                Arguments.of("an unknown top-level field", "{" + ok + ", \"colour\": \"red\"}",
                        "$: unknown field \"colour\" (allowed: format, label, urgent, form, attachments)"),
                Arguments.of("an unknown attachment field", "{" + ok + ", \"attachments\": [{\"kind\": \"photo\", "
                        + "\"slot\": \"photo\", \"file\": \"photo.jpg\", \"dpi\": 300}]}",
                        "$.attachments[0]: unknown field \"dpi\" (allowed: kind, slot, file)"),
                Arguments.of("another format", "{" + ok.replace("case/1", "case/2") + "}", "$.format: is 'doorstep-case/2'"),
                Arguments.of("no label", "{\"format\": \"doorstep-case/1\", \"form\": {}}",
                        "$: the required field \"label\" is missing"),
                Arguments.of("a blank label", "{" + ok.replace("张三", "  ") + "}", "$.label: must have 1-500 characters"),
                Arguments.of("urgent as text", "{" + ok + ", \"urgent\": \"yes\"}", "$.urgent: must be true or false, not a string"),
                Arguments.of("a form that is not an object", "{" + ok.replace("{}", "[]") + "}", "$.form: must be an object, not an array"),
                Arguments.of("an unknown kind", "{" + ok + ", \"attachments\": [{\"kind\": \"iris\", \"slot\": \"iris\", "
                        + "\"file\": \"photo.jpg\"}]}", "$.attachments[0].kind: is 'iris'"),
                Arguments.of("a slot used twice", "{" + ok + ", \"attachments\": [" + photo("photo.jpg") + ", "
                        + photo("photo.jpg") + "]}", "$.attachments[1].slot: 'photo' is already used by $.attachments[0]"),
                Arguments.of("the form's slot", "{" + ok + ", \"attachments\": [{\"kind\": \"scan\", \"slot\": \"form\", "
                        + "\"file\": \"scan.pdf\"}]}", "'form' is already used by $.form"),
                Arguments.of("a bad slot", "{" + ok + ", \"attachments\": [{\"kind\": \"photo\", \"slot\": \"Photo 1\", "
                        + "\"file\": \"photo.jpg\"}]}", "$.attachments[0].slot: item slot must be"),
                Arguments.of("a missing file", "{" + ok + ", \"attachments\": [" + photo("gone.jpg") + "]}",
                        "$.attachments[0].file 'gone.jpg' does not exist"),
                Arguments.of("a folder", "{" + ok + ", \"attachments\": [" + photo("folder.jpg") + "]}", "is not a file"),
                Arguments.of("a text file named .jpg", "{" + ok + ", \"attachments\": [" + photo("notes.jpg") + "]}",
                        "'notes.jpg' is not an image: its content is not JPEG or PNG"),
                Arguments.of("a truncated JPEG", "{" + ok + ", \"attachments\": [" + photo("cut.jpg") + "]}",
                        "'cut.jpg' is a damaged or cut-short JPEG image"),
                Arguments.of("a PDF as photo", "{" + ok + ", \"attachments\": [" + photo("scan.pdf") + "]}",
                        "'scan.pdf' is a PDF document; a photo must be JPEG or PNG"),
                Arguments.of("a WSQ as photo", "{" + ok + ", \"attachments\": [" + photo("print.wsq") + "]}",
                        "'print.wsq' is a WSQ image; a photo must be JPEG or PNG"),
                Arguments.of("a good file after a bad one", "{" + ok + ", \"attachments\": [" + photo("photo.jpg")
                        + ", {\"kind\": \"scan\", \"slot\": \"scan.id\", \"file\": \"notes.jpg\"}]}",
                        "$.attachments[1].file 'notes.jpg' is not an image or a PDF document"),
                Arguments.of("an empty file", "", "an-empty-file.json is empty"),
                Arguments.of("only white space", " \n\t\n", "malformed JSON: the file holds no JSON value"));
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
}
