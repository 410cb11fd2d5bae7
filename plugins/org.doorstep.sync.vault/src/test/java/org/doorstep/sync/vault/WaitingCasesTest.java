package org.doorstep.sync.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.doorstep.sync.client.SyncClient;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A case the officer completed while sealing was refused (the laptop not yet enrolled, say) does not wait for ever:
 * the sync service seals waiting complete cases when it starts, urgent first then oldest, as far as the outbox has
 * room, and leaves drafts and whatever does not fit alone.
 */
class WaitingCasesTest {

    @TempDir
    Path dir;

    @Test
    void completeCasesWaitingForEnrolmentAreSealedWhenTheServiceStartsAsFarAsTheOutboxHasRoom() throws Exception {
        try (Laptop laptop = Laptop.notEnrolled(dir, CryptoSuite.INTL)) {
            String older = laptop.smallCase("older");
            laptop.fixture.clock.advance(Duration.ofMinutes(5));
            String newer = laptop.smallCase("newer");
            String urgent = laptop.vault.cases().create("urgent", true, List.of(new org.doorstep.vault.NewItem(
                    org.doorstep.vault.ItemKind.FORM, "form", "application/json", "{}".getBytes()))).id();
            laptop.vault.cases().moveTo(urgent, CaseState.COMPLETE, null);
            String draft = laptop.vault.cases().create("draft", false, List.of()).id();
            assertTrue(SyncIdentity.of(laptop.vault).isEmpty(), "not enrolled: nothing could be sealed");

            DeviceEnrolment enrolment = new DeviceEnrolment(laptop.vault, laptop.fixture.clock);
            enrolment.install(laptop.hq.enrol(enrolment.request(Laptop.DEVICE_ID, laptop.hq.code(Laptop.DEVICE_ID))));
            // room for two packets: the urgent case and the older one; the broker is unreachable, so nothing is sent
            SyncClient.Options options = new SyncClient.Options(2, 1L << 30, 64 * 1024, Duration.ofSeconds(5),
                    Duration.ofSeconds(1), "test", laptop.fixture.dataDir);
            try (LaptopSync sync = LaptopSync.start(laptop.vault, options, laptop.fixture.clock)) {
                await(() -> sync.client().progress().pendingCases() == 2);
                assertEquals(CaseState.QUEUED, laptop.vault.cases().get(urgent).state());
                assertEquals(CaseState.QUEUED, laptop.vault.cases().get(older).state());
                assertEquals(CaseState.COMPLETE, laptop.vault.cases().get(newer).state(), "no room: it waits, unchanged");
                assertEquals(CaseState.DRAFT, laptop.vault.cases().get(draft).state());
                assertEquals(0, sync.sealWaiting(), "still no room");
                assertEquals(CaseState.COMPLETE, laptop.vault.cases().get(newer).state());
            }
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the waiting cases were not sealed");
            }
            Thread.sleep(20);
        }
    }
}
