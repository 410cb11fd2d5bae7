package org.doorstep.hq.console.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.doorstep.hq.admin.AdminException;
import org.doorstep.hq.admin.AdminSession;
import org.doorstep.hq.admin.DeviceBoard;
import org.doorstep.hq.admin.DeviceView;
import org.doorstep.hq.console.Area;
import org.doorstep.hq.console.ConsoleIds;
import org.doorstep.hq.console.internal.FileChooser;
import org.doorstep.hq.console.internal.model.Formats;
import org.doorstep.hq.console.internal.model.StoreLocation;
import org.doorstep.hq.console.internal.parts.BoardPart;
import org.doorstep.testing.e4.Drive;
import org.doorstep.testing.e4.Screenshots;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The HQ console's real application model and widgets against a real HQ: Mosquitto from the repository's
 * configuration, HQ ingest with two workers, the administration's dispatcher with HQ's keys, HQ's store on a Derby
 * network server, and 50 laptops using the real sync client (every part started by the test, in a child JVM:
 * {@link HqSite}). The board must show each laptop exactly as the laptop itself reported, agree with the admin command
 * line, and follow a new packet live; a viewer sees everything and can do nothing; an administrator enrols a real
 * laptop with the code the console shows, sends it a work order and a remote wipe (pending until the laptop confirms),
 * approves and returns cases (the laptop receives the reason), has a damaged packet sent again, revokes a laptop (its
 * next packet is rejected, its next connection refused), verifies a device trail and the administrators' own trail,
 * and exports a report. Screenshots of every step in target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleFleetTest {

    private static final int FLEET = 50;
    private static final String ADMIN_PASSWORD = "console admin password 2026";
    private static final String VIEWER = "watcher";
    private static final String VIEWER_PASSWORD = "watcher password 2026";
    private static final String REAL_LAPTOP = "FIELD-88";

    private static HqSite site;
    private static Path work;
    private static Formats zh;
    /** What earlier steps learnt that later ones need (a packet id, the live laptop's new count). */
    private static final Map<String, String> learnt = new HashMap<>();

    @BeforeAll
    static void startSite() throws Exception {
        work = Path.of(System.getProperty("doorstep.hq.site.work", "target/hq-site")).toAbsolutePath();
        deleteTree(work);
        site = HqSite.start(work, FLEET, ADMIN_PASSWORD);
        String store = site.awaitStore(java.time.Duration.ofSeconds(120));
        // as doorstep-hq-console.sh --hq-store URL would pass it
        System.setProperty(StoreLocation.STORE_PROPERTY, store);
        zh = new Formats(TestMessages.chinese(), Locale.getDefault(), ZoneId.systemDefault());
    }

    @AfterAll
    static void stopSite() throws Exception {
        System.clearProperty(StoreLocation.STORE_PROPERTY);
        if (site != null) {
            site.close();
        }
    }

    @Test
    @Order(1)
    void signInSaysWhatIsWrongInPlainWordsAndTheBoardShowsEveryLaptopAsItReportedAndFollowsItLive() throws Exception {
        ConsoleWorkbench.run(ui -> {
            Composite signIn = ui.await(ConsoleIds.SIGN_IN, Composite.class);
            Shell shell = signIn.getShell();
            assertEquals(System.getProperty(StoreLocation.STORE_PROPERTY), ui.get(ConsoleIds.SIGN_IN_STORE, Text.class).getText());
            assertEquals("由启动参数 --hq-store 指定", ui.get(ConsoleIds.SIGN_IN_STORE_SOURCE, Label.class).getText());
            assertFalse(ui.get(ConsoleIds.NAVIGATION, Composite.class).isVisible(), "nothing of HQ shows before sign-in");
            Button submit = ui.get(ConsoleIds.SIGN_IN_SUBMIT, Button.class);
            ui.waitUntil("the sign-in screen is laid out", () -> submit.getSize().y > 0);
            assertAtLeast14pt(ui.get(ConsoleIds.SIGN_IN_USER, Text.class));
            assertAtLeast14pt(ui.get(ConsoleIds.SIGN_IN_SUBMIT, Button.class));
            assertAtLeast44px(ui.get(ConsoleIds.SIGN_IN_SUBMIT, Button.class));
            Screenshots.capture(shell, "01-sign-in");

            // a store out of reach, or one the console cannot use, in plain words
            String store = ui.get(ConsoleIds.SIGN_IN_STORE, Text.class).getText();
            Drive.type(ui, ConsoleIds.SIGN_IN_STORE, "jdbc:derby:/srv/hq/derby/hq");
            assertEquals("手动输入", ui.get(ConsoleIds.SIGN_IN_STORE_SOURCE, Label.class).getText());
            assertEquals("控制台通过网络连接总部数据库：地址应以 jdbc:derby:// 开头。", attempt(ui, "admin", ADMIN_PASSWORD));
            Drive.type(ui, ConsoleIds.SIGN_IN_STORE, "jdbc:derby://127.0.0.1:1//nothing/here");
            String unreachable = attempt(ui, "admin", ADMIN_PASSWORD);
            assertTrue(unreachable.startsWith("无法连接总部数据库 jdbc:derby://127.0.0.1:1//nothing/here。请确认总部服务正在运行"),
                    unreachable);
            Drive.type(ui, ConsoleIds.SIGN_IN_STORE, store);

            // wrong passwords in plain words; after the free attempts, when to try again
            for (int i = 0; i < 4; i++) {
                assertEquals("用户名或密码不正确。", attempt(ui, "admin", "not the password " + i));
            }
            String waiting = attempt(ui, "admin", ADMIN_PASSWORD);
            assertTrue(waiting.matches("失败次数过多，请在 \\d\\d:\\d\\d:\\d\\d 之后再试。"), waiting);
            Screenshots.capture(shell, "02-sign-in-back-off");
            String answer = waiting;
            for (int i = 0; i < 20 && answer.startsWith("失败次数过多"); i++) {
                pause(ui, 500);
                answer = attempt(ui, "admin", ADMIN_PASSWORD);
            }
            ui.waitUntil("the window is the administrator's", () -> !signIn.isVisible()
                    && ui.get(ConsoleIds.NAVIGATION, Composite.class).isVisible());
            assertTrue(ui.get(ConsoleIds.NAV_USER, Label.class).getText().contains("admin"));
            assertTrue(ui.get(ConsoleIds.STATUS_CONNECTION, Label.class).getText().contains("admin（管理员）"));
            Screenshots.capture(shell, "03-board-as-the-fleet-arrives");

            // the board: every laptop as the laptop itself reported, once the fleet has settled
            ui.waitUntil("the site's fleet settled", site::fleetReady);
            Table board = ui.get(ConsoleIds.BOARD_TABLE, Table.class);
            ui.waitUntil("the board shows every laptop as it reported", () -> boardMismatch(ui, site.fleet()).isEmpty(),
                    () -> boardMismatch(ui, site.fleet()));
            assertEquals(FLEET, board.getItemCount());
            assertTrue(board.getItemHeight() >= 44, "rows are " + board.getItemHeight() + " px high");
            assertAtLeast14pt(board);
            int delivered = site.fleet().values().stream().mapToInt(HqSite.Laptop::delivered).sum();
            long backlog = site.fleet().values().stream().mapToInt(HqSite.Laptop::backlogCases).sum();
            long backlogBytes = site.fleet().values().stream().mapToLong(HqSite.Laptop::backlogBytes).sum();
            String totals = ui.get(ConsoleIds.BOARD_TOTALS, Label.class).getText();
            assertTrue(totals.startsWith("共 50 台笔记本 · 待发 " + backlog + " 件（" + zh.bytes(backlogBytes) + "） · 总部已收 "
                    + delivered + " 件 · 被拒 0 个"), totals);
            Screenshots.capture(shell, "04-board-50-laptops");

            // the admin command line over the same store reports the same numbers
            Path csv = work.resolve("devices-cli.csv");
            HqSite.Reply cli = site.send("cli devices --csv " + csv);
            ui.waitUntil("the command line answered", cli::done);
            assertTrue(cli.text().startsWith("0 "), cli.text());
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            assertEquals(FLEET + 1, lines.size());
            Map<String, DeviceView> shown = shownDevices(ui);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                DeviceView d = shown.get(f[0]);
                assertEquals(List.of(d.state().id(), String.join(" ", d.officers()), Integer.toString(d.backlogCases()),
                        Long.toString(d.backlogBytes()), Long.toString(d.delivered()), Long.toString(d.rejected())),
                        List.of(f[1], f[2], f[4], f[5], f[9], f[10]), "the command line and the console on " + f[0]);
            }
            HqSite.Reply table = site.send("cli devices");
            ui.waitUntil("the command line answered", table::done);
            assertTrue(decode(table.text()).contains("50 laptop(s)"), decode(table.text()));

            // filter by device or officer and by state; the totals follow
            Drive.type(ui, ConsoleIds.BOARD_FILTER, "fleet-0");
            assertEquals(9, board.getItemCount());
            assertTrue(ui.get(ConsoleIds.BOARD_TOTALS, Label.class).getText().startsWith("显示 9 / 50 台笔记本"));
            Drive.type(ui, ConsoleIds.BOARD_FILTER, "officer-3");
            assertTrue(Drive.column(board, BoardPart.COL_OFFICERS).stream().allMatch(o -> o.equals("officer-3")));
            assertEquals(site.fleet().values().stream().filter(l -> l.officer().equals("officer-3")).count(),
                    board.getItemCount());
            Drive.type(ui, ConsoleIds.BOARD_FILTER, "");
            Drive.choose(ui, ConsoleIds.BOARD_STATE, "已吊销");
            assertEquals(0, board.getItemCount());
            Drive.choose(ui, ConsoleIds.BOARD_STATE, "全部");
            assertEquals(FLEET, board.getItemCount());

            // keyboard: Ctrl+3 and Ctrl+1 through the workbench's key bindings
            Drive.ctrl(ui, board, '3');
            ui.waitUntil("the cases area is on top", () -> visible(ui, Area.CASES.sectionId()));
            assertTrue(ui.get(Area.CASES.navigationId(), Button.class).getSelection());
            Drive.ctrl(ui, ui.get(ConsoleIds.CASES_SEARCH, Button.class), '1');
            ui.waitUntil("the board is on top again", () -> visible(ui, Area.DEVICES.sectionId()));

            // live: a laptop comes online with a new case; the board follows without anyone touching it
            HqSite.Laptop before = site.fleet().get("fleet-07");
            String heartbeatBefore = cell(board, "fleet-07", BoardPart.COL_HEARTBEAT);
            HqSite.Reply packet = site.send("packet fleet-07");
            ui.waitUntil("fleet-07 delivered a new case", packet::done);
            HqSite.Laptop after = HqSite.Laptop.parse(packet.text());
            assertEquals(before.delivered() + 1, after.delivered());
            learnt.put("fleet-07.auditEntries", Long.toString(after.auditEntries()));
            ui.waitUntil("the board shows fleet-07's new case and heartbeat", () ->
                    cell(board, "fleet-07", BoardPart.COL_DELIVERED).equals(Integer.toString(after.delivered()))
                    && !cell(board, "fleet-07", BoardPart.COL_HEARTBEAT).equals(heartbeatBefore),
                    () -> cell(board, "fleet-07", BoardPart.COL_DELIVERED));
            Screenshots.capture(shell, "05-board-live-update");

            // a viewer account, for the next test
            Drive.ctrl(ui, board, '8');
            ui.waitUntil("the users area is on top", () -> visible(ui, Area.USERS.sectionId()));
            Table users = ui.get(ConsoleIds.USERS_TABLE, Table.class);
            ui.waitUntil("the users are listed", () -> users.getItemCount() == 1);
            addViewer(ui, users, VIEWER, "值班查看员");

            // a user who leaves is disabled: the row says so, and only enabling is offered for it
            addViewer(ui, users, "leaver", "调离人员");
            Drive.select(ui, ConsoleIds.USERS_TABLE, 0, "leaver");
            assertTrue(ui.get(ConsoleIds.USERS_DISABLE, Button.class).isEnabled());
            assertFalse(ui.get(ConsoleIds.USERS_ENABLE, Button.class).isEnabled());
            Drive.click(ui, ConsoleIds.USERS_DISABLE);
            closeDone(ui, "leaver 已停用：不能再登录，仍在登录中的会话也不能再执行任何操作。");
            ui.waitUntil("the leaver's row says disabled", () -> users.getItemCount() == 3 && java.util.Arrays.stream(
                    users.getItems()).anyMatch(i -> i.getText(0).equals("leaver") && i.getText(2).endsWith("· 已停用")));
            Screenshots.capture(shell, "06-users");

            Drive.click(ui, ConsoleIds.NAV_SIGN_OUT);
            ui.waitUntil("signed out: the sign-in screen again", () -> signIn.isVisible()
                    && !ui.get(ConsoleIds.NAVIGATION, Composite.class).isVisible());
            assertEquals("", ui.get(ConsoleIds.SIGN_IN_PASSWORD, Text.class).getText());
        });
    }

    @Test
    @Order(2)
    void aViewerSeesEverythingButEveryActionIsDisabledAndTheServiceRefusesIt() throws Exception {
        ConsoleWorkbench.run(ui -> {
            signIn(ui, VIEWER, VIEWER_PASSWORD);
            Shell shell = ui.mainShell();
            Table board = ui.get(ConsoleIds.BOARD_TABLE, Table.class);
            ui.waitUntil("the board is full", () -> board.getItemCount() == FLEET);
            assertFalse(ui.get(ConsoleIds.BOARD_ENROL, Button.class).isEnabled(), "a viewer cannot enrol");
            // the high-contrast theme for a bright room: white and yellow on black, and back
            Label totals = ui.get(ConsoleIds.BOARD_TOTALS, Label.class);
            Drive.click(ui, ConsoleIds.NAV_HIGH_CONTRAST);
            ui.waitUntil("the high-contrast theme is on", () -> isBlack(totals.getBackground()));
            assertAtLeast14pt(totals);
            Screenshots.capture(shell, "06b-high-contrast");
            Drive.click(ui, ConsoleIds.NAV_HIGH_CONTRAST);
            ui.waitUntil("the standard theme is back", () -> !isBlack(totals.getBackground()));
            assertTrue(ui.get(ConsoleIds.BOARD_EXPORT, Button.class).isEnabled(), "a viewer may export what they see");
            Drive.select(ui, ConsoleIds.BOARD_TABLE, BoardPart.COL_DEVICE, "fleet-02");
            Drive.click(ui, ConsoleIds.BOARD_OPEN);
            ui.waitUntil("fleet-02's details", () -> visible(ui, Area.DEVICE.sectionId())
                    && ui.get(ConsoleIds.DEVICE_HEADING, Label.class).getText().contains("fleet-02"));
            for (String action : List.of(ConsoleIds.DEVICE_REVOKE, ConsoleIds.DEVICE_WIPE, ConsoleIds.DEVICE_WORK_ORDER,
                    ConsoleIds.DEVICE_ENROL)) {
                assertFalse(ui.get(action, Button.class).isEnabled(), action + " is disabled for a viewer");
            }
            assertEquals("正常", ui.get(ConsoleIds.DEVICE_FACT + "state", Label.class).getText());
            Screenshots.capture(shell, "07-viewer-device");

            Drive.ctrl(ui, ui.get(ConsoleIds.DEVICE_CHOOSER, Control.class), '4');
            Table review = ui.get(ConsoleIds.REVIEW_TABLE, Table.class);
            ui.waitUntil("the review queue is listed", () -> review.getItemCount() > 0);
            Drive.select(ui, ConsoleIds.REVIEW_TABLE, 0, review.getItem(0).getText(0));
            assertFalse(ui.get(ConsoleIds.REVIEW_APPROVE, Button.class).isEnabled());
            assertFalse(ui.get(ConsoleIds.REVIEW_RETURN, Button.class).isEnabled());
            assertFalse(ui.get(ConsoleIds.REVIEW_NOTE, Text.class).isEnabled());
            Screenshots.capture(shell, "08-viewer-review");

            Drive.ctrl(ui, review, '3');
            Table cases = ui.get(ConsoleIds.CASES_TABLE, Table.class);
            ui.waitUntil("the cases are listed", () -> cases.getItemCount() > 0);
            Drive.select(ui, ConsoleIds.CASES_TABLE, 0, cases.getItem(0).getText(0));
            assertFalse(ui.get(ConsoleIds.CASES_SEND_STATUS, Button.class).isEnabled());
            assertTrue(ui.get(ConsoleIds.CASES_SEARCH, Button.class).isEnabled(), "searching is reading");

            Drive.ctrl(ui, cases, '8');
            ui.waitUntil("the users area", () -> visible(ui, Area.USERS.sectionId()));
            for (String control : List.of(ConsoleIds.USERS_ADD, ConsoleIds.USERS_ID, ConsoleIds.USERS_PASSWORD,
                    ConsoleIds.USERS_SET_ROLE)) {
                assertFalse(ui.get(control, Control.class).isEnabled(), control + " is disabled for a viewer");
            }
            assertTrue(ui.get(ConsoleIds.USERS_NOTE, Label.class).getText().startsWith("您是只读查看员"));
            Screenshots.capture(shell, "09-viewer-users");

            // and should a viewer reach an action some other way, the service refuses it (and records the refusal)
            AdminSession viewer = ui.appContext().get(AdminSession.class);
            AdminException refused = assertThrows(AdminException.class, () -> viewer.wipe("fleet-02", "just trying"));
            assertEquals(AdminException.Kind.FORBIDDEN, refused.kind());
            Drive.click(ui, ConsoleIds.NAV_SIGN_OUT);
        });
    }

    @Test
    @Order(3)
    void anAdministratorEnrolsARealLaptopWithTheCodeShownSendsItAWorkOrderAndWipesIt() throws Exception {
        ConsoleWorkbench.run(ui -> {
            signIn(ui, "admin", ADMIN_PASSWORD);
            Shell shell = ui.mainShell();
            Table board = ui.get(ConsoleIds.BOARD_TABLE, Table.class);
            ui.waitUntil("the board is full", () -> board.getItemCount() >= FLEET);

            // a one-time code, shown once with the CA fingerprint
            Drive.click(ui, ConsoleIds.BOARD_ENROL);
            ui.await(ConsoleIds.DIALOG_ENROL, Shell.class);
            Drive.type(ui, ConsoleIds.DIALOG_ENROL + ".device", REAL_LAPTOP);
            Drive.click(ui, ConsoleIds.DIALOG_ENROL + ".ok");
            Shell codeDialog = ui.await(ConsoleIds.DIALOG_ENROLMENT_CODE, Shell.class);
            Text codeText = ui.get(ConsoleIds.DIALOG_ENROLMENT_CODE + ".code", Text.class);
            String code = codeText.getText();
            String ca = ui.get(ConsoleIds.DIALOG_ENROLMENT_CODE + ".ca", Text.class).getText();
            assertTrue(code.matches("[A-Z0-9]{4}(-[A-Z0-9]{4})+"), code);
            assertTrue(ca.matches("SHA256:([0-9A-F]{2}:){31}[0-9A-F]{2}"), ca);
            assertTrue(codeText.getFont().getFontData()[0].getHeight() >= 20, "the code is large");
            Screenshots.capture(codeDialog, "10-enrolment-code");
            Drive.click(ui, ConsoleIds.DIALOG_ENROLMENT_CODE + ".ok");
            ui.waitUntil("the laptop waits on the board for its enrolment",
                    () -> cell(board, REAL_LAPTOP, BoardPart.COL_STATE).equals("待注册"));

            // a real laptop (encrypted vault, the laptop's sync service) enrols with that code and sends a case
            HqSite.Reply enrolled = site.send("enrol-real " + REAL_LAPTOP + " " + code + " " + ca);
            ui.waitUntil("the real laptop enrolled and delivered a case", enrolled::done);
            assertTrue(enrolled.text().contains("officer=J10023"), enrolled.text());
            ui.waitUntil("the board shows the real laptop active with its case and officer", () ->
                    cell(board, REAL_LAPTOP, BoardPart.COL_STATE).equals("正常")
                    && cell(board, REAL_LAPTOP, BoardPart.COL_DELIVERED).equals("1")
                    && cell(board, REAL_LAPTOP, BoardPart.COL_OFFICERS).contains("J10023"),
                    () -> String.join(" | ", rowTexts(board, REAL_LAPTOP)));

            // a home-visit work order, carried out by the laptop
            Drive.select(ui, ConsoleIds.BOARD_TABLE, BoardPart.COL_DEVICE, REAL_LAPTOP);
            Drive.click(ui, ConsoleIds.BOARD_OPEN);
            ui.waitUntil("the real laptop's details", () -> visible(ui, Area.DEVICE.sectionId())
                    && ui.get(ConsoleIds.DEVICE_HEADING, Label.class).getText().contains(REAL_LAPTOP));
            Drive.click(ui, ConsoleIds.DEVICE_WORK_ORDER);
            Shell orderDialog = ui.await(ConsoleIds.DIALOG_WORK_ORDER, Shell.class);
            String orderId = ui.get(ConsoleIds.DIALOG_WORK_ORDER + ".id", Text.class).getText();
            Drive.type(ui, ConsoleIds.DIALOG_WORK_ORDER + ".name", "王秀兰");
            Drive.type(ui, ConsoleIds.DIALOG_WORK_ORDER + ".idNumber", "11010519491231002X");
            Drive.type(ui, ConsoleIds.DIALOG_WORK_ORDER + ".address", "北京市朝阳区某街道 1 号");
            Drive.click(ui, ConsoleIds.DIALOG_WORK_ORDER + ".ok");
            assertEquals("请至少选择一种证件。", ui.get(ConsoleIds.DIALOG_WORK_ORDER + ".problem", Label.class).getText(),
                    "a missing document is said in the dialog, which keeps what was typed");
            Drive.click(ui, ConsoleIds.DIALOG_WORK_ORDER + ".document.passport");
            Screenshots.capture(orderDialog, "11-work-order");
            Drive.click(ui, ConsoleIds.DIALOG_WORK_ORDER + ".ok");
            closeDone(ui, null);
            HqSite.Reply order = site.send("await-order " + REAL_LAPTOP + " " + orderId);
            ui.waitUntil("the work order is on the laptop", order::done);
            order.text();
            Table commands = ui.get(ConsoleIds.DEVICE_COMMANDS, Table.class);
            ui.waitUntil("the command history shows the work order carried out", () -> rows(commands).stream()
                    .anyMatch(r -> r[1].equals("上门工单") && r[2].equals("笔记本已执行") && r[3].equals(orderId)),
                    () -> rows(commands).stream().map(r -> String.join(",", r)).toList().toString());
            Screenshots.capture(shell, "12-device-work-order-carried-out");

            // the remote wipe, while the laptop is away: pending until it comes back and confirms
            HqSite.Reply away = site.send("offline-real " + REAL_LAPTOP);
            ui.waitUntil("the laptop went offline", away::done);
            away.text();
            Drive.click(ui, ConsoleIds.DEVICE_WIPE);
            Shell wipeDialog = ui.await(ConsoleIds.DIALOG_WIPE, Shell.class);
            Drive.type(ui, ConsoleIds.DIALOG_WIPE + ".reason", "笔记本报失");
            Drive.click(ui, ConsoleIds.DIALOG_WIPE + ".ok");
            assertEquals("请勾选确认框，确认您了解此操作的后果。", ui.get(ConsoleIds.DIALOG_WIPE + ".problem", Label.class).getText());
            Drive.click(ui, ConsoleIds.DIALOG_WIPE + ".confirm");
            Screenshots.capture(wipeDialog, "13-wipe-confirmation");
            Drive.click(ui, ConsoleIds.DIALOG_WIPE + ".ok");
            closeDone(ui, null);
            Label wipeState = ui.get(ConsoleIds.DEVICE_WIPE_STATE, Label.class);
            ui.waitUntil("the wipe is pending", () -> wipeState.getText().contains("正在等待笔记本确认")
                    && ui.get(ConsoleIds.DEVICE_FACT + "state", Label.class).getText().equals("等待远程擦除"));
            assertFalse(ui.get(ConsoleIds.DEVICE_WIPE, Button.class).isEnabled(), "one wipe at a time");
            Screenshots.capture(shell, "14-wipe-pending");
            site.send("online-real " + REAL_LAPTOP);
            HqSite.Reply wiped = site.send("await-wiped " + REAL_LAPTOP);
            ui.waitUntil("the laptop destroyed its keys", wiped::done);
            assertTrue(wiped.text().endsWith("wiped true"), "and wrote its signed confirmation: " + wiped.text());
            ui.waitUntil("the console shows the laptop's confirmation", () -> wipeState.getText().contains("确认擦除")
                    && ui.get(ConsoleIds.DEVICE_FACT + "state", Label.class).getText().equals("已擦除"),
                    wipeState::getText);
            Screenshots.capture(shell, "15-wiped");
            HqSite.Reply gone = site.send("offline-real " + REAL_LAPTOP);
            ui.waitUntil("the wiped laptop is off the link", gone::done);
            gone.text();
        });
    }

    @Test
    @Order(4)
    void reviewApprovesAndReturnsARejectedPacketIsAskedForAgainAndARevokedLaptopIsShutOut() throws Exception {
        ConsoleWorkbench.run(ui -> {
            signIn(ui, "admin", ADMIN_PASSWORD);
            Shell shell = ui.mainShell();
            Table board = ui.get(ConsoleIds.BOARD_TABLE, Table.class);
            ui.waitUntil("the board is full", () -> board.getItemCount() > FLEET);

            // review: the cases with a material pending, oldest first
            List<String> pending = new ArrayList<>();
            site.fleet().values().forEach(l -> pending.addAll(l.pendingReview()));
            Drive.ctrl(ui, board, '4');
            Table review = ui.get(ConsoleIds.REVIEW_TABLE, Table.class);
            ui.waitUntil("the review queue lists every case with a pending material",
                    () -> review.getItemCount() == pending.size(), () -> review.getItemCount() + " of " + pending.size());
            assertEquals(zh.format(TestMessages.chinese().review_count, pending.size()),
                    ui.get(ConsoleIds.REVIEW_COUNT, Label.class).getText());
            String approvedCase = review.getItem(0).getText(0);
            String approvedDevice = review.getItem(0).getText(1);
            Drive.select(ui, ConsoleIds.REVIEW_TABLE, 0, approvedCase);
            Table flags = ui.get(ConsoleIds.REVIEW_FLAGS, Table.class);
            assertEquals(List.of("材料容缺待补", "household-register", "pending until 2026-12-20"), List.of(rows(flags).get(0)));
            Screenshots.capture(shell, "16-review");
            Drive.click(ui, ConsoleIds.REVIEW_APPROVE);
            closeDone(ui, null);
            ui.waitUntil("the approved case left the queue", () -> review.getItemCount() == pending.size() - 1);
            String returnedCase = review.getItem(0).getText(0);
            String returnedDevice = review.getItem(0).getText(1);
            Drive.select(ui, ConsoleIds.REVIEW_TABLE, 0, returnedCase);
            Drive.click(ui, ConsoleIds.REVIEW_RETURN);
            closeProblem(ui, "请检查输入。");
            Drive.type(ui, ConsoleIds.REVIEW_NOTE, "请补交户口簿原件");
            Drive.click(ui, ConsoleIds.REVIEW_RETURN);
            closeDone(ui, null);
            ui.waitUntil("the returned case left the queue", () -> review.getItemCount() == pending.size() - 2);
            HqSite.Reply returned = site.send("await-command " + returnedDevice + " STATUS_UPDATE " + returnedCase);
            HqSite.Reply accepted = site.send("await-command " + approvedDevice + " STATUS_UPDATE " + approvedCase);
            ui.waitUntil("the laptops received the decisions", () -> returned.done() && accepted.done());
            String returnBody = decode(returned.text().split(" ")[2]);
            assertTrue(returnBody.contains("\"status\":\"returned\"") && returnBody.contains("请补交户口簿原件"), returnBody);
            assertTrue(decode(accepted.text().split(" ")[2]).contains("\"status\":\"accepted\""), accepted.text());

            // cases: by state, by day
            Drive.ctrl(ui, review, '3');
            Table cases = ui.get(ConsoleIds.CASES_TABLE, Table.class);
            ui.waitUntil("the cases are listed", () -> cases.getItemCount() > 0);
            int all = cases.getItemCount();
            Drive.choose(ui, ConsoleIds.CASES_STATE, "已退回");
            Drive.click(ui, ConsoleIds.CASES_SEARCH);
            ui.waitUntil("only the returned case", () -> cases.getItemCount() == 1
                    && cases.getItem(0).getText(0).equals(returnedCase));
            Drive.choose(ui, ConsoleIds.CASES_STATE, "全部");
            Drive.type(ui, ConsoleIds.CASES_FROM, LocalDate.now().toString());
            Drive.click(ui, ConsoleIds.CASES_SEARCH);
            ui.waitUntil("every case was stored today", () -> cases.getItemCount() == all);
            Drive.type(ui, ConsoleIds.CASES_FROM, "");
            Drive.type(ui, ConsoleIds.CASES_TO, LocalDate.now().minusDays(1).toString());
            Drive.click(ui, ConsoleIds.CASES_SEARCH);
            ui.waitUntil("none before today", () -> cases.getItemCount() == 0);
            Drive.type(ui, ConsoleIds.CASES_TO, "yesterday");
            Drive.click(ui, ConsoleIds.CASES_SEARCH);
            closeProblem(ui, "请检查输入。");
            Drive.type(ui, ConsoleIds.CASES_TO, "");
            Drive.click(ui, ConsoleIds.CASES_SEARCH);
            ui.waitUntil("every case again", () -> cases.getItemCount() == all);

            // a status update for a delivered case reaches its laptop
            String[] received = rows(cases).stream().filter(r -> r[1].startsWith("fleet-") && !r[1].equals("fleet-01")
                    && r[3].equals("已接收")).findFirst().orElseThrow();
            Drive.select(ui, ConsoleIds.CASES_TABLE, 0, received[0]);
            Drive.click(ui, ConsoleIds.CASES_SEND_STATUS);
            ui.await(ConsoleIds.DIALOG_STATUS, Shell.class);
            Drive.choose(ui, ConsoleIds.DIALOG_STATUS + ".value", "已制证");
            Drive.type(ui, ConsoleIds.DIALOG_STATUS + ".note", "请于下周一到出入境大厅领取");
            Drive.click(ui, ConsoleIds.DIALOG_STATUS + ".ok");
            closeDone(ui, "“已制证”将在 " + received[1] + " 下次联网时送达。");
            HqSite.Reply produced = site.send("await-command " + received[1] + " STATUS_UPDATE " + received[0]);
            ui.waitUntil("the laptop received the status", produced::done);
            String producedBody = decode(produced.text().split(" ")[2]);
            assertTrue(producedBody.contains("\"status\":\"produced\"") && producedBody.contains("请于下周一到出入境大厅领取"),
                    producedBody);

            // a packet damaged on a laptop's disk is rejected; the laptop is asked to send it again
            HqSite.Reply tamper = site.send("tamper fleet-12");
            Drive.ctrl(ui, cases, '5');
            ui.waitUntil("the laptop's damaged packet is rejected", tamper::done);
            String[] t = tamper.text().split(" ");
            String packet = t[1];
            assertEquals("TAMPERED", t[2]);
            Table rejects = ui.get(ConsoleIds.REJECTS_TABLE, Table.class);
            ui.waitUntil("the rejection is listed with its reason", () -> rows(rejects).stream()
                    .anyMatch(r -> r[2].equals(packet) && r[3].equals("数据被篡改或损坏（TAMPERED）") && r[1].equals("fleet-12")));
            Drive.select(ui, ConsoleIds.REJECTS_TABLE, 2, packet);
            Drive.type(ui, ConsoleIds.REJECTS_NOTE, "传输中损坏");
            Drive.click(ui, ConsoleIds.REJECTS_RESEND);
            closeDone(ui, null);
            HqSite.Reply resend = site.send("await-command fleet-12 RESEND " + packet);
            ui.waitUntil("the laptop received the resend request", resend::done);
            resend.text();
            ui.waitUntil("the rejection shows the resend", () -> rows(rejects).stream()
                    .anyMatch(r -> r[2].equals(packet) && r[5].startsWith("已请求重发")));
            HqSite.Reply quiet = site.send("offline fleet-12");
            ui.waitUntil("fleet-12 is off the link again", quiet::done);
            quiet.text();
            Screenshots.capture(shell, "17-rejects-resend");

            // revocation: the connected laptop's next packet is rejected, its next connection refused
            HqSite.Reply online = site.send("online fleet-01");
            Drive.ctrl(ui, rejects, '1');
            ui.waitUntil("fleet-01 is connected", online::done);
            online.text();
            Drive.select(ui, ConsoleIds.BOARD_TABLE, BoardPart.COL_DEVICE, "fleet-01");
            Drive.click(ui, ConsoleIds.BOARD_OPEN);
            ui.waitUntil("fleet-01's details", () -> ui.get(ConsoleIds.DEVICE_HEADING, Label.class).getText()
                    .contains("fleet-01"));
            Drive.click(ui, ConsoleIds.DEVICE_REVOKE);
            Shell revokeDialog = ui.await(ConsoleIds.DIALOG_REVOKE, Shell.class);
            Drive.type(ui, ConsoleIds.DIALOG_REVOKE + ".reason", "笔记本丢失");
            Drive.click(ui, ConsoleIds.DIALOG_REVOKE + ".confirm");
            Screenshots.capture(revokeDialog, "18-revoke-confirmation");
            Drive.click(ui, ConsoleIds.DIALOG_REVOKE + ".ok");
            closeDone(ui, "已吊销 1 张证书。总部从现在起拒收它的数据包；新的证书吊销列表已生效，代理服务器拒绝它的连接。");
            HqSite.Reply send = site.send("send fleet-01");
            ui.waitUntil("the revoked laptop's packet is answered", send::done);
            assertTrue(send.text().matches("fleet-01 rejected \\S+ REVOKED"), send.text());
            HqSite.Reply reconnect = site.send("reconnect fleet-01");
            ui.waitUntil("the revoked laptop tried to connect again", reconnect::done);
            assertTrue(reconnect.text().startsWith("fleet-01 refused") && reconnect.text().contains("revoked"),
                    reconnect.text());
            ui.waitUntil("the console shows fleet-01 revoked with its rejected packet", () ->
                    ui.get(ConsoleIds.DEVICE_FACT + "state", Label.class).getText().equals("已吊销")
                    && ui.get(ConsoleIds.DEVICE_FACT + "rejected", Label.class).getText().equals("1"));
            assertFalse(ui.get(ConsoleIds.DEVICE_REVOKE, Button.class).isEnabled(), "revoked once");
            Screenshots.capture(shell, "19-revoked");
        });
    }

    @Test
    @Order(5)
    void reportsCountEveryCaseAndExportTheTrailsVerifyAndTheAdministratorsTrailHoldsEveryAction() throws Exception {
        ConsoleWorkbench.run(ui -> {
            signIn(ui, "admin", ADMIN_PASSWORD);
            Shell shell = ui.mainShell();
            Table board = ui.get(ConsoleIds.BOARD_TABLE, Table.class);
            ui.waitUntil("the board is full", () -> board.getItemCount() > FLEET);
            DeviceBoard now = ui.appContext().get(DeviceBoard.class);

            Drive.ctrl(ui, board, '7');
            Table report = ui.get(ConsoleIds.REPORT_TABLE, Table.class);
            ui.waitUntil("the report is counted", () -> report.getItemCount() > 0);
            long counted = rows(report).stream().mapToLong(r -> Long.parseLong(r[2])).sum();
            assertEquals(now.totalDelivered(), counted, "the report counts every case HQ holds");
            assertTrue(rows(report).stream().allMatch(r -> !r[3].equals("—")), "capture to receipt is known");
            Path csv = work.resolve("report.csv");
            ui.appContext().set(FileChooser.class, (s, suggested, extension, description) -> Optional.of(csv));
            Drive.click(ui, ConsoleIds.REPORT_EXPORT);
            closeDone(ui, null);
            byte[] bytes = Files.readAllBytes(csv);
            assertTrue(bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF, "UTF-8 with BOM");
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            assertEquals(report.getItemCount() + 1, lines.size());
            assertTrue(lines.get(0).startsWith("\uFEFF日期,笔记本,案件数"), lines.get(0));
            assertEquals(counted, lines.subList(1, lines.size()).stream().mapToLong(l -> Long.parseLong(l.split(",")[2])).sum());
            Screenshots.capture(shell, "20-report");

            // a laptop's trail as HQ holds it: every entry, verified
            Drive.ctrl(ui, report, '6');
            Table entries = ui.get(ConsoleIds.AUDIT_TABLE, Table.class);
            ui.waitUntil("the audited laptops are listed", () -> ui.get(ConsoleIds.AUDIT_DEVICE,
                    org.eclipse.swt.widgets.Combo.class).getItemCount() > 0);
            Drive.choose(ui, ConsoleIds.AUDIT_DEVICE, "fleet-07");
            long expected = Long.parseLong(learnt.getOrDefault("fleet-07.auditEntries",
                    Long.toString(site.fleet().get("fleet-07").auditEntries())));
            ui.waitUntil("fleet-07's trail is listed", () -> entries.getItemCount() == expected,
                    () -> entries.getItemCount() + " of " + expected);
            Drive.click(ui, ConsoleIds.AUDIT_VERIFY);
            Label result = ui.get(ConsoleIds.AUDIT_RESULT, Label.class);
            ui.waitUntil("fleet-07's trail verifies", () -> result.getText().equals("fleet-07：完整，" + expected
                    + " 条记录（最新编号 " + expected + "），哈希链和签名全部有效。"), result::getText);
            Screenshots.capture(shell, "21-device-trail-verified");

            // the administrators' own trail: every sign-in and action, refusals too, intact
            ui.get(ConsoleIds.AUDIT_DEVICE_MODE, Button.class).setSelection(false);
            Drive.click(ui, ConsoleIds.AUDIT_ADMIN_MODE);
            ui.waitUntil("the administrators' trail is listed", () -> rows(entries).stream()
                    .anyMatch(r -> r[3].equals("EXPORT")));
            List<String> actions = rows(entries).stream().map(r -> r[3]).distinct().toList();
            for (String action : List.of("SIGN_IN", "USER_ADDED", "USER_DISABLED", "ENROL", "WORK_ORDER", "WIPE", "APPROVE", "RETURN",
                    "RESEND", "REVOKE", "EXPORT")) {
                assertTrue(actions.contains(action), action + " is in the administrators' trail: " + actions);
            }
            assertTrue(rows(entries).stream().anyMatch(r -> r[2].equals(VIEWER) && r[3].equals("WIPE")
                    && r[6].equals("refused")), "the viewer's refused wipe is recorded");
            assertTrue(rows(entries).stream().anyMatch(r -> r[2].equals("admin") && r[3].equals("SIGN_IN")
                    && r[6].equals("refused")), "the wrong passwords are recorded");
            Drive.click(ui, ConsoleIds.AUDIT_VERIFY);
            ui.waitUntil("the administrators' trail verifies", () -> result.getText().startsWith("管理员审计记录：完整"),
                    result::getText);
            Screenshots.capture(shell, "22-administrators-trail-verified");
        });
    }

    /**
     * The board at scale: a board of 5,000 laptops (the 51 HQ knows, copied under other names) handed to the console
     * as the monitor hands it fills the virtual table and its totals. Prints what reading the board costs through the
     * network client against a trivial read of the same store, and what showing it costs on the UI thread for 51 and
     * for 5,000 laptops (figures for docs/PERFORMANCE.md; nothing here is asserted on time).
     */
    @Test
    @Order(6)
    void aBoardOfFiveThousandLaptopsFillsTheVirtualTableAndItsTotals() throws Exception {
        ConsoleWorkbench.run(ui -> {
            signIn(ui, "admin", ADMIN_PASSWORD);
            Table board = ui.get(ConsoleIds.BOARD_TABLE, Table.class);
            ui.waitUntil("the board is full", () -> board.getItemCount() > FLEET);
            AdminSession session = ui.appContext().get(AdminSession.class);
            DeviceBoard real = session.devices();
            long[] read = new long[15];
            long[] trivial = new long[15];
            for (int i = 0; i < read.length; i++) {
                long t0 = System.nanoTime();
                session.hqSettings();
                long t1 = System.nanoTime();
                session.devices();
                long t2 = System.nanoTime();
                trivial[i] = t1 - t0;
                read[i] = t2 - t1;
            }
            List<DeviceView> many = new ArrayList<>();
            for (int copy = 0; many.size() < 5000; copy++) {
                for (DeviceView d : real.devices()) {
                    if (many.size() < 5000) {
                        many.add(new DeviceView(String.format("%s-%03d", d.deviceId(), copy), d.state(), d.officers(),
                                d.lastHeartbeat(), d.backlogCases(), d.backlogBytes(), d.oldestUnsent(),
                                d.softwareVersion(), d.catalogueVersion(), d.freeDiskBytes(), d.delivered(), d.rejected(),
                                d.lastCaseStored(), d.pendingCommands(), d.certificateExpiry(), d.revokedAt(),
                                d.wipeRequestedAt(), d.wipedAt()));
                    }
                }
            }
            // the live monitor keeps running; it does not replace these boards because it hands over a board only when
            // HQ changes, and nothing changes at the site now (a board it did hand over would fail the 5,000 below)
            long[] small = showBoards(ui, real.devices(), 15);
            long[] large = showBoards(ui, many, 15);
            assertEquals(5000, board.getItemCount());
            assertTrue(ui.get(ConsoleIds.BOARD_TOTALS, Label.class).getText().startsWith("共 5,000 台笔记本"),
                    ui.get(ConsoleIds.BOARD_TOTALS, Label.class).getText());
            Screenshots.capture(ui.mainShell(), "23-board-5000-laptops");
            System.out.printf(Locale.ROOT, "console board figures (median of 15): read %d laptops through the Derby"
                    + " network client %.1f ms (baseline: the settings table %.1f ms); shown on the UI thread: %d laptops"
                    + " %.1f ms, 5000 laptops %.1f ms%n", real.devices().size(), median(read), median(trivial),
                    real.devices().size(), median(small), median(large));
        });
    }

    /**
     * An ingest worker dies (its link drops without a goodbye and its signs of life stop, as SIGKILL leaves them): the
     * status line names it as silent within seconds, the command line says the same, and the other worker goes on
     * taking in what the laptops send. Last, because the site runs on with one worker.
     */
    @Test
    @Order(7)
    void anIngestWorkerThatDiesIsNamedOnTheStatusLineAndTheOtherTakesInWhatTheLaptopsSend() throws Exception {
        ConsoleWorkbench.run(ui -> {
            signIn(ui, "admin", ADMIN_PASSWORD);
            Label ingest = ui.get(ConsoleIds.STATUS_INGEST, Label.class);
            ui.waitUntil("both ingest workers are running", () -> ingest.getText().equals("接收服务：2 个中 2 个在运行"),
                    ingest::getText);
            HqSite.Reply killed = site.send("kill-worker hq-ingest-1");
            ui.waitUntil("the site killed the worker", killed::done);
            killed.text();
            ui.waitUntil("the status line names the silent worker", () -> ingest.getText()
                    .startsWith("接收服务：2 个中 1 个在运行 · 无响应：hq-ingest-1（"), ingest::getText);
            Screenshots.capture(ui.mainShell(), "24-ingest-worker-silent");

            HqSite.Reply workers = site.send("cli workers");
            ui.waitUntil("the command line answered", workers::done);
            assertTrue(workers.text().startsWith("0 "), workers.text());
            List<String> lines = decode(workers.text()).lines().toList();
            assertTrue(lines.stream().anyMatch(l -> l.matches("hq-ingest-1\\s+silent\\s+\\d{4}-.*")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.matches("hq-ingest-2\\s+alive\\s+\\d{4}-.*")), lines.toString());
            assertEquals("2 worker(s), 1 alive", lines.get(lines.size() - 1));

            // the survivor takes in a laptop's new case, and the board shows it
            Table board = ui.get(ConsoleIds.BOARD_TABLE, Table.class);
            HqSite.Laptop before = site.fleet().get("fleet-09");
            HqSite.Reply packet = site.send("packet fleet-09");
            ui.waitUntil("fleet-09 delivered a new case through the surviving worker", packet::done);
            HqSite.Laptop after = HqSite.Laptop.parse(packet.text());
            assertEquals(before.delivered() + 1, after.delivered());
            ui.waitUntil("the board shows fleet-09's new case", () -> cell(board, "fleet-09", BoardPart.COL_DELIVERED)
                    .equals(Integer.toString(after.delivered())), () -> cell(board, "fleet-09", BoardPart.COL_DELIVERED));
        });
    }

    /** Hands boards to the console as the monitor does (into the context, on the UI thread); the time each took. */
    private static long[] showBoards(ConsoleWorkbench ui, List<DeviceView> devices, int times) {
        long[] took = new long[times];
        for (int i = 0; i < times; i++) {
            DeviceBoard b = new DeviceBoard(java.time.Instant.now().plusMillis(i), devices);
            ui.settle();
            long t0 = System.nanoTime();
            ui.appContext().set(DeviceBoard.class, b);
            Table table = ui.get(ConsoleIds.BOARD_TABLE, Table.class);
            table.update(); // paint the visible rows now: a virtual table writes only those
            took[i] = System.nanoTime() - t0;
        }
        return took;
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    // ---- steps -------------------------------------------------------------------------------------------------

    /** One sign-in attempt on the sign-in screen; returns what the screen then says (empty when signed in). */
    /**
     * A user disabled while signed in (here by the command line, at another desk) loses the window within a monitor
     * look: the console signs out and says why on the sign-in screen, and the user cannot sign in again.
     */
    @Test
    @Order(8)
    void aUserDisabledWhileSignedInIsSignedOutAndToldWhy() throws Exception {
        ConsoleWorkbench.run(ui -> {
            signIn(ui, "admin", ADMIN_PASSWORD);
            Drive.ctrl(ui, ui.get(ConsoleIds.BOARD_TABLE, Table.class), '8');
            ui.waitUntil("the users area is on top", () -> visible(ui, Area.USERS.sectionId()));
            Table users = ui.get(ConsoleIds.USERS_TABLE, Table.class);
            ui.waitUntil("the users are listed", () -> Drive.column(users, 0).contains(VIEWER));
            addViewer(ui, users, "temp", "临时查看员");
            Drive.click(ui, ConsoleIds.NAV_SIGN_OUT);

            signIn(ui, "temp", VIEWER_PASSWORD);
            HqSite.Reply disabled = site.send("cli user-disable temp");
            ui.waitUntil("the command line answered", disabled::done);
            assertTrue(disabled.text().startsWith("0 "), disabled.text());
            Composite signInScreen = ui.get(ConsoleIds.SIGN_IN, Composite.class);
            Label message = ui.get(ConsoleIds.SIGN_IN_MESSAGE, Label.class);
            ui.waitUntil("the console signed temp out and says why", () -> signInScreen.isVisible()
                    && !ui.get(ConsoleIds.NAVIGATION, Composite.class).isVisible()
                    && message.getText().equals("temp 的账户已被停用，已退出登录。请使用其他账户登录。"), message::getText);
            assertEquals(null, ui.appContext().get(AdminSession.class), "no session is left in the window");
            Screenshots.capture(ui.mainShell(), "25-disabled-user-signed-out");
            assertFalse(attempt(ui, "temp", VIEWER_PASSWORD).isEmpty(), "temp cannot sign in again");
        });
    }

    private static String attempt(ConsoleWorkbench ui, String user, String password) {
        Drive.type(ui, ConsoleIds.SIGN_IN_USER, user);
        Text field = Drive.type(ui, ConsoleIds.SIGN_IN_PASSWORD, password);
        Drive.enter(ui, field);
        Label message = ui.get(ConsoleIds.SIGN_IN_MESSAGE, Label.class);
        Button submit = ui.get(ConsoleIds.SIGN_IN_SUBMIT, Button.class);
        ui.waitUntil("the sign-in attempt is answered", () -> submit.isEnabled() && !message.getText().equals("正在登录…"));
        return message.getText();
    }

    private static void signIn(ConsoleWorkbench ui, String user, String password) {
        Composite signIn = ui.await(ConsoleIds.SIGN_IN, Composite.class);
        String answer = attempt(ui, user, password);
        assertEquals("", answer, "signed in as " + user);
        ui.waitUntil("the window is " + user + "'s", () -> !signIn.isVisible()
                && ui.get(ConsoleIds.NAVIGATION, Composite.class).isVisible());
    }

    /** Adds a viewer through the users area's form (password {@link #VIEWER_PASSWORD}) and waits until it is listed. */
    private static void addViewer(ConsoleWorkbench ui, Table users, String userId, String name) {
        Drive.type(ui, ConsoleIds.USERS_ID, userId);
        Drive.type(ui, ConsoleIds.USERS_NAME, name);
        Drive.type(ui, ConsoleIds.USERS_PASSWORD, VIEWER_PASSWORD);
        Drive.type(ui, ConsoleIds.USERS_PASSWORD_AGAIN, VIEWER_PASSWORD);
        Drive.choose(ui, ConsoleIds.USERS_ROLE, "只读查看员");
        Drive.click(ui, ConsoleIds.USERS_ADD);
        closeDone(ui, userId + " 已添加，角色：只读查看员。");
        ui.waitUntil(userId + " is listed", () -> Drive.column(users, 0).contains(userId));
    }

    /** Closes the "done" message, checking its text when given. */
    private static void closeDone(ConsoleWorkbench ui, String text) {
        Shell done = ui.await(ConsoleIds.DIALOG_DONE, Shell.class);
        if (text != null) {
            assertEquals(text, ui.get(ConsoleIds.DIALOG_DONE + ".message", Label.class).getText());
        }
        assertAtLeast14pt(ui.get(ConsoleIds.DIALOG_DONE + ".message", Label.class));
        Drive.click(ui, ConsoleIds.DIALOG_DONE + ".ok");
        ui.waitUntil("the message is closed", done::isDisposed);
    }

    /** Closes a problem message whose headline is {@code headline}. */
    private static void closeProblem(ConsoleWorkbench ui, String headline) {
        Shell problem = ui.await(ConsoleIds.DIALOG_ERROR, Shell.class);
        String heading = java.util.Arrays.stream(problem.getChildren()).filter(c -> c instanceof Label)
                .map(c -> ((Label) c).getText()).findFirst().orElse("");
        assertEquals(headline, heading);
        Drive.click(ui, ConsoleIds.DIALOG_ERROR + ".ok");
        ui.waitUntil("the problem is closed", problem::isDisposed);
    }

    /** Every way the board differs from what the laptops reported (empty when it shows them exactly). */
    private static String boardMismatch(ConsoleWorkbench ui, Map<String, HqSite.Laptop> fleet) {
        if (fleet.size() < FLEET) {
            return "the site has described " + fleet.size() + " laptops";
        }
        Table board = ui.get(ConsoleIds.BOARD_TABLE, Table.class);
        Map<String, DeviceView> shown = shownDevices(ui);
        List<String> problems = new ArrayList<>();
        for (HqSite.Laptop l : fleet.values()) {
            DeviceView d = shown.get(l.id());
            if (d == null) {
                problems.add(l.id() + " missing");
                continue;
            }
            List<String> expected = List.of(l.id(), l.officer(), "正常", Integer.toString(l.backlogCases()),
                    zh.bytes(l.backlogBytes()), l.software(), Integer.toString(l.catalogue()),
                    Integer.toString(l.delivered()), "0");
            String[] row = rowTexts(board, l.id());
            List<String> actual = List.of(row[BoardPart.COL_DEVICE], row[BoardPart.COL_OFFICERS], row[BoardPart.COL_STATE],
                    row[BoardPart.COL_BACKLOG], row[BoardPart.COL_BACKLOG_SIZE], row[BoardPart.COL_SOFTWARE],
                    row[BoardPart.COL_CATALOGUE], row[BoardPart.COL_DELIVERED], row[BoardPart.COL_REJECTED]);
            if (!expected.equals(actual)) {
                problems.add(l.id() + " shows " + actual + ", reported " + expected);
            }
            boolean oldestShown = !row[BoardPart.COL_OLDEST].equals("—");
            if (oldestShown != l.oldestUnsent().isPresent()
                    || !d.oldestUnsent().map(java.time.Duration::toMillis).equals(l.oldestUnsent().map(java.time.Duration::toMillis))) {
                problems.add(l.id() + " oldest unsent " + d.oldestUnsent() + " / " + row[BoardPart.COL_OLDEST] + ", reported "
                        + l.oldestUnsent());
            }
            if (d.backlogBytes() != l.backlogBytes() || d.lastHeartbeat().isEmpty()
                    || d.lastHeartbeat().get().isBefore(l.sentAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS))) {
                problems.add(l.id() + " heartbeat " + d.lastHeartbeat() + " before it was sent at " + l.sentAt());
            }
            if (!row[BoardPart.COL_HEARTBEAT].startsWith(zh.time(d.lastHeartbeat().orElseThrow()))) {
                problems.add(l.id() + " heartbeat shown as " + row[BoardPart.COL_HEARTBEAT]);
            }
        }
        return String.join("; ", problems);
    }

    private static Map<String, DeviceView> shownDevices(ConsoleWorkbench ui) {
        Table board = ui.get(ConsoleIds.BOARD_TABLE, Table.class);
        Map<String, DeviceView> shown = new HashMap<>();
        for (int i = 0; i < board.getItemCount(); i++) {
            TableItem item = board.getItem(i);
            item.getText(0); // a virtual row is filled when read
            if (item.getData() instanceof DeviceView d) {
                shown.put(d.deviceId(), d);
            }
        }
        return shown;
    }

    private static String[] rowTexts(Table table, String firstCell) {
        for (String[] r : rows(table)) {
            if (r[0].equals(firstCell)) {
                return r;
            }
        }
        return new String[table.getColumnCount()];
    }

    private static String cell(Table table, String firstCell, int column) {
        String value = rowTexts(table, firstCell)[column];
        return value == null ? "" : value;
    }

    private static List<String[]> rows(Table table) {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < table.getItemCount(); i++) {
            TableItem item = table.getItem(i);
            String[] r = new String[table.getColumnCount()];
            for (int c = 0; c < r.length; c++) {
                r[c] = item.getText(c);
            }
            rows.add(r);
        }
        return rows;
    }

    private static boolean visible(ConsoleWorkbench ui, String id) {
        return ui.find(id).map(w -> w instanceof Control c && !c.isDisposed() && c.isVisible()).orElse(false);
    }

    private static void pause(ConsoleWorkbench ui, long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        ui.waitUntil("a pause", () -> System.nanoTime() > until);
    }

    private static String decode(String base64) {
        String b = base64.contains(" ") ? base64.substring(base64.indexOf(' ') + 1) : base64;
        return new String(Base64.getDecoder().decode(b.strip()), StandardCharsets.UTF_8);
    }

    private static void assertAtLeast14pt(Control control) {
        int height = control.getFont().getFontData()[0].getHeight();
        assertTrue(height >= 14, control.getData(ConsoleIds.KEY) + " font is " + height + " pt, expected at least 14");
    }

    private static boolean isBlack(org.eclipse.swt.graphics.Color c) {
        return c.getRed() == 0 && c.getGreen() == 0 && c.getBlue() == 0;
    }

    private static void assertAtLeast44px(Control control) {
        assertTrue(control.getSize().y >= 44, control.getData(ConsoleIds.KEY) + " is " + control.getSize().y + " px high");
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
