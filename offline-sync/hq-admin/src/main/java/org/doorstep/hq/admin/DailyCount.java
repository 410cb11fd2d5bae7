package org.doorstep.hq.admin;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One line of the report: cases HQ stored from one laptop on one day (in the service's zone), and how long they took
 * from capture (created on the laptop) and from sealing to HQ's receipt.
 */
public record DailyCount(LocalDate day, String deviceId, int cases, Optional<Duration> medianCaptureToReceipt,
        Optional<Duration> maxCaptureToReceipt, Duration medianSealToReceipt, Duration maxSealToReceipt) {
}
