package org.doorstep.domain.checklist;

import java.util.List;

/**
 * Whether a case's materials allow completing it.
 *
 * @param missingCore core items not present: the case cannot be completed until they are scanned
 * @param undecided   secondary items neither present nor accepted pending: scan them or accept them pending,
 *                    so that the notice can state a deadline
 */
public record Completion(List<ChecklistItem> missingCore, List<ChecklistItem> undecided) {

    public Completion {
        missingCore = List.copyOf(missingCore);
        undecided = List.copyOf(undecided);
    }

    public boolean canComplete() {
        return missingCore.isEmpty() && undecided.isEmpty();
    }
}
