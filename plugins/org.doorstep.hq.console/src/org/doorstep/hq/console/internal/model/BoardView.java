package org.doorstep.hq.console.internal.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.doorstep.hq.admin.DeviceBoard;
import org.doorstep.hq.admin.DeviceState;
import org.doorstep.hq.admin.DeviceView;

/**
 * What the device board shows of a {@link DeviceBoard}: the laptops a filter lets through (a text found in the device
 * id or an officer id, and a state), and the totals of what is shown.
 */
public final class BoardView {

    /** The sums the board's footer shows, over the rows shown. */
    public record Totals(int shown, int all, long backlogCases, long backlogBytes, long delivered, long rejected,
            int pendingCommands, int needingAttention) {
    }

    private BoardView() {
    }

    public static List<DeviceView> filter(DeviceBoard board, String text, Optional<DeviceState> state) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return board.devices().stream()
                .filter(d -> state.isEmpty() || d.state() == state.get())
                .filter(d -> needle.isEmpty() || d.deviceId().toLowerCase(Locale.ROOT).contains(needle)
                        || d.officers().stream().anyMatch(o -> o.toLowerCase(Locale.ROOT).contains(needle)))
                .toList();
    }

    public static Totals totals(List<DeviceView> shown, DeviceBoard board) {
        long cases = 0;
        long bytes = 0;
        long delivered = 0;
        long rejected = 0;
        int pending = 0;
        int attention = 0;
        for (DeviceView d : shown) {
            cases += d.backlogCases();
            bytes += d.backlogBytes();
            delivered += d.delivered();
            rejected += d.rejected();
            pending += d.pendingCommands();
            if (d.state() == DeviceState.WIPE_PENDING || d.state() == DeviceState.REVOKED) {
                attention++;
            }
        }
        return new Totals(shown.size(), board.devices().size(), cases, bytes, delivered, rejected, pending, attention);
    }
}
