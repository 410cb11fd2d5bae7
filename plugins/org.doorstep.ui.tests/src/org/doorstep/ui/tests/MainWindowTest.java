package org.doorstep.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.doorstep.testing.e4.Drive;
import org.doorstep.testing.e4.Screenshots;
import org.doorstep.ui.Sections;
import org.doorstep.ui.WidgetIds;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Starts the field product's application model on the display (Xvfb in CI) and checks what an officer
 * sees once the laptop is unlocked: the navigation, the work area and the status line, in Simplified Chinese,
 * large enough to touch, and working by mouse and by keyboard. Screenshots of each step land in
 * target/screenshots.
 */
class MainWindowTest {

    private Path data;

    @AfterEach
    void cleanUp() {
        if (data != null) {
            ProductData.deleteQuietly(data);
        }
    }

    private static final Map<Sections, String> SECTION_IDS = Map.of(
            Sections.VISITS, WidgetIds.SECTION_VISITS,
            Sections.GROUP_SESSIONS, WidgetIds.SECTION_GROUP_SESSIONS,
            Sections.SYNC, WidgetIds.SECTION_SYNC);

    @Test
    void mainWindowShowsNavigationWorkAreaAndStatusLineInChinese() throws Exception {
        data = UnlockedProduct.setUp("main-window");
        RunningWorkbench.run(ui -> {
            ui.waitUntil("the main window shows its navigation", () -> ui.find(WidgetIds.NAVIGATION).isPresent());
            Label device = ui.get(WidgetIds.STATUS_DEVICE, Label.class);
            Label sync = ui.get(WidgetIds.STATUS_SYNC, Label.class);
            ui.waitUntil("the status line shows device and sync state",
                    () -> device.getText().contains("已解锁") && !sync.getText().isEmpty());
            ui.settle();
            Shell shell = ui.mainShell();
            assertTrue(shell.isVisible(), "main window visible");

            assertEquals("上门走访 (Ctrl+1)", ui.get(WidgetIds.NAV_VISITS, Button.class).getText());
            assertEquals("集体受理 (Ctrl+2)", ui.get(WidgetIds.NAV_GROUP_SESSIONS, Button.class).getText());
            assertEquals("同步 (Ctrl+3)", ui.get(WidgetIds.NAV_SYNC, Button.class).getText());
            assertEquals("设备 笔记本-01：已解锁（警员 A1001）", device.getText());
            assertEquals("同步：离线", sync.getText());
            assertTrue(ui.get(WidgetIds.STATUS_LINE, Composite.class).isVisible(), "status line visible");
            assertOnTop(ui, Sections.VISITS);

            assertAtLeast14pt(ui.get(WidgetIds.NAV_VISITS, Button.class));
            assertAtLeast14pt(device);
            assertAtLeast14pt(sync);

            ImageData picture = Screenshots.capture(shell, "01-main-window-visits");
            assertTrue(Screenshots.distinctColours(picture) > 8,
                    "the screenshot shows a painted window, not a blank area");
        });
    }

    @Test
    void navigationButtonsAndCtrlNumberKeysBringEachWorkAreaToTheFront() throws Exception {
        data = UnlockedProduct.setUp("navigation");
        RunningWorkbench.run(ui -> {
            ui.waitUntil("the main window shows its navigation", () -> ui.find(WidgetIds.NAVIGATION).isPresent());
            ui.settle();
            Shell shell = ui.mainShell();

            Button syncButton = ui.get(WidgetIds.NAV_SYNC, Button.class);
            syncButton.setSelection(true);
            syncButton.notifyListeners(SWT.Selection, new Event());
            ui.settle();
            assertOnTop(ui, Sections.SYNC);
            Composite syncSection = ui.get(WidgetIds.SECTION_SYNC, Composite.class);
            String syncTexts = texts(syncSection);
            assertTrue(syncTexts.contains("连接状态：离线"), syncTexts);
            assertTrue(syncTexts.contains("最近联系总部：从未"), syncTexts);
            Screenshots.capture(shell, "02-sync");

            // Ctrl+2 from the focused navigation, through the real key-binding dispatcher of the workbench
            syncButton.setFocus();
            Drive.ctrl(ui, syncButton, '2');
            assertOnTop(ui, Sections.GROUP_SESSIONS);
            Screenshots.capture(shell, "03-group-sessions-by-keyboard");

            Drive.ctrl(ui, ui.get(WidgetIds.NAV_GROUP_SESSIONS, Button.class), '1');
            assertOnTop(ui, Sections.VISITS);
        });
    }

    /** The section's work area is the one visible, and only its navigation button is pressed. */
    private static void assertOnTop(RunningWorkbench ui, Sections expected) {
        ui.waitUntil(expected + " on top", () -> ui.find(SECTION_IDS.get(expected))
                .map(w -> ((Control) w).isVisible()).orElse(false));
        for (Sections section : Sections.values()) {
            boolean pressed = ui.get(section.navigationWidgetId(), Button.class).getSelection();
            assertEquals(section == expected, pressed, section + " navigation button pressed");
            boolean visible = ui.find(SECTION_IDS.get(section)).map(w -> ((Control) w).isVisible()).orElse(false);
            assertEquals(section == expected, visible, section + " work area visible");
        }
    }

    private static void assertAtLeast14pt(Control control) {
        int height = control.getFont().getFontData()[0].getHeight();
        assertTrue(height >= 14, control.getData(WidgetIds.KEY) + " font is " + height + " pt, expected at least 14");
    }

    private static String texts(Composite composite) {
        StringBuilder all = new StringBuilder();
        for (Control child : composite.getChildren()) {
            if (child instanceof Label label) {
                all.append(label.getText()).append('\n');
            }
        }
        return all.toString();
    }
}
