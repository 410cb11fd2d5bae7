package org.doorstep.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.doorstep.domain.notice.Office;
import org.doorstep.field.FieldContext;
import org.doorstep.field.GuidedCase;
import org.doorstep.field.Visits;
import org.doorstep.fingerprint.CaptureOptions;
import org.doorstep.fingerprint.FingerCaptureSession;
import org.doorstep.fingerprint.SourceKind;
import org.doorstep.sync.pki.CaOptions;
import org.doorstep.sync.pki.DeviceCa;
import org.doorstep.sync.pki.EnrolmentBundle;
import org.doorstep.sync.pki.EnrolmentCode;
import org.doorstep.sync.pki.InMemoryCaStore;
import org.doorstep.sync.pki.PkiSuite;
import org.doorstep.sync.vault.DeviceEnrolment;
import org.doorstep.sync.vault.PacketSpoolFolder;
import org.doorstep.testing.e4.Drive;
import org.doorstep.testing.e4.Screenshots;
import org.doorstep.ui.internal.cases.CaseIds;
import org.doorstep.ui.internal.cases.FileChooser;
import org.doorstep.ui.internal.cases.PrinterChooser;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.eclipse.swt.printing.Printer;
import org.eclipse.swt.printing.PrinterData;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.ItemInfo;
import org.doorstep.vault.PacketRecord;
import org.doorstep.vault.Vault;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One complete home visit through the real widgets of the product, found by id, on a laptop the test set up and
 * enrolled with a device CA of its own: HQ's work order in today's list (beside an overdue one and one for
 * tomorrow), identity, one form for a passport and an identity card, the checklist with scans, pending items and
 * the notice saved, three photo attempts for the passport (the best highlighted) kept with a reason, then the
 * identity card's photo; the camera that is not there; fingerprints imported from the shared test prints with the
 * same-finger warning, a retry, a finger recorded as an exception with its reason and photo, and a finger from a
 * scanner behind its SBI device service (a device service run by the test on 127.0.0.1); the officer leaves the
 * case and resumes it from the list; signatures, review, completion. Completing seals the case into the outbox:
 * the vault holds it QUEUED with its packet on disk. Officer actions are counted and printed (docs/PERFORMANCE.md).
 * A screenshot per step lands in target/screenshots.
 */
class HomeVisitTest {

    private static final String REASON = "卧床老人无法调整坐姿，照片经核对可用";

    @TempDir
    Path dir;

    private Path data;

    @AfterEach
    void tearDown() {
        if (data != null) {
            ProductData.deleteQuietly(data);
        }
    }

    @Test
    void aHomeVisitFromHqsWorkOrderIsSealedIntoTheOutboxThroughTheScreens() throws Exception {
        data = UnlockedProduct.setUp("visit");
        Vault vault = ProductData.use(data, null).vault().orElseThrow();
        vault.unlock(UnlockedProduct.OFFICER, UnlockedProduct.PASSPHRASE.toCharArray());
        enrol(vault);
        LocalDate today = LocalDate.now();
        workOrder(vault, 900_001, "WO-UI-1", "张三", "11010519491231002X", today);
        workOrder(vault, 900_002, "WO-UI-0", "李四", "440305198506123419", today.minusDays(1));
        workOrder(vault, 900_003, "WO-UI-2", "赵六", "310115199203045625", today.plusDays(1));
        TestFiles files = new TestFiles(Files.createDirectories(dir.resolve("files")));

        RunningWorkbench.run(ui -> {
            ui.waitUntil("the visits area is shown", () -> ui.find(CaseIds.VISITS_TABLE).isPresent());
            ui.workbenchContext().set(FileChooser.class, files);
            Shell shell = ui.mainShell();
            try (ActionCounter actions = ActionCounter.on(ui.display()).pressesOnly()) {
                CaseDriver c = new CaseDriver(ui, files, actions);
                c.visitsShown(); // read when the area was built, before the test's work orders were all in
                c.click(CaseIds.VISITS_REFRESH);
                c.visitsShown();
                actions.reset(); // the visit starts with today's list on the screen

                // today's list: the overdue order first (it is still open), then today's; tomorrow's is only counted
                Table visits = ui.get(CaseIds.VISITS_TABLE, Table.class);
                assertEquals(List.of("李四", "张三"), names(visits));
                assertTrue(visits.getItem(0).getText(4).startsWith("已逾期"), visits.getItem(0).getText(4));
                assertEquals("今天", visits.getItem(1).getText(4));
                assertEquals("未开始", visits.getItem(1).getText(3));
                String heading = c.text(CaseIds.VISITS_HEADING);
                assertTrue(heading.startsWith("今日走访（" + today + "）：2 项") && heading.contains("另有 1 个工单"), heading);
                Screenshots.capture(shell, "visit-01-todays-list");
                c.row(CaseIds.VISITS_TABLE, 1);
                c.click(CaseIds.VISITS_OPEN);
                ui.waitUntil("the guided case opens", () -> Drive.visible(ui, CaseIds.CASE));
                Screenshots.capture(shell, "visit-02-identity");

                c.type(CaseIds.ID_EMERGENCY_NAME, "李强");
                c.type(CaseIds.ID_EMERGENCY_PHONE, "13900000000");
                c.click(CaseIds.ID_SAVE);
                assertTrue(c.step("identity").startsWith("▶"));
                c.next();
                // one form for two documents: the work order's passport and an identity card on the spot
                c.saveApplications("resident-id-card");
                assertEquals("这一步已完成。", c.text(CaseIds.CASE_PROBLEMS));
                Screenshots.capture(shell, "visit-03-applications");
                assertTrue(c.step("identity").startsWith("✓"));

                c.next();
                c.checklistWithScansAndPending();
                c.click(CaseIds.CHECKLIST_SAVE_NOTICE);
                c.idle();
                try (var saved = Files.list(files.path("."))) {
                    Path notice = saved.filter(p -> p.getFileName().toString().startsWith("一次性告知单-")).findFirst()
                            .orElseThrow(() -> new AssertionError("the notice was not saved"));
                    assertTrue(Files.readString(notice).contains("张三"));
                }
                Screenshots.capture(shell, "visit-04-checklist");
                // printed for the applicant: through the system's "Print to File" printer into a PDF, read back
                Path printed = files.path("notice-printed.pdf");
                ui.workbenchContext().set(PrinterChooser.class, s -> printToFile(printed));
                c.click(CaseIds.CHECKLIST_PRINT);
                assertTrue(c.text(CaseIds.CASE_SAID).startsWith("告知单已送往打印机"), c.text(CaseIds.CASE_SAID));
                try (PDDocument pdf = Loader.loadPDF(printed.toFile())) {
                    String text = new PDFTextStripper().getText(pdf);
                    assertTrue(text.contains("上门办证一次性告知单") && text.contains("张三") && text.contains("补交方式"), text);
                    assertTrue(pdf.getNumberOfPages() >= 1);
                }
                // kept beside the screenshots for a person to look at
                Files.copy(printed, Screenshots.folder().resolve("visit-04b-notice-printed.pdf"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

                // photo: the passport's family first; a failed attempt keeps the officer there for attempts 2 and 3
                c.next();
                assertTrue(c.text(CaseIds.PHOTO_STATE).isEmpty());
                c.importPhoto("obama.jpg");
                assertTrue(c.text(CaseIds.PHOTO_STATE).contains("可以再拍 2 次"), c.text(CaseIds.PHOTO_STATE));
                assertTrue(c.step("photo").startsWith("▶"));
                assertTrue(ui.get(CaseIds.PHOTO_FAMILY_PREFIX + "exit-entry", Button.class).getText().startsWith("!"));
                Screenshots.capture(shell, "visit-05-photo-first-attempt");
                c.importPhoto("biden.jpg");
                c.importPhoto("obama.jpg");
                assertFalse(ui.get(CaseIds.PHOTO_IMPORT, Button.class).isEnabled(), "three attempts at most");
                Table attempts = ui.get(CaseIds.PHOTO_ATTEMPTS, Table.class);
                List<TableItem> heads = java.util.Arrays.stream(attempts.getItems())
                        .filter(i -> i.getText(0).startsWith("第 ")).toList();
                assertEquals(3, heads.size());
                List<TableItem> best = heads.stream().filter(i -> i.getText(0).contains("（最佳）")).toList();
                assertEquals(1, best.size(), "one attempt is the best");
                Font bestFont = best.get(0).getFont();
                assertTrue(bestFont.getFontData()[0].getHeight() >= 14, "the best attempt's text is at least 14 pt");
                assertTrue((bestFont.getFontData()[0].getStyle() & org.eclipse.swt.SWT.BOLD) != 0, "and bold");
                Screenshots.capture(shell, "visit-06-photo-three-attempts-best-highlighted");
                c.keepBestPhoto(REASON);
                // the identity card's photo is next, to its own rules
                assertTrue(ui.get(CaseIds.PHOTO_FAMILY_PREFIX + "exit-entry", Button.class).getText().startsWith("✓"));
                assertTrue(c.text(CaseIds.PHOTO_STATE).isEmpty(), "the identity card's photo has no attempt yet");
                // the camera: this machine has none, and the screen says so in plain words
                c.choose(CaseIds.PHOTO_SOURCE, 1);
                c.idle();
                assertTrue(c.text(CaseIds.PHOTO_SOURCE_STATUS).startsWith("未找到相机"), c.text(CaseIds.PHOTO_SOURCE_STATUS));
                assertFalse(ui.get(CaseIds.PHOTO_IMPORT, Button.class).isEnabled());
                Screenshots.capture(shell, "visit-07-no-camera");
                c.choose(CaseIds.PHOTO_SOURCE, 0);
                c.importPhoto("obama.jpg");
                c.keepBestPhoto(REASON);
                assertEquals("这一步已完成。", c.text(CaseIds.CASE_PROBLEMS));
                Screenshots.capture(shell, "visit-08-photos-done");

                // fingerprints: the scanner is looked for first; none answers yet
                c.next();
                assertTrue(c.text(CaseIds.FINGER_SOURCE_STATUS).startsWith("未找到指纹仪"),
                        c.text(CaseIds.FINGER_SOURCE_STATUS));
                c.fingersFromFiles("probe.png", "matching.png");
                assertTrue(c.text(CaseIds.FINGER_RESULT).contains("同一个手指"), c.text(CaseIds.FINGER_RESULT));
                Screenshots.capture(shell, "visit-09-same-finger");
                // the retry clears that finger; then it is recorded as an exception, with the reason and a photo
                String secondFinger = c.text(CaseIds.FINGER_NEXT);
                c.click(CaseIds.FINGER_RETRY);
                assertEquals(secondFinger, c.text(CaseIds.FINGER_NEXT), "the same finger is asked for again");
                c.choose(CaseIds.FINGER_EXCEPTION_REASON, 1);
                c.type(CaseIds.FINGER_EXCEPTION_NOTE, "手指包扎，无法按捺");
                files.answer("obama.jpg");
                c.click(CaseIds.FINGER_EXCEPTION_RECORD);
                c.idle();
                assertFalse(secondFinger.equals(c.text(CaseIds.FINGER_NEXT)), "the next finger in the fallback order");
                Screenshots.capture(shell, "visit-10-finger-exception");
                // a scanner's device service starts (the test's, on 127.0.0.1); the officer looks again, captures with it
                try (SbiScanner scanner = SbiScanner.start("nonmatching.png")) {
                    c.click(CaseIds.FINGER_RESCAN);
                    c.idle();
                    String connected = c.text(CaseIds.FINGER_SOURCE_STATUS);
                    assertTrue(connected.contains(SbiScanner.MODEL) && connected.contains("127.0.0.1:" + scanner.port()),
                            connected);
                    // the scanner's live preview (SBI STREAM) shows in the print box before capturing
                    ui.waitUntil("the live preview", () -> c.text(CaseIds.FINGER_SOURCE_STATUS).contains("实时预览中"),
                            () -> c.text(CaseIds.FINGER_SOURCE_STATUS));
                    assertTrue(scanner.requests().contains("STREAM /stream"), scanner.requests().toString());
                    ui.settle();
                    Screenshots.capture(shell, "visit-10b-scanner-live-preview");
                    c.click(CaseIds.FINGER_CAPTURE);
                    c.idle();
                    assertTrue(scanner.requests().contains("RCAPTURE /capture"), scanner.requests().toString());
                }
                assertEquals("指纹已采集完毕。", c.text(CaseIds.FINGER_NEXT));
                assertEquals("这一步已完成。", c.text(CaseIds.CASE_PROBLEMS));
                Screenshots.capture(shell, "visit-11-fingerprints-scanner");

                // the officer leaves the case and resumes it from today's list, where it was left
                c.click(CaseIds.CASE_BACK_TO_LIST);
                c.visitsShown();
                assertEquals("草稿", ui.get(CaseIds.VISITS_TABLE, Table.class).getItem(1).getText(3));
                Screenshots.capture(shell, "visit-12-left-for-later");
                c.row(CaseIds.VISITS_TABLE, 1);
                c.click(CaseIds.VISITS_OPEN);
                ui.waitUntil("the case is back", () -> Drive.visible(ui, CaseIds.CASE));
                assertTrue(c.step("fingerprints").startsWith("▶"), c.step("fingerprints"));

                c.next();
                c.signatures("张警官");
                Screenshots.capture(shell, "visit-13-signatures");
                c.next();
                Screenshots.capture(shell, "visit-14-review");
                String result = c.complete();
                assertTrue(result.contains("在发件箱中等待发送到总部"), result);
                Screenshots.capture(shell, "visit-15-sealed");
                int counted = actions.count();

                c.click(CaseIds.CASE_BACK_TO_LIST);
                c.visitsShown();
                assertEquals("已封存，待发送", ui.get(CaseIds.VISITS_TABLE, Table.class).getItem(1).getText(3));
                Screenshots.capture(shell, "visit-16-list-after");

                System.out.println("[actions] home visit (work order opened from today's list to sealed): " + counted
                        + " officer actions (clicks and keys; typing of data and signature strokes excluded), plus "
                        + files.chosen() + " files chosen in the file dialog");
                actions.actions().stream().limit(counted).forEach(a -> System.out.println("[actions]   " + a));
                assertTrue(counted > 0 && counted <= 80, counted + " actions: " + actions.actions());
            }
        });

        // the vault: sealed into the outbox, the packet on disk, every capture in the case
        String caseId = vault.hqInbox().workOrder("WO-UI-1").orElseThrow().caseId();
        assertEquals(CaseState.QUEUED, vault.cases().get(caseId).state());
        List<PacketRecord> packets = vault.packets().ofCase(caseId);
        assertEquals(1, packets.size());
        Path packet = new PacketSpoolFolder(vault.dataDir()).fileOf(packets.get(0).packetId());
        assertTrue(Files.size(packet) > 10_000, "the packet holds the photos, prints and scans");
        Set<String> slots = vault.cases().items(caseId).stream().map(ItemInfo::slot).collect(Collectors.toSet());
        assertTrue(slots.containsAll(Set.of("form", "checklist", "photo.exit-entry", "photo.id-card",
                "signature.applicant", "signature.officer")), slots.toString());
        assertEquals(2, slots.stream().filter(s -> s.startsWith("finger.")).count(), slots.toString());
        assertEquals(1, slots.stream().filter(s -> s.startsWith("finger-exception.")).count(), slots.toString());
        assertFalse(slots.stream().anyMatch(s -> s.startsWith("photo-attempt.")), slots.toString());
        try (FieldContext context = new FieldContext(Clock.systemDefaultZone(), new Office("-", "-", "-", "-"),
                CaptureOptions.DEFAULT)) {
            GuidedCase stored = new Visits(vault, context).resume(caseId);
            assertEquals(List.of(SourceKind.IMPORT, SourceKind.REAL), stored.keptFingers().stream()
                    .map(FingerCaptureSession.Kept::capture).map(k -> k.source()).toList(),
                    "one print imported from a file, one from the scanner");
            assertEquals(3, stored.photoAttempts("exit-entry").size(), "every attempt's checks are kept on record");
            assertTrue(stored.photoAccepted("exit-entry") && stored.photoAccepted("id-card"));
        }
    }

    /** The system's "Print to File" printer (GTK's file backend), writing a PDF to {@code file}. */
    private static Optional<PrinterData> printToFile(Path file) {
        PrinterData data = Arrays.stream(Printer.getPrinterList()).filter(p -> p.name.equals("Print to File"))
                .findFirst().orElseThrow(() -> new AssertionError("GTK's Print to File printer is not installed"));
        data.printToFile = true;
        data.fileName = file.toString();
        return Optional.of(data);
    }

    private static List<String> names(Table table) {
        return java.util.Arrays.stream(table.getItems()).map(i -> i.getText(0)).toList();
    }

    private static void workOrder(Vault vault, long sequence, String orderId, String name, String idNumber,
            LocalDate due) {
        vault.hqInbox().acceptWorkOrder(sequence, orderId, ("{\"orderId\":\"" + orderId + "\",\"applicant\":{\"name\":\""
                + name + "\",\"idNumber\":\"" + idNumber + "\"},\"address\":\"北京市西城区某街道 1 号\","
                + "\"reason\":\"aged-60-plus\",\"documents\":[\"passport\"],\"due\":\"" + due + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The laptop enrolled with a device CA the test makes, as HQ's administrator and the officer would do it. */
    private static void enrol(Vault vault) throws Exception {
        PkiSuite suite = PkiSuite.INTL;
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        DeviceCa ca = DeviceCa.createRoot(suite, "Doorstep Device CA (UI test)",
                CaOptions.defaults(URI.create("http://hq.doorstep.invalid/pki/devices.crl")), new InMemoryCaStore(), clock,
                random);
        KeyPair encryption = suite.generateKeyPair(random);
        KeyPair signing = suite.generateKeyPair(random);
        DeviceEnrolment enrolment = new DeviceEnrolment(vault, clock);
        String deviceId = "dev-ui-home-visit";
        EnrolmentCode code = EnrolmentCode.parse(ca.issueCode(deviceId).code().formatted());
        enrolment.install(new EnrolmentBundle(ca.enrol(enrolment.request(deviceId, code).der()), ca.certificate(),
                ca.issueHqCertificate(encryption.getPublic(), "HQ encryption", DeviceCa.HqKeyUse.ENCRYPTION),
                ca.issueHqCertificate(signing.getPublic(), "HQ signing", DeviceCa.HqKeyUse.SIGNING),
                URI.create("ssl://broker.hq.doorstep.invalid:8883")));
    }
}
