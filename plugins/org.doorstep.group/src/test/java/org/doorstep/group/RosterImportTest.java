package org.doorstep.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.doorstep.domain.catalogue.Catalogue;
import org.junit.jupiter.api.Test;

/** Roster files of every kind an office produces, read into entries and a report of bad rows. */
class RosterImportTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
    private final RosterImport roster = new RosterImport(Catalogue.builtIn(), TODAY);

    private ImportReport read(byte[] file, String... onSession) throws RosterFileException {
        return roster.check(RosterFiles.read(file, RosterLimits.DEFAULT), List.of(onSession));
    }

    private static List<String> names(ImportReport r) {
        return r.added().stream().map(RosterEntry::name).toList();
    }

    @Test
    void utf8WithoutBomIsReadAndSaidSo() throws Exception {
        ImportReport r = read(Rosters.csv(Rosters.THREE_AND_ONE_BAD, StandardCharsets.UTF_8, false));
        assertEquals(RosterFormat.CSV_UTF8, r.format());
        assertEquals(List.of("张伟", "李娜", "王芳"), names(r));
        assertEquals(4, r.rows());
        RosterEntry li = r.added().get(1);
        assertEquals("440305198506123419", li.idNumber());
        assertEquals(List.of("hk-macau-permit", "passport"), li.documents());
        assertEquals("深圳市南山区科技园", li.address());
        assertEquals(BoardState.WAITING, li.state());
        assertEquals(null, r.added().get(2).phone(), "an empty phone cell is allowed");
    }

    @Test
    void utf8WithBomIsReadAndSaidSo() throws Exception {
        ImportReport r = read(Rosters.csv(Rosters.THREE_AND_ONE_BAD, StandardCharsets.UTF_8, true));
        assertEquals(RosterFormat.CSV_UTF8_BOM, r.format());
        assertEquals(List.of("张伟", "李娜", "王芳"), names(r), "the BOM is not part of the first header");
    }

    @Test
    void gbkAsExcelInChinaSavesItIsRecognised() throws Exception {
        byte[] gbk = Rosters.csv(Rosters.THREE_AND_ONE_BAD, Charset.forName("GBK"), false);
        ImportReport r = read(gbk);
        assertEquals(RosterFormat.CSV_GB18030, r.format());
        assertEquals(List.of("张伟", "李娜", "王芳"), names(r));
        assertEquals("CSV（GBK/GB18030，中文 Excel 默认）", r.format().label(Locale.SIMPLIFIED_CHINESE));
    }

    @Test
    void xlsxFirstSheetOnlyWithEnglishHeaderBelowATitle() throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("2026 年 11 月 出国人员名单"));
        rows.add(List.of("Name", "ID number", "Mobile", "Documents"));
        rows.add(List.of("Zhang Wei", "11010519491231002X", 13800138000L, "passport, hk-macau-permit"));
        rows.add(List.of("Li Na", "440305198506123419", "139 1234 5678", "Taiwan permit"));
        byte[] xlsx = Rosters.xlsx(rows, List.of(List.of("姓名", "身份证号码", "手机号码", "办理证件"),
                List.of("不该读到", "310115199203045625", "13800138000", "护照")));
        ImportReport r = read(xlsx);
        assertEquals(RosterFormat.XLSX, r.format());
        assertEquals(List.of(), r.problems().stream().map(p -> p.message(Locale.ENGLISH)).toList());
        assertEquals(List.of("Zhang Wei", "Li Na"), names(r), "the second sheet is not read");
        assertEquals("13800138000", r.added().get(0).phone(), "a phone typed as a number keeps its digits");
        assertEquals(List.of("passport", "hk-macau-permit"), r.added().get(0).documents());
        assertEquals(List.of("taiwan-permit"), r.added().get(1).documents());
        assertEquals(List.of(), r.problems());
    }

    @Test
    void anIdNumberTypedAsANumberInExcelIsExplained() throws Exception {
        List<List<Object>> rows = List.of(List.of("姓名", "身份证号码", "手机号码", "办理证件"),
                List.of("张伟", 110105198001011238d, "13800138000", "护照")); // a double, as Excel keeps every number
        ImportReport r = read(Rosters.xlsx(rows));
        assertEquals(List.of(), r.added());
        assertEquals(GroupProblem.Code.ID_AS_NUMBER, r.problems().get(0).code());
    }

    @Test
    void aFormulaCellGivesTheValueExcelShowed() throws Exception {
        byte[] base = Rosters.xlsx(List.of(List.of("姓名", "身份证号码", "手机号码", "办理证件"), List.of("x", "y", "z", "护照")));
        String sheet = """
                <?xml version="1.0" encoding="UTF-8"?>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
                <row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>身份证号码</t></is></c>\
                <c r="C1" t="inlineStr"><is><t>手机号码</t></is></c><c r="D1" t="inlineStr"><is><t>办理证件</t></is></c></row>
                <row r="2"><c r="A2" t="str"><f>CONCATENATE("张","伟")</f><v>张伟</v></c>\
                <c r="B2" t="str"><f>"11010519491231002"&amp;"X"</f><v>11010519491231002X</v></c>\
                <c r="C2" t="inlineStr"><is><t>13800138000</t></is></c><c r="D2" t="inlineStr"><is><t>护照</t></is></c></row>
                </sheetData></worksheet>""";
        byte[] xlsx = Rosters.replace(base, Map.of(sheetPart(base), sheet.getBytes(StandardCharsets.UTF_8)));
        ImportReport r = read(xlsx);
        assertEquals(List.of("张伟"), names(r));
        assertEquals("11010519491231002X", r.added().get(0).idNumber());
    }

    @Test
    void everyBadRowIsReportedWithRowColumnAndReason() throws Exception {
        List<List<Object>> rows = List.of(
                List.of("序号", "姓名", "身份证号码", "手机号码", "办理证件"),
                List.of("1", "张伟", "11010519491231002X", "13800138000", "护照"),
                List.of("2", "", "440305198506123419", "13800138000", "护照"),
                List.of("3", "李四", "11010519491231002X", "13800138000", "护照"),
                List.of("4", "王五", "310115199203045625", "12345", "签证"),
                List.of("5", "赵六", "110105198001011238", "13800138000", ""),
                List.of("6", "孙七", "33010619750815004", "13800138000", "身份证"),
                List.of("7", "周八", "330106197508150045", "13800138000", "身份证"));
        ImportReport r = read(Rosters.csv(rows, StandardCharsets.UTF_8, false), "330106197508150045");
        assertEquals(List.of("张伟"), names(r));
        assertEquals(6, r.refusedRows());
        List<String> zh = r.problems().stream().map(p -> p.message(Locale.SIMPLIFIED_CHINESE)).toList();
        assertEquals(List.of(
                "第 3 行「姓名」：必须填写",
                "第 4 行「身份证号码」：与第 2 行的身份证号码重复",
                "第 5 行「手机号码」：“12345”不是有效的电话号码（手机 11 位；座机带区号；境外以 + 开头）",
                "第 5 行「办理证件」：不认识“签证”这种证件（可写：护照、港澳通行证、台湾通行证、身份证、临时身份证）",
                "第 6 行「办理证件」：必须填写",
                "第 7 行「身份证号码」：应为 18 位",
                "第 8 行「身份证号码」：此人已在本场名单中"), zh);
        assertEquals("Row 4, ID number: the same ID number as row 2", r.problems().get(1).message(Locale.ENGLISH));
    }

    @Test
    void aWrongCheckDigitIsSaidInPlainWords() throws Exception {
        ImportReport r = read(Rosters.csv(Rosters.THREE_AND_ONE_BAD, StandardCharsets.UTF_8, false));
        GroupProblem p = r.problems().get(0);
        assertEquals(5, p.row());
        assertEquals("第 5 行「身份证号码」：校验码不符，请逐位核对", p.message(Locale.SIMPLIFIED_CHINESE));
        assertEquals("Row 5, ID number: the check character does not match; please check every digit",
                p.message(Locale.ENGLISH));
    }

    @Test
    void quotedCellsAndTabsAndCrlfAreRead() throws Exception {
        String text = "姓名\t身份证号码\t手机号码\t办理证件\n\"张\"\"伟\"\t11010519491231002X\t13800138000\t\"护照,港澳通行证\"\n";
        ImportReport r = read(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("张\"伟"), names(r));
        assertEquals(List.of("passport", "hk-macau-permit"), r.added().get(0).documents());
    }

    @Test
    void filesThatCannotBeUsedAreRefusedAsAWhole() {
        assertEquals(GroupProblem.Code.FILE_EMPTY, refused(new byte[0]));
        assertEquals(GroupProblem.Code.FILE_TOO_LARGE, refused(new byte[RosterLimits.DEFAULT.maxFileBytes() + 1]));
        assertEquals(GroupProblem.Code.FILE_OLD_EXCEL, refused(new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0,
                (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0 }));
        assertEquals(GroupProblem.Code.FILE_ENCODING, refused(new byte[] { 'a', ',', (byte) 0xFF, (byte) 0xFF, (byte) 0x81 }));
        assertEquals(GroupProblem.Code.FILE_UTF16, refused("姓名".getBytes(StandardCharsets.UTF_16)), "Java's UTF-16 writes a BOM");
        assertEquals(GroupProblem.Code.FILE_UNCLOSED_QUOTE, refused("姓名,身份证号码\n\"张伟,1\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(GroupProblem.Code.NO_HEADER, refused("a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(GroupProblem.Code.MISSING_COLUMN, refused("姓名,身份证号码,手机号码\n张伟,11010519491231002X,\n"
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals(GroupProblem.Code.NO_ROWS, refused("姓名,身份证号码,手机号码,办理证件\n".getBytes(StandardCharsets.UTF_8)));
        byte[] good = Rosters.xlsx(Rosters.THREE_AND_ONE_BAD);
        assertEquals(GroupProblem.Code.FILE_DAMAGED, refused(Arrays.copyOf(good, good.length / 2)), "truncated");
        byte[] garbage = new byte[4000];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = 'P';
        garbage[1] = 'K';
        garbage[2] = 3;
        garbage[3] = 4;
        assertEquals(GroupProblem.Code.FILE_DAMAGED, refused(garbage), "random bytes behind a ZIP signature");
        byte[] brokenXml = Rosters.replace(good, Map.of(sheetPart(good), "<worksheet><sheetData><row>".getBytes()));
        assertEquals(GroupProblem.Code.FILE_DAMAGED, refused(brokenXml));
    }

    @Test
    void aZipBombIsRefusedBeforeAnyXmlIsParsed() throws Exception {
        byte[] good = Rosters.xlsx(Rosters.THREE_AND_ONE_BAD);
        ByteArrayOutputStream sheet = new ByteArrayOutputStream();
        sheet.write("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><!--"
                .getBytes(StandardCharsets.UTF_8));
        byte[] spaces = new byte[1024 * 1024];
        Arrays.fill(spaces, (byte) ' ');
        for (int i = 0; i < 60; i++) {
            sheet.write(spaces);
        }
        sheet.write("--><sheetData/></worksheet>".getBytes(StandardCharsets.UTF_8));
        byte[] bomb = Rosters.replace(good, Map.of(sheetPart(good), sheet.toByteArray()));
        assertTrue(bomb.length < 200 * 1024, "small on disk: " + bomb.length);
        RosterFileException e = assertThrows(RosterFileException.class, () -> RosterFiles.read(bomb, RosterLimits.DEFAULT));
        assertEquals(GroupProblem.Code.FILE_ZIP_BOMB, e.problem().code());
        assertEquals("「文件」：文件解压后过大（超过 100 MB），可能是恶意文件，已拒绝", e.message(Locale.SIMPLIFIED_CHINESE));
    }

    @Test
    void tooManyRowsAreRefused() {
        List<List<Object>> rows = new ArrayList<>(List.of(List.of("姓名", "身份证号码", "手机号码", "办理证件")));
        for (int i = 0; i < 30; i++) {
            rows.add(List.of("人" + i, "11010519491231002X", "", "护照"));
        }
        RosterLimits small = new RosterLimits(1 << 20, 20, 50, 500, 1 << 26, 1 << 25, 100, 200);
        RosterFileException csv = assertThrows(RosterFileException.class,
                () -> RosterFiles.read(Rosters.csv(rows, StandardCharsets.UTF_8, false), small));
        assertEquals(GroupProblem.Code.FILE_TOO_MANY_ROWS, csv.problem().code());
        RosterFileException xlsx = assertThrows(RosterFileException.class, () -> RosterFiles.read(Rosters.xlsx(rows), small));
        assertEquals(GroupProblem.Code.FILE_TOO_MANY_ROWS, xlsx.problem().code());
    }

    private GroupProblem.Code refused(byte[] file) {
        return assertThrows(RosterFileException.class, () -> read(file)).problem().code();
    }

    static String sheetPart(byte[] xlsx) {
        Set<String> names = Rosters.parts(xlsx).keySet();
        return names.stream().filter(n -> n.startsWith("xl/worksheets/") && n.endsWith(".xml")).sorted().findFirst()
                .orElseThrow(() -> new AssertionError("no sheet in " + names));
    }
}
