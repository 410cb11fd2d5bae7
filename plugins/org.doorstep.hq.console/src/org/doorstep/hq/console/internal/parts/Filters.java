package org.doorstep.hq.console.internal.parts;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.doorstep.hq.admin.DeviceBoard;
import org.doorstep.hq.admin.DeviceView;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Text;

/** The filter controls several areas share: a device chooser fed by the board, and days typed as 2026-12-01. */
final class Filters {

    /** A day typed in a field; empty for an empty field. */
    record Day(Optional<LocalDate> day, boolean valid) {
    }

    private Filters() {
    }

    /** Keeps a device combo's items ("all" first, then every device of the board) and its selection. */
    static void devices(Combo combo, DeviceBoard board, String all) {
        List<String> ids = board == null ? List.of() : board.devices().stream().map(DeviceView::deviceId).toList();
        String[] items = new String[ids.size() + 1];
        items[0] = all;
        for (int i = 0; i < ids.size(); i++) {
            items[i + 1] = ids.get(i);
        }
        if (!Arrays.equals(items, combo.getItems())) {
            String selected = combo.getSelectionIndex() > 0 ? combo.getItem(combo.getSelectionIndex()) : null;
            combo.setItems(items);
            int index = selected == null ? 0 : Math.max(0, Arrays.asList(items).indexOf(selected));
            combo.select(index);
        }
    }

    static Optional<String> device(Combo combo) {
        int i = combo.getSelectionIndex();
        return i > 0 ? Optional.of(combo.getItem(i)) : Optional.empty();
    }

    static Day day(Text field) {
        String t = field.getText().strip();
        if (t.isEmpty()) {
            return new Day(Optional.empty(), true);
        }
        try {
            return new Day(Optional.of(LocalDate.parse(t)), true);
        } catch (DateTimeParseException e) {
            return new Day(Optional.empty(), false);
        }
    }
}
