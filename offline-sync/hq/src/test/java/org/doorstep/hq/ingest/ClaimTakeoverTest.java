package org.doorstep.hq.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.doorstep.hq.TestHq;
import org.doorstep.hq.admin.store.IngestWorkers;
import org.doorstep.hq.store.HqStore;
import org.doorstep.hq.store.HqStore.ChunkOutcome;
import org.doorstep.sync.chunk.PacketChunks;
import org.doorstep.sync.protocol.HqMessage;
import org.doorstep.sync.protocol.HqMessages;
import org.doorstep.sync.protocol.ResumeQuery;
import org.doorstep.sync.protocol.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that dies while it assembles a complete packet leaves the packet claimed. The laptop's next question
 * reaches another worker, which takes the packet over as soon as the claimant's signs of life stop, not after
 * {@link IngestWorker#STALE_CLAIM}, and never while the claimant is alive. The claimant's death is staged in the
 * store exactly as a crash leaves it: every chunk kept, the claim taken, nothing assembled, signs of life no longer
 * renewed (their age is set back rather than waited for).
 */
class ClaimTakeoverTest {

    private static final String CLAIMANT = "hq-ingest-1";

    @TempDir
    Path dir;
    private TestHq hq;
    private TestHq.Device device;
    private TestHq.Sealed sealed;
    private PacketChunks chunks;
    private HqStore claimant;
    private IngestWorker survivor;
    private final List<byte[]> answers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void aWorkerClaimsACompletePacketAndDies() throws Exception {
        hq = new TestHq(dir);
        device = hq.enrol("laptop-claim");
        sealed = hq.seal(device, "case-claimed", TestHq.randomContents(3, 20_000));
        chunks = PacketChunks.of(sealed.packetId(), sealed.file(), 16 * 1024);
        claimant = hq.store(CLAIMANT);
        claimant.alive();
        ChunkOutcome last = null;
        for (int i = 0; i < chunks.count(); i++) {
            last = claimant.addChunk(device.id(), chunks.chunk(i));
        }
        assertEquals(ChunkOutcome.COMPLETE, last, "the last chunk gave the claimant the claim");
        survivor = hq.worker("hq-ingest-2", (topic, payload) -> answers.add(payload));
    }

    @AfterEach
    void tearDown() {
        if (hq != null) {
            hq.close();
        }
    }

    @Test
    void aLiveClaimantKeepsItsClaimAndASilentOneLosesItAtTheNextQuestion() throws Exception {
        ask();
        assertClaimedAndUnstored("the claimant is alive: its claim is kept");
        assertTrue(answers.isEmpty(), "nothing to answer while another worker assembles");

        silence(IngestWorkers.SILENT_AFTER.minusSeconds(3));
        ask();
        assertClaimedAndUnstored("silent for less than " + IngestWorkers.SILENT_AFTER + ": still taken for alive");

        silence(IngestWorkers.SILENT_AFTER.plusSeconds(3));
        ask();
        assertStoredBySurvivorAndReceipted();
    }

    @Test
    void aClaimantThatStoppedLosesItsClaimAtOnce() throws Exception {
        claimant.stopped();
        ask();
        assertStoredBySurvivorAndReceipted();
    }

    @Test
    void aClaimantThatNeverGaveSignsOfLifeKeepsItsClaimUntilItIsStale() throws Exception {
        try (Connection c = DriverManager.getConnection(hq.database.url());
                PreparedStatement ps = c.prepareStatement("DELETE FROM ingest_workers WHERE name = ?")) {
            ps.setString(1, CLAIMANT);
            assertEquals(1, ps.executeUpdate());
        }
        ask();
        assertClaimedAndUnstored("a worker outside the ingest service gives no signs of life: only age frees its claim");
        assertTrue(hq.store("check").reclaim(sealed.packetId(), java.time.Duration.ZERO, IngestWorkers.SILENT_AFTER),
                "a stale claim is taken over whoever holds it");
    }

    private void ask() throws Exception {
        survivor.handle(Topics.of(device.id(), Topics.RESUME), new ResumeQuery(List.of(new ResumeQuery.Packet(
                sealed.packetId(), chunks.count(), chunks.length(), chunks.digest()))).toJson());
    }

    /** Sets the claimant's last sign of life back by {@code ago}, as if it had stopped renewing it then. */
    private void silence(java.time.Duration ago) throws Exception {
        try (Connection c = DriverManager.getConnection(hq.database.url());
                PreparedStatement ps = c.prepareStatement("UPDATE ingest_workers SET alive_at ="
                        + " {fn TIMESTAMPADD(SQL_TSI_SECOND, " + -ago.toSeconds() + ", CURRENT_TIMESTAMP)} WHERE name = ?")) {
            ps.setString(1, CLAIMANT);
            assertEquals(1, ps.executeUpdate(), "the claimant's sign of life is on record");
        }
    }

    private void assertClaimedAndUnstored(String why) throws Exception {
        HqStore.Receiving r = assertInstanceOf(HqStore.Receiving.class, hq.store("check").status(sealed.packetId()), why);
        assertTrue(r.assembling() && r.complete(), why);
        assertEquals(CLAIMANT, claimedBy(), why);
    }

    private void assertStoredBySurvivorAndReceipted() throws Exception {
        HqStore.Stored stored = assertInstanceOf(HqStore.Stored.class, hq.store("check").status(sealed.packetId()),
                "the survivor took the packet over and stored it");
        try (Connection c = DriverManager.getConnection(hq.database.url());
                PreparedStatement ps = c.prepareStatement("SELECT worker FROM packets WHERE packet_id = ?")) {
            ps.setString(1, sealed.packetId().toString());
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("hq-ingest-2", rs.getString(1));
            }
        }
        assertEquals(1, answers.size(), "one answer to the laptop");
        HqMessage.Receipt receipt = assertInstanceOf(HqMessage.Receipt.class, HqMessages.verify(answers.get(0),
                hq.identity.signingCertificate().getPublicKey(), hq.suite, device.id()));
        assertEquals(stored.receiptId(), receipt.receiptId());
        assertTrue(receipt.matches(sealed.digest()), "the receipt names the packet sent");
        assertEquals(0, hq.store("check").count("inbound"), "nothing left half assembled");
        assertEquals(1, survivor.stats().claimsTakenOver());
    }

    private String claimedBy() throws Exception {
        try (Connection c = DriverManager.getConnection(hq.database.url());
                PreparedStatement ps = c.prepareStatement("SELECT claimed_by FROM inbound WHERE packet_id = ?")) {
            ps.setString(1, sealed.packetId().toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
