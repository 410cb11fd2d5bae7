package org.doorstep.hq.console.internal.parts;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.doorstep.hq.admin.AdminException;
import org.doorstep.hq.admin.DeviceBoard;
import org.doorstep.hq.admin.DeviceView;
import org.doorstep.hq.console.internal.ConsoleMessages;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Text;

/** The filter controls several areas share: a device chooser fed by the board, and days typed as 2026-12-01. */
final class Filters {

    /** The days typed in a "from" and a "to" field; either may be empty (no bound). */
    record Days(Optional<LocalDate> first, Optional<LocalDate> last) {
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

    /**
     * The days of a from/to pair of fields, or the problem in the officer's language: a day not written as
     * 2026-12-01, or the last day before the first.
     */
    static Days days(Text from, Text to, ConsoleMessages m) throws AdminException {
        Optional<LocalDate> first = day(from, m);
        Optional<LocalDate> last = day(to, m);
        if (first.isPresent() && last.isPresent() && last.get().isBefore(first.get())) {
            throw new AdminException(AdminException.Kind.INPUT, m.filter_problem_order);
        }
        return new Days(first, last);
    }

    private static Optional<LocalDate> day(Text field, ConsoleMessages m) throws AdminException {
        String t = field.getText().strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(t));
        } catch (DateTimeParseException e) {
            throw new AdminException(AdminException.Kind.INPUT, m.filter_problem_day);
        }
    }
}
