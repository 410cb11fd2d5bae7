package org.doorstep.hq.admin;

import java.util.List;

/**
 * What verifying an audit trail found.
 *
 * @param subject  the device id, or {@code administrators}
 * @param entries  how many entries were checked
 * @param lastSeq  the highest number held
 * @param breaks   every break in words: an entry altered, not signed by the device, not following the entry before
 *                 it, two different entries with one number, the trail cut (the trail is not {@link #intact()})
 * @param gaps     numbers HQ has not received (yet): not a break, the laptop has not sent them
 */
public record AuditCheck(String subject, long entries, long lastSeq, List<String> breaks, List<String> gaps) {

    public AuditCheck {
        breaks = List.copyOf(breaks);
        gaps = List.copyOf(gaps);
    }

    public boolean intact() {
        return breaks.isEmpty();
    }
}
