package org.doorstep.testing.e4;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * Real SWT events on widgets found by id, as the keyboard, the mouse and the touch screen would send them. Each action
 * lets the UI settle afterwards, so the next look at the widgets sees its effect.
 */
public final class Drive {

    private Drive() {
    }

    /** Types into an enabled text field (replacing what it held). */
    public static Text type(E4TestWorkbench ui, String id, String text) {
        Text field = ui.get(id, Text.class);
        enabled(field, id);
        field.setFocus();
        field.setText(text);
        ui.settle();
        return field;
    }

    /** Enter in the control: forms and screens submit on it. */
    public static void enter(E4TestWorkbench ui, Control control) {
        traverse(ui, control, SWT.TRAVERSE_RETURN, SWT.CR);
    }

    /** Esc in the control: screens and dialogs go back on it. */
    public static void escape(E4TestWorkbench ui, Control control) {
        traverse(ui, control, SWT.TRAVERSE_ESCAPE, SWT.ESC);
    }

    private static void traverse(E4TestWorkbench ui, Control control, int detail, char key) {
        Event event = new Event();
        event.detail = detail;
        event.character = key;
        event.keyCode = key;
        event.doit = true;
        control.notifyListeners(SWT.Traverse, event);
        ui.settle();
    }

    /** Presses an enabled button (a check box or toggle changes its state first, as a click would). */
    public static void click(E4TestWorkbench ui, String id) {
        Button button = ui.get(id, Button.class);
        enabled(button, id);
        if ((button.getStyle() & (SWT.CHECK | SWT.TOGGLE | SWT.RADIO)) != 0) {
            button.setSelection(!button.getSelection());
        }
        button.notifyListeners(SWT.Selection, new Event());
        ui.settle();
    }

    public static boolean visible(E4TestWorkbench ui, String id) {
        return ui.find(id).map(w -> w instanceof Control c && !c.isDisposed() && c.isVisible()).orElse(false);
    }

    /** Chooses the combo's item with this text. */
    public static void choose(E4TestWorkbench ui, String id, String item) {
        Combo combo = ui.get(id, Combo.class);
        int index = List.of(combo.getItems()).indexOf(item);
        if (index < 0) {
            throw new AssertionError(id + " does not offer " + item + ": " + List.of(combo.getItems()));
        }
        combo.select(index);
        combo.notifyListeners(SWT.Selection, new Event());
        ui.settle();
    }

    /** Selects the table's row whose cell {@code column} reads {@code text}, as a click would. */
    public static TableItem select(E4TestWorkbench ui, String id, int column, String text) {
        Table table = ui.get(id, Table.class);
        for (int i = 0; i < table.getItemCount(); i++) {
            TableItem item = table.getItem(i);
            if (item.getText(column).equals(text)) {
                table.setSelection(i);
                table.setFocus();
                Event e = new Event();
                e.item = item;
                table.notifyListeners(SWT.Selection, e);
                ui.settle();
                return item;
            }
        }
        throw new AssertionError(id + " has no row with " + text + " in column " + column + ": " + column(table, column));
    }

    /** The texts of one column, top to bottom. */
    public static List<String> column(Table table, int column) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < table.getItemCount(); i++) {
            all.add(table.getItem(i).getText(column));
        }
        return all;
    }

    /** Ctrl+key through the workbench's real key-binding dispatcher (display filters see notifyListeners events). */
    public static void ctrl(E4TestWorkbench ui, Control focus, char key) {
        focus.setFocus();
        focus.notifyListeners(SWT.KeyDown, key(SWT.KeyDown, key));
        focus.notifyListeners(SWT.KeyUp, key(SWT.KeyUp, key));
        ui.settle();
    }

    private static Event key(int type, char key) {
        Event event = new Event();
        event.type = type;
        event.stateMask = SWT.CTRL;
        event.keyCode = key;
        event.character = key;
        return event;
    }

    private static void enabled(Control control, String id) {
        if (!control.isEnabled()) {
            throw new AssertionError(id + " is not enabled");
        }
    }
}
