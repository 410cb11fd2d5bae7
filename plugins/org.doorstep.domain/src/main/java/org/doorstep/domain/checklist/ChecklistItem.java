package org.doorstep.domain.checklist;

import java.util.List;
import java.util.Optional;

import org.doorstep.domain.catalogue.Level;
import org.doorstep.domain.catalogue.Material;

/**
 * One material on the one-time notice: what it is, whether it is core or secondary for this case, why it
 * is needed, and where it stands.
 */
public record ChecklistItem(ItemKey key, Material material, Level level, List<Reason> reasons, ItemStatus status) {

    public ChecklistItem {
        reasons = List.copyOf(reasons);
    }

    public ChecklistItem withStatus(ItemStatus newStatus) {
        return new ChecklistItem(key, material, level, reasons, newStatus);
    }

    public boolean isPresent() {
        return status instanceof ItemStatus.Present;
    }

    public boolean isPending() {
        return status instanceof ItemStatus.Pending;
    }

    public boolean isMissing() {
        return status instanceof ItemStatus.Missing;
    }

    /** The deadline of a pending item. */
    public Optional<java.time.LocalDate> deadline() {
        return status instanceof ItemStatus.Pending p ? Optional.of(p.deadline()) : Optional.empty();
    }

    /** The scan of a present item. */
    public Optional<String> scan() {
        return status instanceof ItemStatus.Present p ? Optional.of(p.scan()) : Optional.empty();
    }
}
