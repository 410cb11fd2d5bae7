package org.doorstep.group;

import java.util.List;
import java.util.Set;

/**
 * The cells of a roster file, before any meaning is given to them.
 *
 * @param rows every row that has a cell, in file order
 */
public record RosterTable(RosterFormat format, List<Row> rows) {

    /**
     * One row as the spreadsheet numbers it (from 1).
     *
     * @param numericColumns columns whose cell was a number in the spreadsheet (an identity number typed as a number
     *                       has lost its last digits to Excel's 15-digit precision)
     */
    public record Row(int number, List<String> cells, Set<Integer> numericColumns) {

        public Row {
            cells = List.copyOf(cells);
            numericColumns = Set.copyOf(numericColumns);
        }

        public String cell(int column) {
            return column >= 0 && column < cells.size() ? cells.get(column) : "";
        }

        public boolean isBlank() {
            return cells.stream().allMatch(c -> c == null || c.isBlank());
        }
    }

    public RosterTable {
        rows = List.copyOf(rows);
    }
}
