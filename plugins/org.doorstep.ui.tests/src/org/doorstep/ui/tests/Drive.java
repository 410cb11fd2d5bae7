package org.doorstep.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.doorstep.ui.WidgetIds;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Text;

/** Real SWT events on widgets found by id, as the keyboard and the touch screen would send them. */
final class Drive {

    private Drive() {
    }

    static Text type(RunningWorkbench ui, String id, String text) {
        Text field = ui.get(id, Text.class);
        field.setFocus();
        field.setText(text);
        return field;
    }

    /** Enter in the control: the screens submit on it. */
    static void enter(RunningWorkbench ui, Control control) {
        traverse(ui, control, SWT.TRAVERSE_RETURN, SWT.CR);
    }

    static void escape(RunningWorkbench ui, Control control) {
        traverse(ui, control, SWT.TRAVERSE_ESCAPE, SWT.ESC);
    }

    private static void traverse(RunningWorkbench ui, Control control, int detail, char key) {
        Event event = new Event();
        event.detail = detail;
        event.character = key;
        event.keyCode = key;
        event.doit = true;
        control.notifyListeners(SWT.Traverse, event);
        ui.settle();
    }

    static void click(RunningWorkbench ui, String id) {
        Button button = ui.get(id, Button.class);
        assertTrue(button.isEnabled(), id + " is enabled");
        if ((button.getStyle() & (SWT.CHECK | SWT.TOGGLE | SWT.RADIO)) != 0) {
            button.setSelection(!button.getSelection());
        }
        button.notifyListeners(SWT.Selection, new Event());
        ui.settle();
    }

    static boolean visible(RunningWorkbench ui, String id) {
        return ui.find(id).map(w -> w instanceof Control c && !c.isDisposed() && c.isVisible()).orElse(false);
    }

    static String idOf(Control control) {
        return String.valueOf(control.getData(WidgetIds.KEY));
    }
}
