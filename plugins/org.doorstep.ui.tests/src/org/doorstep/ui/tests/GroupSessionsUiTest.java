package org.doorstep.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.group.BoardState;
import org.doorstep.group.GroupSession;
import org.doorstep.group.GroupSessions;
import org.doorstep.group.RosterEntry;
import org.doorstep.testing.e4.Screenshots;
import org.doorstep.ui.WidgetIds;
import org.doorstep.ui.internal.cases.CaseIds;
import org.doorstep.ui.internal.cases.FileChooser;
import org.doorstep.ui.internal.group.GroupIds;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.CaseSummary;
import org.doorstep.vault.ItemInfo;
import org.doorstep.vault.Vault;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group session through the real screens: create the session for a company (a wrong credit code first), import a
 * roster of five with one bad row, fill the company-wide fields once, call applicants with Ctrl+N and take three of
 * them through their guided cases — identity pre-filled from the roster, applications, checklist with scans and
 * pending items, the photo from the shared test portrait through the file import, fingerprints from the shared test
 * prints through the image-import driver, signatures, review, completion — while a fourth goes on follow-up; follow
 * the board, restart the workbench and the vault and resume, end with the summary; then the vault is checked.
 * Officer actions per applicant are counted and printed (docs/PERFORMANCE.md). The product's own vault component
 * sets the laptop up in a temporary data folder ({@link UnlockedProduct}); the restart is that component started
 * again on the same folder, as at a product start.
 */
class GroupSessionsUiTest {


    @TempDir
    Path dir;

    private Path data;
    private volatile Vault vault;

    @AfterEach
    void tearDown() {
        if (data != null) {
            ProductData.deleteQuietly(data);
        }
    }

    @Test
    void aSessionOfThreeApplicantsCapturedAndCompletedThroughTheScreensFromRosterToSummary() throws Exception {
        // the product's own vault component sets the laptop up in a data folder of the test's and unlocks it
        data = UnlockedProduct.setUp("group");
        vault = ProductData.use(data, null).vault().orElseThrow();
        vault.unlock(UnlockedProduct.OFFICER, UnlockedProduct.PASSPHRASE.toCharArray());
        Path roster = dir.resolve("名单.csv");
        Files.write(roster, ("\uFEFF姓名,身份证号码,手机号码,办理证件\r\n"
                + "张伟,11010519491231002X,13800138000,护照\r\n"
                + "李娜,440305198506123419,13912345678,港澳通行证、护照\r\n"
                + "王芳,310115199203045625,,护照\r\n"
                + "赵强,110105198001011239,13700001111,护照\r\n"
                + "陈静,320102198807161526,13600002222,护照\r\n").getBytes(StandardCharsets.UTF_8));
        TestFiles files = new TestFiles(Files.createDirectories(dir.resolve("files")));
        List<Integer> perApplicant = new ArrayList<>();

        RunningWorkbench.run(ui -> {
            ui.workbenchContext().set(FileChooser.class, files);
            openGroupSessions(ui);
            Screenshots.capture(ui.mainShell(), "group-01-start");

            type(ui, GroupIds.COMPANY_NAME, "深圳市腾讯计算机系统有限公司");
            type(ui, GroupIds.CREDIT_CODE, "91440300708461136X");
            type(ui, GroupIds.CONTACT_NAME, "李经理");
            type(ui, GroupIds.CONTACT_PHONE, "13800138000");
            type(ui, GroupIds.COMPANY_ADDRESS, "深圳市南山区海天二路33号");
            click(ui, GroupIds.CREATE);
            String problems = ui.get(GroupIds.CREATE_PROBLEMS, Label.class).getText();
            assertEquals("「统一社会信用代码」：校验码不符，请逐位核对", problems);
            Screenshots.capture(ui.mainShell(), "group-02-credit-code-refused");
            type(ui, GroupIds.CREDIT_CODE, "91440300708461136T");
            click(ui, GroupIds.CREATE);
            ui.waitUntil("the session page", () -> visible(ui, GroupIds.SESSION_TITLE));
            assertEquals("深圳市腾讯计算机系统有限公司（统一社会信用代码 91440300708461136T）",
                    ui.get(GroupIds.SESSION_TITLE, Label.class).getText());

            type(ui, GroupIds.IMPORT_FILE, roster.toString());
            click(ui, GroupIds.IMPORT_RUN);
            Label importMessage = ui.get(GroupIds.IMPORT_MESSAGE, Label.class);
            ui.waitUntil("the import is done", () -> importMessage.getText().contains("导入 4 人"));
            assertEquals("已按 CSV（UTF-8，带 BOM） 读取 5 行：导入 4 人，1 行有问题未导入。", importMessage.getText());
            Table report = ui.get(GroupIds.REPORT, Table.class);
            assertEquals(1, report.getItemCount());
            assertEquals(List.of("5", "身份证号码", "校验码不符，请逐位核对"), cells(report.getItem(0), 3));
            ui.settle();
            Screenshots.capture(ui.mainShell(), "group-03-roster-imported-with-report");

            // the fields every applicant shares, filled once: employer, its address, the company's contact
            type(ui, GroupIds.EMPLOYER_NAME, "深圳市腾讯计算机系统有限公司");
            type(ui, GroupIds.EMPLOYER_ADDRESS, "深圳市南山区海天二路33号");
            type(ui, GroupIds.SHARED_CONTACT, "李经理");
            type(ui, GroupIds.SHARED_CONTACT_PHONE, "13800138000");
            click(ui, GroupIds.SAVE_FIELDS);
            assertEquals("已保存。", ui.get(GroupIds.FIELDS_MESSAGE, Label.class).getText());
            Screenshots.capture(ui.mainShell(), "group-03b-company-wide-fields");

            Table board = ui.get(GroupIds.BOARD, Table.class);
            Label boardMessage = ui.get(GroupIds.BOARD_MESSAGE, Label.class);
            try (ActionCounter actions = ActionCounter.on(ui.display()).pressesOnly()) {
                CaseDriver c = new CaseDriver(ui, files, actions);
                // Ctrl+N, through the area's key handling, from whatever has the focus inside it
                Text file = ui.get(GroupIds.IMPORT_FILE, Text.class);
                file.setFocus();
                actions.reset();
                press(ui, file, 'n', SWT.CTRL);
                ui.waitUntil("the first applicant is called", () -> boardMessage.getText().startsWith("已为 张伟 打开案件"));
                assertEquals("等候中 3 · 办理中 1 · 已完成 0 · 需跟进 0", ui.get(GroupIds.COUNTS, Label.class).getText());
                perApplicant.add(serve(ui, c, files, actions, 1, "张伟"));
                assertTrue(board.getItemHeight() >= 44, "rows are " + board.getItemHeight() + " px high");
                assertTrue(board.getFont().getFontData()[0].getHeight() >= 14, "board text at least 14 pt");
                assertEquals(List.of("已完成", "张伟", "110105********002X", "普通护照"), cells(row(board, "张伟"), 4));
                Screenshots.capture(ui.mainShell(), "group-04-first-applicant-done");

                actions.reset();
                press(ui, board, 'n', SWT.CTRL);
                ui.waitUntil("the second applicant is called", () -> boardMessage.getText().startsWith("已为 李娜 打开案件"));
                perApplicant.add(serve(ui, c, files, actions, 2, "李娜"));

                // 王芳 forgot her household register: on follow-up, with the reason
                board.setSelection(row(board, "王芳"));
                type(ui, GroupIds.FOLLOW_UP_REASON, "户口簿未带");
                click(ui, GroupIds.FOLLOW_UP);
                ui.waitUntil("王芳 on follow-up", () -> "需跟进".equals(row(board, "王芳").getText(0)));
                assertEquals("户口簿未带", row(board, "王芳").getText(4));

                actions.reset();
                press(ui, board, 'n', SWT.CTRL);
                ui.waitUntil("the third applicant is called", () -> boardMessage.getText().startsWith("已为 陈静 打开案件"));
                perApplicant.add(serve(ui, c, files, actions, 3, "陈静"));
            }
            press(ui, board, 'n', SWT.CTRL);
            assertEquals("没有等候中的人员了。", boardMessage.getText());
            assertEquals("等候中 0 · 办理中 0 · 已完成 3 · 需跟进 1", ui.get(GroupIds.COUNTS, Label.class).getText());
            ui.settle();
            Screenshots.capture(ui.mainShell(), "group-05-board");

            // a second roster as an Excel workbook (made with fastexcel's writer): read inside OSGi by the embedded
            // reader; its one person is already on the roster, so nothing is added and the report says why
            Path xlsx = dir.resolve("补充名单.xlsx");
            try (var in = GroupSessionsUiTest.class.getResourceAsStream("roster-again.xlsx")) {
                Files.copy(in, xlsx);
            }
            type(ui, GroupIds.IMPORT_FILE, xlsx.toString());
            click(ui, GroupIds.IMPORT_RUN);
            ui.waitUntil("the workbook is read", () -> importMessage.getText().contains("Excel"));
            assertEquals("已按 Excel 工作簿（.xlsx，只读第一张工作表） 读取 1 行：导入 0 人，1 行有问题未导入。",
                    importMessage.getText());
            assertEquals(List.of("2", "身份证号码", "此人已在本场名单中"), cells(report.getItem(0), 3));
            assertEquals(4, board.getItemCount());
        });
        System.out.println("[actions] group session, per applicant (Ctrl+N to done on the board; typing of data and "
                + "signature strokes excluded): " + perApplicant + ", plus 4 files chosen in the file dialog each");

        // restart: the workbench and the vault are closed and opened again; the officer unlocks and resumes
        vault = ProductData.use(data, null).vault().orElseThrow();
        vault.unlock(UnlockedProduct.OFFICER, UnlockedProduct.PASSPHRASE.toCharArray());

        RunningWorkbench.run(ui -> {
            openGroupSessions(ui);
            Table sessions = ui.get(GroupIds.SESSIONS, Table.class);
            assertEquals(1, sessions.getItemCount());
            assertEquals("深圳市腾讯计算机系统有限公司", sessions.getItem(0).getText(0));
            Screenshots.capture(ui.mainShell(), "group-06-resume-after-restart");
            click(ui, GroupIds.RESUME);
            Table board = ui.get(GroupIds.BOARD, Table.class);
            ui.waitUntil("the board is back", () -> board.getItemCount() == 4 && board.isVisible());
            assertEquals(List.of("需跟进", "已完成", "已完成", "已完成"),
                    Arrays.stream(board.getItems()).map(i -> i.getText(0)).toList(), "grouped by state");
            click(ui, GroupIds.END);
            Text summary = ui.get(GroupIds.SUMMARY_TEXT, Text.class);
            ui.waitUntil("the summary", () -> summary.isVisible());
            String text = summary.getText();
            assertTrue(text.startsWith("共 4 人：已完成 3，办理中 0，等候中 0，需跟进 1。"), text);
            assertTrue(text.contains("王芳：户口簿未带"), text);
            ui.settle();
            Screenshots.capture(ui.mainShell(), "group-07-summary");
        });

        GroupSessions stored = new GroupSessions(vault, Catalogue.builtIn(), Clock.systemUTC());
        GroupSession session = stored.list().get(0);
        assertTrue(session.ended() != null, "ended");
        assertEquals(List.of(BoardState.DONE, BoardState.DONE, BoardState.FOLLOW_UP, BoardState.DONE),
                session.entries().stream().map(RosterEntry::state).toList());
        assertEquals(3, vault.cases().list().size(), "a case for each applicant called");
        for (RosterEntry e : List.of(session.entries().get(0), session.entries().get(1), session.entries().get(3))) {
            assertEquals(CaseState.COMPLETE, vault.cases().get(e.caseId()).state(), e.name());
            Set<String> slots = vault.cases().items(e.caseId()).stream().map(ItemInfo::slot).collect(Collectors.toSet());
            assertTrue(slots.containsAll(Set.of("form", "checklist", "group", "photo.exit-entry", "signature.applicant",
                    "signature.officer", "scan.visit-evidence")), e.name() + " " + slots);
            assertEquals(2, slots.stream().filter(x -> x.startsWith("finger.")).count(), e.name() + " " + slots);
            assertEquals(e.name(), caseOf(e.name()).label().split(" ")[0]);
        }
        assertEquals(null, session.entries().get(2).caseId(), "王芳 was never called");
        assertEquals("户口簿未带", session.entries().get(2).reason());
    }

    /**
     * One applicant's guided case, opened by the call, through every step to completion and back to the board;
     * returns the officer actions from the call to the board showing the applicant done.
     */
    private int serve(RunningWorkbench ui, CaseDriver c, TestFiles files, ActionCounter actions, int n, String name)
            throws Exception {
        String shot = "group-a" + n + "-";
        ui.waitUntil(name + "'s guided case in front", () -> visible(ui, CaseIds.CASE) && ui.find(CaseIds.ID_NAME)
                .map(w -> name.equals(((Text) w).getText())).orElse(false));
        // identity from the roster and the company-wide fields: nothing to type
        assertEquals("单位集体", ui.get(CaseIds.ID_REASON, org.eclipse.swt.widgets.Combo.class).getText());
        assertEquals("深圳市南山区海天二路33号", ui.get(CaseIds.ID_ADDRESS, Text.class).getText());
        // the company's letter proves the visit reason: scanned into each applicant's case
        assertTrue(c.text(CaseIds.ID_EVIDENCE_STATE).startsWith("还没有附上"), c.text(CaseIds.ID_EVIDENCE_STATE));
        files.answer("scan-id-card.pdf");
        c.click(CaseIds.ID_EVIDENCE);
        c.idle();
        assertEquals("证明材料已附上。", c.text(CaseIds.ID_EVIDENCE_STATE));
        assertEquals("这一步已完成。", c.text(CaseIds.CASE_PROBLEMS));
        Screenshots.capture(ui.mainShell(), shot + "1-identity-from-roster");
        c.next();
        assertTrue(c.step("identity").startsWith("✓"), c.step("identity"));
        c.saveApplications();
        assertEquals("这一步已完成。", c.text(CaseIds.CASE_PROBLEMS));
        Screenshots.capture(ui.mainShell(), shot + "2-applications");
        c.next();
        c.checklistWithScansAndPending();
        Screenshots.capture(ui.mainShell(), shot + "3-checklist");
        c.next();
        c.importPhoto("obama.jpg");
        c.keepBestPhoto("集体办证现场，照片经核对可用");
        Screenshots.capture(ui.mainShell(), shot + "4-photo");
        c.next();
        c.fingersFromFiles("probe.png", "nonmatching.png");
        assertEquals("指纹已采集完毕。", c.text(CaseIds.FINGER_NEXT));
        Screenshots.capture(ui.mainShell(), shot + "5-fingerprints");
        c.next();
        c.signatures("张警官");
        Screenshots.capture(ui.mainShell(), shot + "6-signatures");
        c.next();
        String result = c.complete();
        assertTrue(result.contains("本机尚未在总部注册"), result);
        Screenshots.capture(ui.mainShell(), shot + "7-complete");
        backToGroupSessions(ui);
        Table board = ui.get(GroupIds.BOARD, Table.class);
        press(ui, board, SWT.F5, 0);
        ui.waitUntil(name + " done", () -> "已完成".equals(row(board, name).getText(0)));
        int counted = actions.count();
        System.out.println("[actions] group applicant " + n + " (" + name + "): " + counted + " officer actions");
        actions.actions().forEach(a -> System.out.println("[actions]   " + a));
        return counted;
    }

    private CaseSummary caseOf(String name) {
        return vault.cases().list().stream().filter(c -> c.label().equals(name) || c.label().startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no case for " + name));
    }

    /** Ctrl+2's navigation button, back from an applicant's case to the session's board. */
    private static void backToGroupSessions(RunningWorkbench ui) {
        Button nav = ui.get(WidgetIds.NAV_GROUP_SESSIONS, Button.class);
        CaseDriver.press(nav);
        nav.setSelection(true);
        nav.notifyListeners(SWT.Selection, new Event());
        ui.waitUntil("the session's board", () -> visible(ui, GroupIds.BOARD));
        ui.settle();
    }

    private static void openGroupSessions(RunningWorkbench ui) {
        ui.waitUntil("the main window shows its navigation", () -> ui.find(WidgetIds.NAVIGATION).isPresent());
        Button nav = ui.get(WidgetIds.NAV_GROUP_SESSIONS, Button.class);
        nav.setSelection(true);
        nav.notifyListeners(SWT.Selection, new Event());
        ui.waitUntil("the group sessions area", () -> visible(ui, GroupIds.CREATE));
        ui.settle();
    }

    private static boolean visible(RunningWorkbench ui, String id) {
        return ui.find(id).map(w -> ((Control) w).isVisible()).orElse(false);
    }

    private static void type(RunningWorkbench ui, String id, String text) {
        Text field = ui.get(id, Text.class);
        field.setFocus();
        field.setText(text);
    }

    private static void click(RunningWorkbench ui, String id) {
        Button button = ui.get(id, Button.class);
        assertTrue(button.getSize().y >= 44, id + " is " + button.getSize().y + " px high");
        button.notifyListeners(SWT.Selection, new Event());
        ui.settle();
    }

    private static void press(RunningWorkbench ui, Control focus, int keyCode, int stateMask) {
        for (int type : new int[] { SWT.KeyDown, SWT.KeyUp }) {
            Event event = new Event();
            event.type = type;
            event.stateMask = stateMask;
            event.keyCode = keyCode;
            event.character = keyCode < 0x10000 && keyCode != SWT.F5 ? (char) keyCode : 0;
            focus.notifyListeners(type, event);
        }
        ui.settle();
    }

    private static TableItem row(Table board, String name) {
        return Arrays.stream(board.getItems()).filter(i -> name.equals(i.getText(1))).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + name));
    }

    private static List<String> cells(TableItem item, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(item::getText).toList();
    }
}
