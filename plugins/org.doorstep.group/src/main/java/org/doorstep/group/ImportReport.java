package org.doorstep.group;

import java.util.List;

/**
 * What a roster import did: how the file was read, the employees added, and every bad row with its reason. Bad
 * rows are not imported; the good ones are.
 *
 * @param rows     data rows read (header and blank rows not counted)
 * @param problems every problem, by row then column; a row can have several
 */
public record ImportReport(RosterFormat format, int rows, List<RosterEntry> added, List<GroupProblem> problems) {

    public ImportReport {
        added = List.copyOf(added);
        problems = List.copyOf(problems);
    }

    /** The rows that were refused, each counted once. */
    public long refusedRows() {
        return problems.stream().mapToInt(GroupProblem::row).distinct().count();
    }
}
