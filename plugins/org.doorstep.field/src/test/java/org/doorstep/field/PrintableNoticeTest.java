package org.doorstep.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.doorstep.domain.DeliveryMethod;
import org.doorstep.domain.Issue;
import org.doorstep.domain.VisitReason;
import org.doorstep.domain.form.Applicant;
import org.doorstep.domain.form.Application;
import org.doorstep.domain.form.Contact;
import org.doorstep.domain.form.Delivery;
import org.doorstep.domain.form.VisitBasis;
import org.doorstep.field.PrintableNotice.Block;
import org.doorstep.field.PrintableNotice.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notice a printer lays out holds what the saved page holds, block by block, in reading order. */
class PrintableNoticeTest {

    @TempDir
    Path dir;

    @Test
    void theNoticeOfARealCaseBecomesTitleHeadingsFactsAndTableRows() throws Exception {
        try (FieldFixture f = new FieldFixture(dir)) {
            GuidedCase c = f.visits().startAdHoc();
            c.saveIdentity(new Applicant("张三", "11010519491231002X", null), null, null,
                    new VisitBasis(VisitReason.AGED_60_PLUS, null), new Contact("北京市西城区某街道 1 号", "李强", "13900000000"),
                    Locale.ENGLISH);
            c.saveApplications(List.of(new Application("passport", Issue.FIRST, List.of(), null)), null,
                    new Delivery(DeliveryMethod.COLLECT, null), null, Locale.ENGLISH);
            List<Block> blocks = c.noticeBlocks();

            assertEquals(new Block(Kind.TITLE, List.of("上门办证一次性告知单"), -1, false), blocks.get(0));
            assertTrue(blocks.get(1).text().startsWith("受理编号：" + c.summary().shortId()), blocks.get(1).text());
            List<String> headings = blocks.stream().filter(b -> b.kind() == Kind.HEADING).map(Block::text).toList();
            assertEquals(List.of("申请人", "申请事项", "尚需补交的材料", "费用", "补交方式"), headings);
            assertTrue(blocks.contains(new Block(Kind.ROW, List.of("姓名", "张三"), 0, false)), blocks.toString());
            assertTrue(blocks.stream().anyMatch(b -> b.kind() == Kind.ROW && b.cells().get(0).equals("公民身份号码")
                    && !b.cells().get(1).contains("19491231")), "the identity number stays masked");
            assertTrue(blocks.stream().anyMatch(b -> b.kind() == Kind.ITEM && b.text().startsWith("1. ")), blocks.toString());
            Block fees = blocks.stream().filter(b -> b.kind() == Kind.HEADER_ROW && b.cells().get(0).equals("项目"))
                    .findFirst().orElseThrow();
            assertEquals(List.of("项目", "标准", "减免", "应缴"), fees.cells());
            Block total = blocks.stream().filter(b -> b.kind() == Kind.ROW && b.cells().get(0).equals("合计"))
                    .findFirst().orElseThrow();
            assertEquals(4, total.cells().size(), "the total spans three columns, its amount in the fourth");
            assertEquals(fees.table(), total.table());
            assertTrue(blocks.stream().anyMatch(Block::small), "the small print stays small");
            assertTrue(blocks.stream().noneMatch(b -> b.text().contains("<") || b.text().contains("&amp;")),
                    "no markup is left");
            assertFalse(blocks.stream().anyMatch(b -> b.text().contains("@page")), "the style sheet is not text");
        }
    }

    @Test
    void escapedTextAndLineBreaksInACellAreKept() {
        List<Block> blocks = PrintableNotice.of("<html><head><title>t</title><style>p { }</style></head><body>"
                + "<p>A &amp; B &lt;C&gt; &#39;d&#39; &#x4E2D;</p><table><tr><td>one\ntwo<br>three</td></tr></table>"
                + "</body></html>");
        assertEquals(List.of(new Block(Kind.PARAGRAPH, List.of("A & B <C> 'd' 中"), -1, false),
                new Block(Kind.ROW, List.of("one\ntwo\nthree"), 0, false)), blocks);
    }
}
