package org.doorstep.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class CompanyTest {

    static final Company GOOD = new Company("深圳市腾讯计算机系统有限公司", "91440300708461136T", "李经理", "13800138000",
            "深圳市南山区海天二路33号");

    @Test
    void aCompleteCompanyHasNoProblems() {
        assertEquals(List.of(), GOOD.problems());
        assertTrue(CompanyWideFields.defaultsFor(GOOD).problems().isEmpty());
    }

    @Test
    void everyProblemIsListedInFormOrderInBothLanguages() {
        Company bad = new Company("  ", "91440300708461136X", "", "12345", "深圳");
        List<GroupProblem> problems = bad.problems();
        assertEquals(List.of("company.name", "company.creditCode", "company.contactName", "company.contactPhone"),
                problems.stream().map(GroupProblem::column).toList());
        assertEquals(List.of("「单位名称」：必须填写", "「统一社会信用代码」：校验码不符，请逐位核对", "「联系人」：必须填写",
                "「联系电话」：“12345”不是有效的电话号码（手机 11 位；座机带区号；境外以 + 开头）"), bad.messages(Locale.SIMPLIFIED_CHINESE));
        assertEquals("Contact phone: \"12345\" is not a valid phone number (mobile: 11 digits; landline: with area code; "
                + "abroad: starting with +)", bad.messages(Locale.ENGLISH).get(3));
    }

    @Test
    void postingToTheCompanyNeedsAWholeAddress() {
        CompanyWideFields post = new CompanyWideFields("腾讯", "深圳市南山区", true, "李经理", "13800138000", "广东省", "深圳市",
                "南山区", null, "51800", "李经理", "13800138000");
        assertEquals(List.of("fields.street", "fields.postcode"), post.problems().stream().map(GroupProblem::column).toList());
        assertEquals("Postcode: \"51800\" is not a six-digit postcode", post.problems().get(1).message(Locale.ENGLISH));
    }
}
