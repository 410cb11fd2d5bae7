package org.doorstep.vault;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a case stands on this laptop. The only ways forward are
 *
 * <pre>
 *   draft ⇄ complete → sealed → queued → sent → delivered → shredded
 *                        sealed, queued, sent → rejected → draft
 *                                        sent → queued   (resend when no receipt came)
 * </pre>
 *
 * Data can be changed only in {@link #DRAFT}. {@link #SHREDDED} is reached only by crypto-shredding a
 * delivered case ({@link CaseStore#acceptReceipt}).
 */
public enum CaseState {
    DRAFT, COMPLETE, SEALED, QUEUED, SENT, DELIVERED, SHREDDED, REJECTED;

    /** The states this one may move to. */
    public Set<CaseState> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(COMPLETE);
            case COMPLETE -> EnumSet.of(DRAFT, SEALED);
            case SEALED -> EnumSet.of(QUEUED, REJECTED);
            case QUEUED -> EnumSet.of(SENT, REJECTED);
            case SENT -> EnumSet.of(DELIVERED, QUEUED, REJECTED);
            case DELIVERED -> EnumSet.of(SHREDDED);
            case SHREDDED -> EnumSet.noneOf(CaseState.class);
            case REJECTED -> EnumSet.of(DRAFT);
        };
    }

    public boolean canGoTo(CaseState target) {
        return next().contains(target);
    }

    /** Lower-case name as used on the command line and in messages: {@code draft}, {@code sealed} … */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CaseState byId(String id) {
        for (CaseState state : values()) {
            if (state.id().equals(id == null ? "" : id.strip().toLowerCase(Locale.ROOT))) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown case state '" + id + "'");
    }
}
