package org.doorstep.domain.notice;

import static org.doorstep.domain.TestForms.VISIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.doorstep.domain.DeliveryMethod;
import org.doorstep.domain.TestForms;
import org.doorstep.domain.UrgentReason;
import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.domain.checklist.Checklist;
import org.doorstep.domain.checklist.ItemKey;
import org.doorstep.domain.form.Applicant;
import org.doorstep.domain.form.CaseForm;
import org.doorstep.domain.form.Delivery;
import org.doorstep.domain.form.Urgency;
import org.doorstep.domain.visit.Officer;
import org.junit.jupiter.api.Test;

class OneTimeNoticeTest {

    private static final Catalogue CATALOGUE = Catalogue.builtIn();
    private static final NoticeContext CONTEXT = new NoticeContext("BJ-XC-20250601-0007",
            new Office("北京市公安局西城分局出入境接待大厅", "西城区某路 9 号", "010-00000000", "工作日 9:00–17:00"),
            new Officer("J10023", "王警官"), VISIT);

    private static String render(CaseForm form, Checklist checklist) {
        return OneTimeNotice.html(CATALOGUE, form, checklist, CONTEXT);
    }

    /** The elderly applicant's case: ID card scanned, proof of kinship accepted pending, HK relative's ID missing. */
    private static Checklist elderlyChecklist(CaseForm form) {
        return Checklist.generate(CATALOGUE, form, VISIT).attach(ItemKey.of("resident-id-card"), "scan.id-card")
                .acceptPending(ItemKey.of("kinship-proof"));
    }

    @Test
    void listsThePendingItemWithItsDeadlineAndTheMissingCoreItem() throws IOException {
        CaseForm form = TestForms.withDelivery(TestForms.withUrgent(TestForms.elderly(),
                new Urgency(UrgentReason.CRITICAL_ILLNESS, "scan.urgent", VISIT.plusDays(10), null)),
                new Delivery(DeliveryMethod.POSTAL, TestForms.address()));
        String html = render(form, elderlyChecklist(form));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "one-time-notice-sample.html"), html, StandardCharsets.UTF_8);

        Matcher pending = Pattern.compile("<tr class=\"pending\">.*?</tr>", Pattern.DOTALL).matcher(html);
        assertTrue(pending.find(), html);
        assertTrue(pending.group().contains("亲属关系证明"), pending.group());
        assertTrue(pending.group().contains("2025年6月16日"), pending.group());
        assertTrue(pending.group().contains("往来港澳通行证（首次申请） · 探亲签注"), pending.group());

        Matcher missing = Pattern.compile("<tr class=\"missing\">.*?</tr>", Pattern.DOTALL).matcher(html);
        assertTrue(missing.find());
        assertTrue(missing.group().contains("港澳亲属的香港或澳门居民身份证复印件"), missing.group());
        assertTrue(missing.group().contains("核心材料，补齐后方可受理"), missing.group());

        assertTrue(html.contains("<li>申请人居民身份证</li>"), "received items are listed");
        assertTrue(html.contains("探望境外危重病人（需用证日期：2025年6月11日）"));
        assertTrue(html.contains("邮政速递：北京市西城区某街道 1 号，100032"));
        assertTrue(html.contains("60 周岁以上申请人免收邮寄费"));
        assertTrue(html.contains("<th class=\"num total\">195 元</th>"), "postage waived: 120 + 60 + 15");
        assertTrue(html.contains("王警官（警号 J10023）"));
        assertTrue(html.contains("西城区某路 9 号"));
        assertTrue(html.contains("BJ-XC-20250601-0007"));
        assertTrue(html.contains("110105********002X"));
        assertFalse(html.contains("11010519491231002X"), "the identity number is printed masked");
    }

    @Test
    void escapesEverythingTheApplicantOrOfficerTyped() {
        CaseForm form = TestForms.withApplicant(TestForms.elderly(),
                new Applicant("<script>alert('x')</script>王\"秀&英", TestForms.ELDERLY, "13800000000"));
        NoticeContext context = new NoticeContext("<b>7</b>", new Office("<img src=x onerror=alert(1)>", "a", "b", "c"),
                new Officer("J1", "</td><script>"), VISIT);
        String html = OneTimeNotice.html(CATALOGUE, form, elderlyChecklist(form), context);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;王&quot;秀&amp;英"), html);
        assertFalse(html.contains("<script"), "no script element");
        assertFalse(html.contains("<img"), "no image element");
        assertFalse(html.contains("<b>7"));
        assertTrue(html.contains("&lt;/td&gt;&lt;script&gt;"));
    }

    @Test
    void isSelfContainedAndPrintsOnA4() {
        String html = render(TestForms.elderly(), elderlyChecklist(TestForms.elderly()));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<html lang=\"zh-CN\">"));
        assertTrue(html.contains("@page { size: A4 portrait;"));
        assertFalse(html.contains("http:") || html.contains("https:") || html.contains("<link") || html.contains("src="),
                "loads nothing from anywhere");
        assertTrue(html.contains("<meta charset=\"utf-8\">"));
    }

    @Test
    void saysSoWhenNothingIsOwed() {
        Checklist all = elderlyChecklist(TestForms.elderly()).attach(ItemKey.of("relative-hkmo-id"), "scan.hk")
                .attach(ItemKey.of("kinship-proof"), "scan.kinship");
        String html = render(TestForms.elderly(), all);
        assertTrue(html.contains("所需材料已全部收取，无需补交。"));
        assertFalse(html.contains("class=\"pending\""));
    }

    @Test
    void formatsDatesAndAmountsTheChineseWay() {
        assertEquals("2025年6月16日", OneTimeNotice.date(VISIT.plusDays(15)));
        assertEquals("120 元", OneTimeNotice.yuan(new java.math.BigDecimal("120")));
        assertEquals("7.50 元", OneTimeNotice.yuan(new java.math.BigDecimal("7.5")));
    }
}
