package org.doorstep.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.doorstep.core.vault.VaultAccess;
import org.doorstep.ui.internal.cases.CaseIds;
import org.doorstep.ui.internal.cases.FileChooser;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.ItemInfo;
import org.doorstep.vault.Vault;
import org.doorstep.vault.crypto.Argon2Settings;
import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.keys.Officer;
import org.doorstep.vault.keys.VaultPolicy;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/**
 * One complete home visit through the real widgets of the product, found by id: HQ's work order in the visits list,
 * identity, applications, the checklist with a scan and a pending item and the notice saved, the photo and the
 * fingerprints imported from the test images (the import drivers, with the file chooser answering), the same-finger
 * warning, signatures on the pad, review and completion. Asserts the case's final state in the vault; a screenshot
 * per step lands in target/screenshots.
 */
class HomeVisitTest {

    private static final Officer WANG = new Officer("J10023", "王警官");
    private static final String PASSPHRASE = "上门办证 只跑一次 2026";

    @Test
    void aHomeVisitFromHqsWorkOrderIsCompletedThroughTheScreens() throws Exception {
        BundleContext bundles = FrameworkUtil.getBundle(HomeVisitTest.class).getBundleContext();
        ServiceReference<VaultAccess> ref = bundles.getServiceReference(VaultAccess.class);
        VaultAccess access = bundles.getService(ref);
        Path images = Files.createTempDirectory("home-visit-images");
        for (String name : new String[] { "obama.jpg", "probe.png", "matching.png", "nonmatching.png", "scan-id-card.pdf" }) {
            try (InputStream in = HomeVisitTest.class.getResourceAsStream("testdata/" + name)) {
                Files.copy(in, images.resolve(name));
            }
        }
        String[] answer = new String[1];
        FileChooser chooser = new FileChooser() {
            @Override
            public Optional<Path> open(Shell shell, String extensions, String description) {
                return Optional.of(images.resolve(answer[0]));
            }

            @Override
            public Optional<Path> save(Shell shell, String suggested, String extensions, String description) {
                return Optional.of(images.resolve("notice.html"));
            }
        };
        Path data = access.dataDir();
        boolean madeHere = !Vault.isSetUp(data);
        try {
            RunningWorkbench.run(ui -> {
                ui.waitUntil("the visits area is shown", () -> ui.find(CaseIds.VISITS_MESSAGE).isPresent());
                if (madeHere) {
                    Vault vault = Vault.setUp(data, "FIELD-UI", CryptoSuite.INTL, WANG, PASSPHRASE.toCharArray(),
                            PASSPHRASE.toCharArray(), VaultPolicy.DEFAULT.withArgon2(new Argon2Settings(256, 1, 1)),
                            Clock.systemUTC(), new SecureRandom());
                    access.adopt(vault);
                }
                Vault vault = access.vault().orElseThrow();
                if (vault.status() != Vault.Status.UNLOCKED) {
                    vault.unlock(WANG.id(), PASSPHRASE.toCharArray());
                }
                vault.hqInbox().acceptWorkOrder(900_001, "WO-UI-1", ("{\"orderId\":\"WO-UI-1\",\"applicant\":{\"name\":"
                        + "\"张三\",\"idNumber\":\"11010519491231002X\"},\"address\":\"北京市西城区某街道 1 号\","
                        + "\"reason\":\"aged-60-plus\",\"documents\":[\"passport\"]}").getBytes(StandardCharsets.UTF_8));
                IEclipseContext context = ui.workbenchContext();
                context.set(FileChooser.class, chooser);
                Shell shell = ui.mainShell();

                click(ui, CaseIds.VISITS_REFRESH);
                Table visits = ui.get(CaseIds.VISITS_TABLE, Table.class);
                int row = -1;
                for (int i = 0; i < visits.getItemCount(); i++) {
                    if (visits.getItem(i).getText(4).contains("WO-UI-1")) {
                        row = i;
                    }
                }
                assertTrue(row >= 0, "the work order is listed");
                assertEquals("张三", visits.getItem(row).getText(0));
                Screenshots.capture(shell, "visit-01-list");
                visits.select(row);
                click(ui, CaseIds.VISITS_OPEN);
                ui.waitUntil("the guided case opens", () -> ui.find(CaseIds.CASE).isPresent());
                Screenshots.capture(shell, "visit-02-identity");

                ui.get(CaseIds.ID_EMERGENCY_NAME, Text.class).setText("李强");
                ui.get(CaseIds.ID_EMERGENCY_PHONE, Text.class).setText("13900000000");
                click(ui, CaseIds.ID_SAVE);
                assertTrue(ui.get(CaseIds.STEP_PREFIX + "identity", Button.class).getText().startsWith("▶"));
                click(ui, CaseIds.CASE_NEXT);
                ui.get(CaseIds.APP_TYPE_PREFIX + "passport", Button.class).setSelection(true);
                click(ui, CaseIds.APP_SAVE);
                Screenshots.capture(shell, "visit-03-applications");
                assertTrue(ui.get(CaseIds.STEP_PREFIX + "identity", Button.class).getText().startsWith("✓"));

                click(ui, CaseIds.CASE_NEXT);
                int items = ui.get(CaseIds.CHECKLIST_TABLE, Table.class).getItemCount();
                for (int i = 0; i < items; i++) {
                    Table checklist = ui.get(CaseIds.CHECKLIST_TABLE, Table.class);
                    boolean core = checklist.getItem(i).getText(1).equals("核心");
                    checklist.select(i);
                    if (core) {
                        answer[0] = "scan-id-card.pdf";
                        click(ui, CaseIds.CHECKLIST_ATTACH);
                        idle(ui);
                    } else {
                        click(ui, CaseIds.CHECKLIST_PENDING);
                    }
                }
                click(ui, CaseIds.CHECKLIST_SAVE_NOTICE);
                idle(ui);
                assertTrue(Files.readString(images.resolve("notice.html")).contains("张三"));
                Screenshots.capture(shell, "visit-04-checklist");

                click(ui, CaseIds.CASE_NEXT);
                answer[0] = "obama.jpg";
                click(ui, CaseIds.PHOTO_IMPORT);
                idle(ui);
                Table attempts = ui.get(CaseIds.PHOTO_ATTEMPTS, Table.class);
                assertTrue(attempts.getItem(0).getText(0).contains("第 1 次"), attempts.getItem(0).getText(0));
                Screenshots.capture(shell, "visit-05-photo");
                ui.get(CaseIds.PHOTO_REASON, Text.class).setText("卧床老人无法调整坐姿，照片经核对可用");
                click(ui, CaseIds.PHOTO_KEEP);

                click(ui, CaseIds.CASE_NEXT);
                answer[0] = "probe.png";
                click(ui, CaseIds.FINGER_CAPTURE);
                idle(ui);
                assertTrue(ui.get(CaseIds.FINGER_QUALITY, ProgressBar.class).getSelection() >= 40);
                answer[0] = "matching.png";
                click(ui, CaseIds.FINGER_CAPTURE);
                idle(ui);
                String warning = ui.get(CaseIds.FINGER_RESULT, Label.class).getText();
                assertTrue(warning.contains("同一个手指"), warning);
                Screenshots.capture(shell, "visit-06-same-finger");
                answer[0] = "nonmatching.png";
                click(ui, CaseIds.FINGER_CAPTURE);
                idle(ui);
                Combo source = ui.get(CaseIds.FINGER_SOURCE, Combo.class);
                source.select(1);
                source.notifyListeners(SWT.Selection, new Event());
                ui.settle();
                assertTrue(ui.get(CaseIds.FINGER_SIMULATOR_BANNER, Label.class).isVisible());
                assertTrue(ui.get(CaseIds.FINGER_SIMULATOR_BANNER, Label.class).getText().contains("模拟/SIMULATOR"));
                Screenshots.capture(shell, "visit-07-fingerprints");

                click(ui, CaseIds.CASE_NEXT);
                sign(ui);
                click(ui, CaseIds.SIGN_SAVE);
                Combo role = ui.get(CaseIds.SIGN_ROLE, Combo.class);
                role.select(4);
                ui.get(CaseIds.SIGN_NAME, Text.class).setText("王警官");
                sign(ui);
                click(ui, CaseIds.SIGN_SAVE);
                Screenshots.capture(shell, "visit-08-signatures");

                click(ui, CaseIds.CASE_NEXT);
                Screenshots.capture(shell, "visit-09-review");
                click(ui, CaseIds.REVIEW_COMPLETE);
                idle(ui);
                Screenshots.capture(shell, "visit-10-complete");

                String caseId = vault.hqInbox().workOrder("WO-UI-1").orElseThrow().caseId();
                assertEquals(CaseState.COMPLETE, vault.cases().get(caseId).state(),
                        "not enrolled with HQ: complete, waiting to be sealed");
                Set<String> slots = vault.cases().items(caseId).stream().map(ItemInfo::slot).collect(Collectors.toSet());
                assertTrue(slots.containsAll(Set.of("form", "checklist", "photo.exit-entry", "signature.applicant",
                        "signature.officer", "scan.resident-id-card")), slots.toString());
                assertEquals(2, slots.stream().filter(s -> s.startsWith("finger.")).count(), slots.toString());
                assertFalse(slots.stream().anyMatch(s -> s.startsWith("photo-attempt.")), slots.toString());
            });
        } finally {
            bundles.ungetService(ref);
            try (Stream<Path> files = Files.walk(images)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void click(RunningWorkbench ui, String id) {
        Button b = ui.get(id, Button.class);
        assertTrue(b.isEnabled(), id + " is enabled");
        b.notifyListeners(SWT.Selection, new Event());
        ui.settle();
    }

    /** Waits until the background work (photo checks, quality, sealing) is done. */
    private static void idle(RunningWorkbench ui) {
        ui.settle();
        ui.waitUntil("the case's work is done", () -> !ui.get(CaseIds.CASE_PROGRESS, ProgressBar.class).isVisible());
        ui.settle();
    }

    /** Three strokes on the pad with mouse events, as a finger or pen would make them. */
    private static void sign(RunningWorkbench ui) {
        Canvas pad = ui.get(CaseIds.SIGN_PAD, Canvas.class);
        for (int s = 0; s < 3; s++) {
            pad.notifyListeners(SWT.MouseDown, point(60 + s * 170, 100, 1000 * s));
            for (int i = 1; i <= 40; i++) {
                pad.notifyListeners(SWT.MouseMove, point(60 + s * 170 + i * 3,
                        100 + (int) (50 * Math.sin(i / 5.0 + s)), 1000 * s + i * 12));
            }
            pad.notifyListeners(SWT.MouseUp, point(60 + s * 170 + 120, 100, 1000 * s + 600));
        }
        ui.settle();
    }

    private static Event point(int x, int y, int time) {
        Event e = new Event();
        e.x = x;
        e.y = y;
        e.time = time;
        return e;
    }
}
