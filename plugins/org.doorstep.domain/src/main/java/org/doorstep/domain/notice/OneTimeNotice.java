package org.doorstep.domain.notice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.Messages;
import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.domain.catalogue.Level;
import org.doorstep.domain.checklist.AppliedFor;
import org.doorstep.domain.checklist.Checklist;
import org.doorstep.domain.checklist.ChecklistItem;
import org.doorstep.domain.checklist.EndorsementChoice;
import org.doorstep.domain.checklist.FeeLine;
import org.doorstep.domain.checklist.FeeSummary;
import org.doorstep.domain.form.CaseForm;
import org.doorstep.domain.form.PostalAddress;
import org.doorstep.domain.identity.IdentityNumber;

/**
 * The one-time notice (一次性告知单) handed to the applicant, as one self-contained HTML page in Chinese
 * that prints on A4: who applied for what, what is still owed and by when (materials accepted pending with
 * their deadlines; missing materials, core ones marked as blocking acceptance), what was received, the fees
 * with waivers, how and where to hand in the rest, the issuing officer and the date, and lines to sign.
 *
 * <p>Every text from outside (names, addresses, numbers, the office, even the catalogue's texts) is escaped;
 * the page has no scripts and loads nothing. The identity number is printed masked, since the paper may be
 * left lying around.
 */
public final class OneTimeNotice {

    private static final Messages ZH = Messages.of(Locale.SIMPLIFIED_CHINESE);

    private final Catalogue catalogue;
    private final CaseForm form;
    private final Checklist checklist;
    private final NoticeContext context;
    private final StringBuilder html = new StringBuilder(16 * 1024);

    private OneTimeNotice(Catalogue catalogue, CaseForm form, Checklist checklist, NoticeContext context) {
        this.catalogue = catalogue;
        this.form = form;
        this.checklist = checklist;
        this.context = context;
    }

    /** The notice as a complete HTML document (UTF-8 text). */
    public static String html(Catalogue catalogue, CaseForm form, Checklist checklist, NoticeContext context) {
        return new OneTimeNotice(catalogue, form, checklist, context).render();
    }

    /** 2025年6月16日 */
    static String date(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    static String yuan(BigDecimal amount) {
        return amount.stripTrailingZeros().scale() <= 0 ? amount.setScale(0).toPlainString() + " 元"
                : amount.setScale(2).toPlainString() + " 元";
    }

    private String render() {
        html.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>一次性告知单</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        header();
        applicant();
        applications();
        owed();
        received();
        fees();
        submission();
        signatures();
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private OneTimeNotice text(String s) {
        html.append(Html.escape(s));
        return this;
    }

    private OneTimeNotice raw(String s) {
        html.append(s);
        return this;
    }

    private void header() {
        raw("<header>\n<h1>上门办证一次性告知单</h1>\n<p class=\"meta\">受理编号：<span class=\"ref\">").text(context.caseReference())
                .raw("</span>　　告知日期：").text(date(context.date())).raw("</p>\n</header>\n");
    }

    private void applicant() {
        raw("<section>\n<h2>申请人</h2>\n<table class=\"facts\">\n");
        String name = form.applicant() == null ? "" : form.applicant().name();
        row("姓名", name);
        String id;
        try {
            id = form.applicantIdentity(checklist.visitDate()).masked();
        } catch (InvalidInputException e) {
            id = "";
        }
        row("公民身份号码", id);
        if (form.guardian() != null) {
            row("监护人", form.guardian().name() + (form.guardian().relation() == null ? ""
                    : "（" + ZH.label(form.guardian().relation()) + "）"));
        }
        if (form.agent() != null) {
            row("代办人", form.agent().name() + (blank(form.agent().relation()) ? "" : "（" + form.agent().relation() + "）"));
        }
        if (form.visit() != null && form.visit().reason() != null) {
            row("上门原因", ZH.label(form.visit().reason()));
        }
        String phone = form.applicant() == null ? null : form.applicant().phone();
        if (blank(phone) && form.contact() != null && !blank(form.contact().emergencyPhone())) {
            phone = form.contact().emergencyName() + " " + form.contact().emergencyPhone();
        }
        row("联系电话", phone);
        raw("</table>\n</section>\n");
    }

    private void applications() {
        raw("<section>\n<h2>申请事项</h2>\n<ol class=\"applications\">\n");
        for (AppliedFor a : checklist.applications()) {
            raw("<li>").text(a.title().zh());
            List<String> endorsements = new ArrayList<>();
            for (EndorsementChoice e : a.endorsements()) {
                endorsements.add(e.endorsement().name().zh() + "签注（" + e.validity().name().zh() + "）");
            }
            if (!endorsements.isEmpty()) {
                raw("：").text(String.join("、", endorsements));
            }
            if (a.priorNumber() != null) {
                raw("；原证件号码 ").text(a.priorNumber());
            }
            raw("</li>\n");
        }
        raw("</ol>\n<table class=\"facts\">\n");
        if (form.urgent() != null && form.urgent().reason() != null) {
            String urgent = ZH.label(form.urgent().reason());
            if (form.urgent().neededBy() != null) {
                urgent += "（需用证日期：" + date(form.urgent().neededBy()) + "）";
            }
            row("加急办理", urgent);
        }
        if (form.delivery() != null && form.delivery().method() != null) {
            String delivery = ZH.label(form.delivery().method());
            PostalAddress a = form.delivery().address();
            if (a != null) {
                delivery += "：" + join(a.province(), a.city(), a.district(), a.street()) + "，" + nz(a.postcode()) + "，"
                        + nz(a.recipient()) + " " + nz(a.phone());
            }
            row("领取方式", delivery);
        }
        raw("</table>\n</section>\n");
    }

    private void owed() {
        raw("<section class=\"owed\">\n<h2>尚需补交的材料</h2>\n");
        List<ChecklistItem> owed = checklist.owed();
        if (owed.isEmpty()) {
            raw("<p>所需材料已全部收取，无需补交。</p>\n</section>\n");
            return;
        }
        raw("<table class=\"list\">\n<thead><tr><th>序号</th><th>材料</th><th>所需原因</th><th>补交期限</th></tr></thead>\n<tbody>\n");
        int n = 1;
        for (ChecklistItem i : owed) {
            raw("<tr class=\"").raw(i.isPending() ? "pending" : "missing").raw("\"><td>").raw(String.valueOf(n++))
                    .raw("</td><td>").text(i.material().name().zh());
            i.material().hint().ifPresent(h -> raw("<br><small>").text(h.zh()).raw("</small>"));
            raw("</td><td>").text(because(i)).raw("</td><td>");
            Optional<LocalDate> deadline = i.deadline();
            if (deadline.isPresent()) {
                raw("容缺受理，请于 <strong class=\"deadline\">").text(date(deadline.get())).raw("</strong> 前补交");
            } else if (i.level() == Level.CORE) {
                raw("<strong>核心材料，补齐后方可受理</strong>");
            } else {
                raw("尚未提交");
            }
            raw("</td></tr>\n");
        }
        raw("</tbody>\n</table>\n</section>\n");
    }

    private void received() {
        List<ChecklistItem> present = checklist.items().stream().filter(ChecklistItem::isPresent).toList();
        if (present.isEmpty()) {
            return;
        }
        raw("<section>\n<h2>已收取（核验）的材料</h2>\n<ul class=\"received\">\n");
        for (ChecklistItem i : present) {
            raw("<li>").text(i.material().name().zh());
            if (!i.key().isCaseLevel()) {
                raw("（").text(checklist.applications().stream().filter(a -> a.type().id().equals(i.key().type()))
                        .findFirst().map(a -> a.title().zh()).orElse(i.key().type())).raw("）");
            }
            raw("</li>\n");
        }
        raw("</ul>\n</section>\n");
    }

    private void fees() {
        FeeSummary fees = checklist.fees();
        raw("<section>\n<h2>费用</h2>\n<table class=\"list fees\">\n<thead><tr><th>项目</th><th>标准</th><th>减免</th>")
                .raw("<th>应缴</th></tr></thead>\n<tbody>\n");
        for (FeeLine l : fees.lines()) {
            raw("<tr><td>").text(l.item().zh()).raw("</td><td class=\"num\">").text(yuan(l.amount())).raw("</td><td>")
                    .text(l.waiver().map(w -> w.name().zh()).orElse("—")).raw("</td><td class=\"num\">").text(yuan(l.due()))
                    .raw("</td></tr>\n");
        }
        raw("</tbody>\n<tfoot><tr><th colspan=\"3\">合计</th><th class=\"num total\">").text(yuan(fees.total()))
                .raw("</th></tr></tfoot>\n</table>\n");
        raw("<p class=\"small\">收费标准以总部下发的收费目录（第 ").text(String.valueOf(checklist.catalogueVersion()))
                .raw(" 版）为准，凭票缴费。</p>\n</section>\n");
    }

    private void submission() {
        raw("<section>\n<h2>补交方式</h2>\n<p>").text(catalogue.notice().submission().zh()).raw("</p>\n<p>")
                .text(catalogue.notice().lateness().zh()).raw("</p>\n<table class=\"facts\">\n");
        Office o = context.office();
        row("受理单位", o.name());
        row("地址", o.address());
        row("电话", o.phone());
        row("办公时间", o.hours());
        raw("</table>\n<p class=\"small\">补交时请携带本告知单并注明受理编号。</p>\n</section>\n");
    }

    private void signatures() {
        raw("<footer>\n<table class=\"sign\">\n<tr><td>受理民警：").text(context.officer().name()).raw("（警号 ")
                .text(context.officer().id()).raw("）</td><td>告知日期：").text(date(context.date())).raw("</td></tr>\n")
                .raw("<tr><td>申请人（或监护人、代办人）签名：<span class=\"line\"></span></td><td>签收日期：<span class=\"line\"></span></td></tr>\n")
                .raw("</table>\n<p class=\"small\">本告知单一式两份，申请人与受理单位各执一份。</p>\n</footer>\n");
    }

    private void row(String label, String value) {
        raw("<tr><th>").text(label).raw("</th><td>").text(nz(value)).raw("</td></tr>\n");
    }

    private String because(ChecklistItem item) {
        return String.join("\n", checklist.because(item, Locale.SIMPLIFIED_CHINESE));
    }

    private String applicationTitle(int index) {
        return checklist.applications().stream().filter(a -> a.index() == index).findFirst()
                .map(a -> a.title().zh()).orElse("");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nz(String s) {
        return s == null ? "" : s.strip();
    }

    /** Address parts run together as Chinese addresses are written; a municipality's name is not repeated. */
    private static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        String last = null;
        for (String p : parts) {
            if (!blank(p) && !p.strip().equals(last)) {
                last = p.strip();
                b.append(last);
            }
        }
        return b.toString();
    }

    /** A4 portrait, large enough to read for elderly applicants; black on white, no colour needed. */
    private static final String STYLE = """
            @page { size: A4 portrait; margin: 18mm 16mm 18mm 16mm; }
            html { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif;
                   font-size: 12pt; line-height: 1.5; color: #000; background: #fff; }
            body { margin: 0 auto; max-width: 178mm; }
            h1 { font-size: 20pt; text-align: center; margin: 0 0 2mm; letter-spacing: 0.1em; }
            h2 { font-size: 13pt; margin: 5mm 0 2mm; border-bottom: 0.4mm solid #000; }
            .meta { text-align: center; margin: 0 0 3mm; }
            table { border-collapse: collapse; width: 100%; }
            table.facts th { text-align: left; font-weight: normal; width: 28mm; vertical-align: top; padding: 0.8mm 2mm 0.8mm 0; }
            table.facts td { padding: 0.8mm 0; }
            table.list th, table.list td { border: 0.3mm solid #000; padding: 1.2mm 2mm; vertical-align: top; }
            table.list thead th { background: #eee; }
            td:nth-child(3) { white-space: pre-line; }
            .fees td:nth-child(3) { white-space: normal; }
            .num { text-align: right; white-space: nowrap; }
            .deadline { font-size: 13pt; }
            small, .small { font-size: 10pt; }
            tr, li { page-break-inside: avoid; break-inside: avoid; }
            section { page-break-inside: auto; }
            footer { margin-top: 8mm; }
            table.sign td { padding: 4mm 2mm 4mm 0; width: 50%; }
            .line { display: inline-block; width: 40mm; border-bottom: 0.3mm solid #000; }
            @media screen { body { padding: 10mm; } }
            """;
}
