package org.doorstep.hq.console.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Real SWT events on widgets found by id, as the keyboard and the mouse would send them. */
final class Drive {

    private Drive() {
    }

    static Text type(ConsoleWorkbench ui, String id, String text) {
        Text field = ui.get(id, Text.class);
        assertTrue(field.isEnabled(), id + " is enabled");
        field.setFocus();
        field.setText(text);
        ui.settle();
        return field;
    }

    /** Enter in the control: forms submit on it. */
    static void enter(ConsoleWorkbench ui, Control control) {
        Event event = new Event();
        event.detail = SWT.TRAVERSE_RETURN;
        event.character = SWT.CR;
        event.keyCode = SWT.CR;
        event.doit = true;
        control.notifyListeners(SWT.Traverse, event);
        ui.settle();
    }

    static void click(ConsoleWorkbench ui, String id) {
        Button button = ui.get(id, Button.class);
        assertTrue(button.isEnabled(), id + " is enabled");
        if ((button.getStyle() & (SWT.CHECK | SWT.TOGGLE | SWT.RADIO)) != 0) {
            button.setSelection(!button.getSelection());
        }
        button.notifyListeners(SWT.Selection, new Event());
        ui.settle();
    }

    static void choose(ConsoleWorkbench ui, String id, String item) {
        Combo combo = ui.get(id, Combo.class);
        int index = List.of(combo.getItems()).indexOf(item);
        assertTrue(index >= 0, id + " offers " + item + ": " + List.of(combo.getItems()));
        combo.select(index);
        combo.notifyListeners(SWT.Selection, new Event());
        ui.settle();
    }

    /** Selects the table's row whose cell {@code column} reads {@code text}, as a click would. */
    static TableItem select(ConsoleWorkbench ui, String id, int column, String text) {
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

    static List<String> column(Table table, int column) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < table.getItemCount(); i++) {
            all.add(table.getItem(i).getText(column));
        }
        return all;
    }

    /** Ctrl+digit through the workbench's real key-binding dispatcher (display filters see notifyListeners events). */
    static void ctrl(ConsoleWorkbench ui, Control focus, char key) {
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
}
