package org.doorstep.hq.console.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.doorstep.hq.admin.DeviceBoard;
import org.doorstep.hq.admin.DeviceState;
import org.doorstep.hq.admin.DeviceView;
import org.doorstep.hq.console.internal.model.BoardView;
import org.junit.jupiter.api.Test;

/** The board's filter (device or officer id, state) and the totals of what it shows. */
class BoardViewTest {

    private static DeviceView device(String id, DeviceState state, List<String> officers, int backlog, long bytes,
            long delivered, long rejected) {
        return new DeviceView(id, state, officers, Optional.of(Instant.EPOCH), backlog, bytes,
                backlog > 0 ? Optional.of(Duration.ofMinutes(5)) : Optional.empty(), Optional.of("1.0"), Optional.of(1),
                Optional.empty(), delivered, rejected, Optional.empty(), 1, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    private static final DeviceBoard BOARD = new DeviceBoard(Instant.EPOCH, List.of(
            device("FIELD-07", DeviceState.ACTIVE, List.of("J10023"), 2, 2048, 10, 0),
            device("FIELD-08", DeviceState.REVOKED, List.of("J20077", "J10023"), 0, 0, 3, 1),
            device("fleet-01", DeviceState.ACTIVE, List.of("officer-1"), 1, 100, 5, 0)));

    @Test
    void aTextFindsDevicesByTheirIdOrTheirOfficersRegardlessOfCase() {
        assertEquals(List.of("FIELD-07", "FIELD-08"), ids(BoardView.filter(BOARD, "field", Optional.empty())));
        assertEquals(List.of("FIELD-07", "FIELD-08"), ids(BoardView.filter(BOARD, " j10023 ", Optional.empty())));
        assertEquals(List.of("FIELD-08"), ids(BoardView.filter(BOARD, "", Optional.of(DeviceState.REVOKED))));
        assertEquals(List.of(), ids(BoardView.filter(BOARD, "fleet", Optional.of(DeviceState.WIPED))));
    }

    @Test
    void theTotalsAreOverTheRowsShown() {
        BoardView.Totals all = BoardView.totals(BOARD.devices(), BOARD);
        assertEquals(new BoardView.Totals(3, 3, 3, 2148, 18, 1, 3, 1), all);
        BoardView.Totals field = BoardView.totals(BoardView.filter(BOARD, "FIELD", Optional.empty()), BOARD);
        assertEquals(new BoardView.Totals(2, 3, 2, 2048, 13, 1, 2, 1), field);
    }

    private static List<String> ids(List<DeviceView> devices) {
        return devices.stream().map(DeviceView::deviceId).toList();
    }
}
