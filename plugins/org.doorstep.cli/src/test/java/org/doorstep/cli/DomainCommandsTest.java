package org.doorstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code id-check} and {@code checklist}: the domain's rules from the command line, without a vault. */
class DomainCommandsTest {

    @TempDir
    Path dir;
    private CliRun cli;

    @BeforeEach
    void cli() {
        cli = new CliRun(dir.resolve("data"));
    }

    private CliRun.Result run(String... args) {
        return cli.raw("", Map.of(), args); // these commands touch no data folder
    }

    @Test
    void theStandardsExampleNumberIsAWomanBornOnNewYearsEveOf1949() {
        CliRun.Result r = run("id-check", "11010519491231002X", "--on", "2026-11-20").assertOk();
        assertEquals(List.of(
                "identity number:  11010519491231002X  (valid per GB 11643-1999)",
                "for print:        110105********002X",
                "kind:             Mainland resident",
                "region code:      110105  (province 11, city 01, county 05)",
                "birth date:       1949-12-31",
                "age:              76 on 2026-11-20",
                "gender:           Female"), r.out().lines().toList());
        // as officers type it: full-width digits, spaces, a lower-case x; the words in Chinese
        CliRun.Result zh = run("id-check", "１１０１０５ １９４９１２３１ ００２x", "--on", "2026-12-30", "--lang", "zh_CN").assertOk();
        assertTrue(zh.out().contains("identity number:  11010519491231002X"), zh.out());
        assertTrue(zh.out().contains("age:              76 on 2026-12-30"), "76 until her birthday: " + zh.out());
        assertTrue(zh.out().contains("gender:           女"), zh.out());
        assertTrue(run("id-check", "810000198001010014").assertOk().out().contains("kind:             Hong Kong resident"));
    }

    @Test
    void anInvalidNumberGetsTheDomainsSentenceInTheChosenLanguage() {
        run("id-check", "110105194912310021").assertFails(VaultCli.EXIT_BAD_INPUT,
                "not a valid identity number: the check character does not match; please check every digit");
        run("id-check", "110105194912310021", "--lang", "zh_CN").assertFails(VaultCli.EXIT_BAD_INPUT, "校验码");
        run("id-check", "11010519491231").assertFails(VaultCli.EXIT_BAD_INPUT, "must have 18 characters, not 14");
        run("id-check", "11010519491331002X").assertFails(VaultCli.EXIT_BAD_INPUT, "the birth date \"19491331\"");
        run("id-check", "71010519491231002X").assertFails(VaultCli.EXIT_BAD_INPUT, "\"71\" is not a valid province-level");
        run("id-check").assertFails(VaultCli.EXIT_BAD_INPUT, "NUMBER is missing");
        run("id-check", "11010519491231002X", "--on", "2026/11/20").assertFails(VaultCli.EXIT_BAD_INPUT,
                "--on must be a date like 2026-11-20");
        run("id-check", "11010519491231002X", "--on", "1940-01-01").assertFails(VaultCli.EXIT_BAD_INPUT,
                "--on 1940-01-01 is before the birth date 1949-12-31");
        run("id-check", "11010519491231002X", "--lang", "fr").assertFails(VaultCli.EXIT_BAD_INPUT, "--lang must be en or zh_CN");
        assertFalse(Files.exists(cli.data), "nothing was created");
    }

    @Test
    void theDocumentedExampleCanBeCompletedWithOneItemPendingAndItsNoticeSaysSo() throws Exception {
        Path notice = dir.resolve("notice.html");
        CliRun.Result r = run("checklist", CliRun.examples().resolve("case.json").toString(), "--notice", notice.toString(),
                "--office", "西城分局出入境接待大厅; 北京市西城区某路 9 号; 010-00000000; 工作日 9:00-17:00").assertOk();
        List<String> lines = r.out().lines().toList();
        assertEquals("case:         张三 · 普通护照 + 往来港澳通行证", lines.get(0));
        assertEquals("visit date:   2026-11-20, officer J10023 (王警官)", lines.get(1));
        assertTrue(lines.contains("  1. core       present  Applicant's resident identity card  [resident-id-card]"), r.out());
        assertTrue(lines.contains("       scan scan.id-card (scan-id-card.pdf)"), r.out());
        assertTrue(lines.contains("  3. secondary  pending  Proof of kinship  [kinship-proof]"), r.out());
        assertTrue(lines.contains("       to be handed in by 2026-12-05"), r.out());
        assertTrue(lines.contains("       because: Exit-entry permit for travelling to and from Hong Kong and Macao (first issue)"
                + " · Family visit endorsement"), r.out());
        assertTrue(lines.contains("        20        0  Postage (Exit-entry documents); waived: Postage waived for applicants"
                + " aged 60 or over"), r.out());
        assertTrue(lines.contains("                195  total due (20 waived)"), r.out());
        assertTrue(r.out().contains("fingerprints: Required: 2 prints, fingers tried in the order Right thumb, Left thumb"), r.out());
        assertTrue(lines.contains("can be completed: every core material is present; 1 pending, with its deadline on the"
                + " one-time notice"), r.out());

        String html = Files.readString(notice, StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("亲属关系证明") && html.contains("2026年12月5日"), "the pending item and its deadline");
        assertTrue(html.contains("110105********002X"), "the number masked");
        assertFalse(html.contains("11010519491231002X"), "never in full");
        assertTrue(html.contains("西城分局出入境接待大厅") && html.contains("工作日 9:00-17:00"), "the office given");
        assertTrue(html.contains("王警官（警号 J10023）"), "the visit record's officer");
        assertTrue(html.contains("195 元"), "the total");
    }

    @Test
    void aCaseWithMaterialsOwedExitsWithTwoAndSaysWhatBlocksIt() throws Exception {
        Path file = dir.resolve("owed.json");
        Files.writeString(file, CaseFiles.caseWith(CaseFiles.FORM_WITH_PERMIT, ""));
        CliRun.Result r = run("checklist", file.toString(), "--lang", "zh_CN");
        assertEquals(VaultCli.EXIT_REFUSED, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().contains("  1. core       missing  申请人居民身份证  [resident-id-card]"), r.out());
        assertTrue(r.out().contains("       blocks completion: scan it"), r.out());
        assertTrue(r.out().contains("       scan it, or accept it pending (deadline 2026-12-05 by default, 2026-12-20 at the latest)"),
                r.out());
        assertTrue(r.out().contains("cannot be completed: core material missing: 申请人居民身份证 [resident-id-card],"
                + " 港澳亲属的香港或澳门居民身份证复印件 [relative-hkmo-id]; neither present nor pending: 亲属关系证明"
                + " [kinship-proof]"), r.out());

        // the notice is written all the same: it is how the applicant learns what is owed
        Path notice = dir.resolve("owed.html");
        assertEquals(VaultCli.EXIT_REFUSED, run("checklist", file.toString(), "--notice", notice.toString()).code());
        String html = Files.readString(notice, StandardCharsets.UTF_8);
        assertTrue(html.contains("核心材料，补齐后方可受理"), "core items marked as blocking");
        assertTrue(html.contains("受理单位</th><td>公安机关出入境管理机构"), "the documents' authority when no office is given");
        assertTrue(html.contains("受理民警：—"), "no visit record, no officer");
    }

    @Test
    void checklistRefusesWhatImportRefusesAndListsEveryProblemOfTheForm() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, CaseFiles.caseWith(CaseFiles.FORM.replace("11010519491231002X", "320102201205200035")
                .replace("\"phone\": \"13800000000\"", "\"phone\": \"12345\""), ""));
        CliRun.Result r = run("checklist", file.toString()).assertFails(VaultCli.EXIT_BAD_INPUT,
                "$.form.applicant.phone: Applicant's phone: \"12345\" is not a valid phone number");
        r.assertFails(VaultCli.EXIT_BAD_INPUT, "(and 2 more problems)");
        assertEquals(3, r.out().lines().filter(l -> l.startsWith("problem: " + file + ": $.form.")).count(), r.out());
        assertTrue(r.out().contains("$.form.guardian: Guardian: the applicant is under 18 (14) and must apply with a guardian"),
                r.out());
        assertTrue(r.out().contains("$.form.visit.reason: Reason for the home visit: the applicant is 14, not aged 60 or over"),
                r.out());

        CliRun.Result zh = run("checklist", file.toString(), "--lang", "zh_CN");
        assertTrue(zh.out().contains("$.form.guardian: 监护人"), zh.out());

        Files.writeString(file, CaseFiles.caseWith(", \"pending\": [{\"material\": \"resident-id-card\"}]"));
        run("checklist", file.toString()).assertFails(VaultCli.EXIT_BAD_INPUT, "is a core material and cannot be handed in later");
        Path nowhere = dir.resolve("no-such-folder").resolve("notice.html");
        run("checklist", CliRun.examples().resolve("case.json").toString(), "--notice", nowhere.toString())
                .assertFails(VaultCli.EXIT_BAD_INPUT, "does not exist");
        assertFalse(Files.exists(nowhere.getParent()));
        run("checklist", CliRun.examples().resolve("case.json").toString(), "--notice", dir.resolve("n.html").toString(),
                "--office", "a; b; c; d; e").assertFails(VaultCli.EXIT_BAD_INPUT, "--office takes up to four parts");
        run("checklist", CliRun.examples().resolve("case.json").toString(), "--reference", "67a80150")
                .assertFails(VaultCli.EXIT_BAD_INPUT, "--reference is for the notice: add --notice FILE");
        assertFalse(Files.exists(dir.resolve("n.html")));
        assertFalse(Files.exists(cli.data), "no data folder was needed or made");
    }
}
