package org.doorstep.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.doorstep.testing.e4.Drive;
import org.doorstep.testing.e4.Screenshots;
import org.doorstep.ui.WidgetIds;
import org.doorstep.ui.internal.vault.FieldPreferences;
import org.doorstep.ui.internal.vault.ShellIds;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The language switch (Simplified Chinese ⇄ English, at once, remembered in the data folder for the next start) and
 * the high-contrast theme for sunlight (at once, remembered by the theme engine), both from the navigation.
 */
class LanguageAndThemeTest {

    private static final RGB BLACK = new RGB(0, 0, 0);

    private Path data;

    @AfterEach
    void cleanUp() {
        if (data != null) {
            ProductData.deleteQuietly(data);
        }
    }

    @Test
    void switchesToEnglishAndBackAtOnceAndRemembersTheChoice() throws Exception {
        data = UnlockedProduct.setUp("language");
        RunningWorkbench.run(ui -> {
            ui.waitUntil("the work area shows", () -> Drive.visible(ui, WidgetIds.NAVIGATION));
            ui.settle();
            Button visits = ui.get(WidgetIds.NAV_VISITS, Button.class);
            Label device = ui.get(WidgetIds.STATUS_DEVICE, Label.class);
            assertEquals("上门走访 (Ctrl+1)", visits.getText());
            assertEquals("English", ui.get(ShellIds.NAV_LANGUAGE, Button.class).getText());

            Drive.click(ui, ShellIds.NAV_LANGUAGE);
            ui.waitUntil("the navigation speaks English", () -> visits.getText().equals("Home visits (Ctrl+1)"),
                    () -> "locale " + ui.appContext().get("org.eclipse.e4.core.locale") + ", saved "
                            + Files.exists(data.resolve(FieldPreferences.LANGUAGE_FILE)) + ", button " + visits.getText());
            ui.waitUntil("the status line speaks English", () -> device.getText().startsWith("Device "));
            assertEquals("Device 笔记本-01: unlocked (officer A1001)", device.getText());
            assertEquals("中文", ui.get(ShellIds.NAV_LANGUAGE, Button.class).getText());
            assertEquals("Sync (Ctrl+3)", ui.get(WidgetIds.NAV_SYNC, Button.class).getText());
            assertEquals("en", savedLanguage());
            Drive.click(ui, WidgetIds.NAV_SYNC);
            ui.waitUntil("the sync view speaks English", () -> ui.get(ShellIds.SYNC_NOW, Button.class).getText()
                    .equals("Sync now"));
            Screenshots.capture(ui.mainShell(), "language-01-english");

            Drive.click(ui, ShellIds.NAV_LANGUAGE);
            ui.waitUntil("the navigation speaks Chinese again", () -> visits.getText().equals("上门走访 (Ctrl+1)"));
            ui.waitUntil("the status line speaks Chinese again", () -> device.getText().startsWith("设备"));
            assertEquals("立即同步", ui.get(ShellIds.SYNC_NOW, Button.class).getText());
            assertEquals("zh_CN", savedLanguage());
            Screenshots.capture(ui.mainShell(), "language-02-chinese-again");
        });
    }

    @Test
    void highContrastThemeSwitchesOnAndOff() throws Exception {
        data = UnlockedProduct.setUp("theme");
        RunningWorkbench.run(ui -> {
            ui.waitUntil("the work area shows", () -> Drive.visible(ui, WidgetIds.NAVIGATION));
            ui.settle();
            Composite navigation = ui.get(WidgetIds.NAVIGATION, Composite.class);
            Button toggle = ui.get(ShellIds.NAV_HIGH_CONTRAST, Button.class);
            assertFalse(toggle.getSelection(), "the standard theme is on at first");
            assertFalse(BLACK.equals(navigation.getBackground().getRGB()), "standard theme: not black");
            try {
                Drive.click(ui, ShellIds.NAV_HIGH_CONTRAST);
                ui.waitUntil("the window turns black for sunlight",
                        () -> BLACK.equals(navigation.getBackground().getRGB()));
                Label device = ui.get(WidgetIds.STATUS_DEVICE, Label.class);
                ui.waitUntil("the status line turns yellow on black", () -> new RGB(255, 255, 0).equals(
                        device.getForeground().getRGB()) && BLACK.equals(device.getBackground().getRGB()));
                VaultScreensTest.Sizes.assertAtLeast14pt(device);
                VaultScreensTest.Sizes.assertAtLeast14pt(ui.get(WidgetIds.NAV_VISITS, Button.class));
                Screenshots.capture(ui.mainShell(), "theme-01-high-contrast");
            } finally {
                if (ui.get(ShellIds.NAV_HIGH_CONTRAST, Button.class).getSelection()) {
                    Drive.click(ui, ShellIds.NAV_HIGH_CONTRAST);
                }
            }
            ui.waitUntil("the standard theme is back", () -> !BLACK.equals(navigation.getBackground().getRGB()));
            Screenshots.capture(ui.mainShell(), "theme-02-standard-again");
        });
    }

    private String savedLanguage() throws Exception {
        return Files.readString(data.resolve(FieldPreferences.LANGUAGE_FILE), StandardCharsets.US_ASCII).strip();
    }
}
