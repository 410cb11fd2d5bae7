package org.doorstep.sync.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.doorstep.sync.outbox.OutboxProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeartbeatTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    @TempDir
    Path data;

    @Test
    void aLaptopsHeartbeatCarriesItsBacklogVersionsAndFreeDiskAndComesBackWhole() throws Exception {
        OutboxProgress outbox = new OutboxProgress(3, 4_500_000, 2, 3_000_000, 7, 9_000_000,
                Optional.of(Duration.ofMinutes(95)),
                org.doorstep.sync.outbox.OutboxCapacity.DEFAULT);
        Heartbeat h = Heartbeat.of("dev-7f3a", 42, NOW, outbox, "0.1.0", 1, data);
        assertEquals(3, h.backlogCases());
        assertEquals(4_500_000, h.backlogBytes());
        assertEquals(Optional.of(Duration.ofMinutes(95)), h.oldestUnsent());
        assertTrue(h.freeDiskBytes() > 0, "free disk measured on the data folder's disk");
        assertEquals(h, Heartbeat.fromJson(h.toJson(), "dev-7f3a"));

        Heartbeat idle = Heartbeat.of("dev-7f3a", 43, NOW, new OutboxProgress(0, 0, 0, 0, 7, 9_000_000, Optional.empty(),
                org.doorstep.sync.outbox.OutboxCapacity.DEFAULT),
                "0.1.0", 1, data);
        assertFalse(new String(idle.toJson(), StandardCharsets.UTF_8).contains("oldestUnsent"));
        assertEquals(idle, Heartbeat.fromJson(idle.toJson(), "dev-7f3a"));
    }

    @Test
    void aHeartbeatForAnotherDeviceThanItsTopicIsRefused() throws Exception {
        Heartbeat h = new Heartbeat("dev-a", 1, NOW, 0, 0, Optional.empty(), "0.1.0", 1, 10);
        Heartbeat.BadHeartbeatException e = assertThrows(Heartbeat.BadHeartbeatException.class,
                () -> Heartbeat.fromJson(h.toJson(), "dev-b"));
        assertTrue(e.getMessage().startsWith("$.device:"), e.getMessage());
    }

    @Test
    void version2NamesTheOfficerAndEachVersionRefusesTheOthersFields() throws Exception {
        OutboxProgress outbox = new OutboxProgress(0, 0, 0, 0, 1, 100, Optional.empty(), org.doorstep.sync.outbox.OutboxCapacity.DEFAULT);
        Heartbeat withOfficer = Heartbeat.of("dev-a", 7, NOW, outbox, "0.2.0", 3, data, Optional.of("J10023"));
        String json = new String(withOfficer.toJson(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"format\":\"doorstep-heartbeat/2\"") && json.contains("\"officer\":\"J10023\""), json);
        assertEquals(withOfficer, Heartbeat.fromJson(withOfficer.toJson(), "dev-a"));
        Heartbeat without = Heartbeat.of("dev-a", 8, NOW, outbox, "0.2.0", 3, data);
        assertTrue(new String(without.toJson(), StandardCharsets.UTF_8).contains("doorstep-heartbeat/1"),
                "no officer: version 1, which an HQ not yet upgraded reads");
        Heartbeat.BadHeartbeatException officerInV1 = assertThrows(Heartbeat.BadHeartbeatException.class,
                () -> Heartbeat.fromJson(json.replace("heartbeat/2", "heartbeat/1").getBytes(StandardCharsets.UTF_8), "dev-a"));
        assertTrue(officerInV1.getMessage().contains("only doorstep-heartbeat/2 names the officer"), officerInV1.getMessage());
        assertThrows(Heartbeat.BadHeartbeatException.class, () -> Heartbeat.fromJson(
                json.replace(",\"officer\":\"J10023\"", "").getBytes(StandardCharsets.UTF_8), "dev-a"));
        for (String bad : new String[] {"", "has space", "x".repeat(33), "王警官"}) {
            assertThrows(Heartbeat.BadHeartbeatException.class, () -> Heartbeat.fromJson(
                    json.replace("J10023", bad).getBytes(StandardCharsets.UTF_8), "dev-a"), bad);
        }
        assertThrows(Heartbeat.BadHeartbeatException.class, () -> Heartbeat.fromJson(
                json.replace("\"J10023\"", "7").getBytes(StandardCharsets.UTF_8), "dev-a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "nonsense",
        "[]",
        "{\"format\":\"doorstep-heartbeat/2\"}",
        "{\"format\":\"doorstep-heartbeat/1\",\"device\":\"dev-a\",\"sequence\":1,\"sentAt\":\"2026-11-21T10:00:00Z\",\"backlogCases\":1,\"backlogBytes\":0,\"softwareVersion\":\"0.1.0\",\"catalogueVersion\":1,\"freeDiskBytes\":10}",
        "{\"format\":\"doorstep-heartbeat/1\",\"device\":\"dev-a\",\"sequence\":-1,\"sentAt\":\"2026-11-21T10:00:00Z\",\"backlogCases\":0,\"backlogBytes\":0,\"softwareVersion\":\"0.1.0\",\"catalogueVersion\":1,\"freeDiskBytes\":10}",
        "{\"format\":\"doorstep-heartbeat/1\",\"device\":\"dev-a\",\"sequence\":1,\"sentAt\":\"today\",\"backlogCases\":0,\"backlogBytes\":0,\"softwareVersion\":\"0.1.0\",\"catalogueVersion\":1,\"freeDiskBytes\":10}",
        "{\"format\":\"doorstep-heartbeat/1\",\"device\":\"dev-a\",\"sequence\":1,\"sentAt\":\"2026-11-21T10:00:00Z\",\"backlogCases\":0,\"backlogBytes\":0,\"softwareVersion\":\"0.1.0\",\"catalogueVersion\":1,\"freeDiskBytes\":10,\"gps\":1}",
        "{\"format\":\"doorstep-heartbeat/1\",\"device\":\"dev-a\",\"sequence\":1.5,\"sentAt\":\"2026-11-21T10:00:00Z\",\"backlogCases\":0,\"backlogBytes\":0,\"softwareVersion\":\"0.1.0\",\"catalogueVersion\":1,\"freeDiskBytes\":10}",
        "{\"format\":\"doorstep-heartbeat/1\",\"device\":\"dev-a\",\"sequence\":1,\"sentAt\":\"2026-11-21T10:00:00Z\",\"backlogCases\":0,\"backlogBytes\":0,\"oldestUnsentSeconds\":5,\"softwareVersion\":\"0.1.0\",\"catalogueVersion\":1,\"freeDiskBytes\":10}",
        "{\"format\":\"doorstep-heartbeat/1\",\"device\":\"dev-a\",\"sequence\":1,\"sentAt\":\"2026-11-21T10:00:00Z\",\"backlogCases\":0,\"backlogBytes\":0,\"softwareVersion\":\"<script>\",\"catalogueVersion\":1,\"freeDiskBytes\":10}",
        "{\"format\":\"doorstep-heartbeat/1\",\"device\":\"dev-a\",\"sequence\":1,\"sentAt\":\"2026-11-21T10:00:00Z\",\"backlogCases\":0,\"backlogBytes\":0,\"softwareVersion\":\"0.1.0\",\"catalogueVersion\":1,\"freeDiskBytes\":10} {}"
    })
    void malformedHeartbeatsAreRefusedWithTheFieldThatWasWrong(String json) {
        Heartbeat.BadHeartbeatException e = assertThrows(Heartbeat.BadHeartbeatException.class,
                () -> Heartbeat.fromJson(json.getBytes(StandardCharsets.UTF_8), "dev-a"));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
