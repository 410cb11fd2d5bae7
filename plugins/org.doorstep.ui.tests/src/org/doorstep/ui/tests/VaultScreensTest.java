package org.doorstep.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.doorstep.testing.e4.Drive;
import org.doorstep.testing.e4.Screenshots;
import org.doorstep.ui.WidgetIds;
import org.doorstep.ui.internal.vault.Forms;
import org.doorstep.ui.internal.vault.ShellIds;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An officer's first start and the lock screens, on the real product and a real vault in a folder of the test's
 * own: set-up (with the passphrase rules and a refused passphrase first), enrolment of a second officer, the idle
 * lock covering the work area, a wrong passphrase (attempts left shown) and the right one returning the officer to
 * the work area they were in. Screenshots of each step in target/screenshots.
 */
class VaultScreensTest {

    private static final String PASSPHRASE = "门前的老槐树开花了吗";
    private static final int IDLE_LOCK_SECONDS = 5;

    private Path data;

    @AfterEach
    void cleanUp() {
        if (data != null) {
            ProductData.deleteQuietly(data);
        }
    }

    @Test
    void firstStartSetUpEnrolIdleLockAndUnlockAgain() throws Exception {
        data = ProductData.fresh("vault-screens", IDLE_LOCK_SECONDS);
        RunningWorkbench.run(ui -> {
            ui.waitUntil("the set-up screen shows", () -> Drive.visible(ui, ShellIds.SETUP));
            ui.settle();
            assertFalse(Drive.visible(ui, WidgetIds.NAVIGATION), "nothing behind the set-up screen is visible");
            assertFalse(Drive.visible(ui, WidgetIds.SECTION_VISITS), "the work area is covered");
            assertTrue(Drive.visible(ui, WidgetIds.STATUS_LINE), "the status line stays");
            String policy = ui.get(ShellIds.SETUP_POLICY, Label.class).getText();
            assertTrue(policy.contains("至少 10 个字符") && policy.contains("连续输错 10 次"), policy);
            Text device = ui.get(ShellIds.SETUP_DEVICE, Text.class);
            Button submit = ui.get(ShellIds.SETUP_SUBMIT, Button.class);
            Sizes.assertTouchable(ui.get(ShellIds.SETUP_DEVICE + Forms.BOX_SUFFIX, Composite.class));
            Sizes.assertTouchable(submit);
            Sizes.assertAtLeast14pt(device);
            Sizes.assertAtLeast14pt(ui.get(ShellIds.SETUP_POLICY, Label.class));
            Screenshots.capture(ui.mainShell(), "vault-01-first-start");

            Drive.type(ui, ShellIds.SETUP_DEVICE, "笔记本-07");
            Drive.type(ui, ShellIds.OFFICER_ID, "A1001");
            Drive.type(ui, ShellIds.OFFICER_NAME, "张警官");
            Drive.type(ui, ShellIds.PASSPHRASE, "太短了");
            Text again = Drive.type(ui, ShellIds.PASSPHRASE_AGAIN, "不一样");
            Drive.enter(ui, again);
            String refusal = ui.get(ShellIds.MESSAGE, Label.class).getText();
            assertTrue(refusal.contains("口令太短：至少需要 10 个字符。"), refusal);
            assertTrue(refusal.contains("两次输入的口令不一致"), refusal);
            assertFalse(Files.exists(data.resolve("vault.keys")), "a refused set-up creates nothing");
            Screenshots.capture(ui.mainShell(), "vault-02-passphrase-refused");

            Drive.type(ui, ShellIds.PASSPHRASE, PASSPHRASE);
            Drive.enter(ui, Drive.type(ui, ShellIds.PASSPHRASE_AGAIN, PASSPHRASE));
            ui.waitUntil("set-up finishes and the work area shows", () -> Drive.visible(ui, WidgetIds.NAVIGATION));
            ui.settle();
            assertTrue(Files.exists(data.resolve("vault.keys")), "the vault was set up in the test's folder");
            assertEquals("设备 笔记本-07：已解锁（警员 A1001）", ui.get(WidgetIds.STATUS_DEVICE, Label.class).getText());
            assertTrue(Drive.visible(ui, WidgetIds.SECTION_VISITS));
            Screenshots.capture(ui.mainShell(), "vault-03-set-up-and-unlocked");

            Drive.click(ui, ShellIds.NAV_ENROL);
            ui.waitUntil("the enrolment screen shows", () -> Drive.visible(ui, ShellIds.ENROL));
            assertFalse(Drive.visible(ui, WidgetIds.NAVIGATION), "enrolment covers the work area");
            Drive.type(ui, ShellIds.OFFICER_ID, "B2002");
            Drive.type(ui, ShellIds.OFFICER_NAME, "李警官");
            Drive.type(ui, ShellIds.PASSPHRASE, "第二位民警自己的口令");
            Drive.enter(ui, Drive.type(ui, ShellIds.PASSPHRASE_AGAIN, "第二位民警自己的口令"));
            ui.waitUntil("the enrolment is confirmed",
                    () -> ui.get(ShellIds.MESSAGE, Label.class).getText().contains("已登记民警 李警官（B2002）"));
            Screenshots.capture(ui.mainShell(), "vault-04-officer-enrolled");
            // the same police number again: refused in words before anything is derived or written
            byte[] keysBefore = Files.readAllBytes(data.resolve("vault.keys"));
            Drive.type(ui, ShellIds.OFFICER_ID, "B2002");
            Drive.type(ui, ShellIds.OFFICER_NAME, "李警官");
            Drive.type(ui, ShellIds.PASSPHRASE, "另一个同样足够长的口令");
            Drive.enter(ui, Drive.type(ui, ShellIds.PASSPHRASE_AGAIN, "另一个同样足够长的口令"));
            ui.waitUntil("the second enrolment of B2002 is refused",
                    () -> ui.get(ShellIds.MESSAGE, Label.class).getText().contains("警号 B2002 已在本机登记"));
            assertEquals("警号 B2002 已在本机登记，无需再次登记。", ui.get(ShellIds.MESSAGE, Label.class).getText(),
                    "the only problem (the passphrase itself meets the rules)");
            assertArrayEquals(keysBefore, Files.readAllBytes(data.resolve("vault.keys")), "the key file is unchanged");
            Screenshots.capture(ui.mainShell(), "vault-04b-officer-already-enrolled");
            Drive.escape(ui, ui.get(ShellIds.OFFICER_ID, Text.class));
            ui.waitUntil("Esc returns to the work area", () -> Drive.visible(ui, WidgetIds.NAVIGATION));

            // the officer is in the sync view when the laptop locks itself
            Drive.click(ui, WidgetIds.NAV_SYNC);
            ui.waitUntil("the sync view is on top", () -> Drive.visible(ui, WidgetIds.SECTION_SYNC));
            ui.waitUntil("the idle lock covers the work area", () -> Drive.visible(ui, ShellIds.UNLOCK));
            ui.settle();
            assertFalse(Drive.visible(ui, WidgetIds.SECTION_SYNC), "nothing of the work area stays visible");
            assertFalse(Drive.visible(ui, WidgetIds.NAVIGATION));
            assertEquals("设备 笔记本-07：已锁定", ui.get(WidgetIds.STATUS_DEVICE, Label.class).getText());
            Screenshots.capture(ui.mainShell(), "vault-05-idle-locked");

            Combo officers = ui.get(ShellIds.UNLOCK_OFFICER, Combo.class);
            assertEquals(2, officers.getItemCount(), "both officers can unlock");
            officers.select(indexOf(officers, "A1001"));
            Drive.type(ui, ShellIds.PASSPHRASE, "这不是正确的口令啊啊");
            Drive.enter(ui, ui.get(ShellIds.PASSPHRASE, Text.class));
            ui.waitUntil("the refusal shows", () -> !ui.get(ShellIds.MESSAGE, Label.class).getText().isEmpty());
            assertEquals("口令错误。还可以再试 9 次。", ui.get(ShellIds.MESSAGE, Label.class).getText());
            assertEquals("", ui.get(ShellIds.PASSPHRASE, Text.class).getText(), "the passphrase field is cleared");
            assertTrue(Drive.visible(ui, ShellIds.UNLOCK), "still locked");
            Screenshots.capture(ui.mainShell(), "vault-06-wrong-passphrase");

            Drive.type(ui, ShellIds.PASSPHRASE, PASSPHRASE);
            Drive.click(ui, ShellIds.UNLOCK_SUBMIT);
            ui.waitUntil("unlocking returns to the work area", () -> Drive.visible(ui, WidgetIds.NAVIGATION));
            ui.settle();
            assertTrue(Drive.visible(ui, WidgetIds.SECTION_SYNC), "back in the sync view where the officer was");
            assertFalse(Drive.visible(ui, ShellIds.LOCK_SCREEN), "the lock screen is gone");
            Screenshots.capture(ui.mainShell(), "vault-07-unlocked-again");
        });
    }

    private static int indexOf(Combo combo, String officerId) {
        for (int i = 0; i < combo.getItemCount(); i++) {
            if (combo.getItem(i).contains("(" + officerId + ")")) {
                return i;
            }
        }
        throw new AssertionError("no officer " + officerId + " in the list");
    }

    /** Controls are checked by what the officer gets: text size and touch size. */
    static final class Sizes {
        private Sizes() {
        }

        static void assertAtLeast14pt(Control control) {
            int height = control.getFont().getFontData()[0].getHeight();
            assertTrue(height >= 14, control.getData(WidgetIds.KEY) + " font is " + height + " pt, expected at least 14");
        }

        static void assertTouchable(Control control) {
            int height = control.getSize().y;
            assertTrue(height >= 44, control.getData(WidgetIds.KEY) + " is " + height + " px high, expected at least 44");
        }
    }
}
