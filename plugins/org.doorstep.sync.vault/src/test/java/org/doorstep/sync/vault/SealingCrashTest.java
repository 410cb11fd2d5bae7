package org.doorstep.sync.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.doorstep.sync.packet.PacketOpener;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.CaseSummary;
import org.doorstep.vault.ItemInfo;
import org.doorstep.vault.PacketRecord;
import org.doorstep.vault.PacketState;
import org.doorstep.vault.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sealing survives SIGKILL at any moment. A child JVM ({@link SealingCrashWriter}) seals cases, marks packets sent and
 * takes receipts, and is killed at a random time, many times; after each kill the laptop starts again (recovery) and
 * every promise is checked: no reported step is undone, no case is left sealed without a queued packet, the spool holds
 * exactly one complete file per waiting packet and nothing else, each such file is the one the vault recorded (size
 * and SHA-256) and opens at HQ to the case's items, and the audit trail verifies.
 */
class SealingCrashTest {

    private static final int KILLS = 15;

    @TempDir
    Path dir;

    @Test
    void sealingSurvivesKillsAtAnyMomentAndRecoveryLeavesEveryPacketWholeAndEveryFileAccountedFor() throws Exception {
        Hq hq;
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            hq = laptop.hq;
        }
        long seed = new Random().nextLong();
        System.out.println("SealingCrashTest seed " + seed);
        Random random = new Random(seed);
        Map<String, CaseState> reported = new HashMap<>();
        int resealed = 0;
        int queuedFromFile = 0;
        int deletedLeftovers = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            for (String line : runAndKill(random.nextLong(), 200 + random.nextInt(2300))) {
                String[] parts = line.split(" ");
                switch (parts[0]) {
                    case "COMPLETE" -> reported.put(parts[1], CaseState.COMPLETE);
                    case "QUEUED" -> reported.put(parts[1], CaseState.QUEUED);
                    case "SENT" -> reported.put(parts[1], CaseState.SENT);
                    case "DELIVERED" -> reported.put(parts[1], CaseState.SHREDDED);
                    default -> { }
                }
            }
            try (Laptop laptop = reopen(hq)) {
                CaseSealing.Recovery recovery = laptop.sealing.recover();
                resealed += recovery.resealed().size();
                queuedFromFile += recovery.queued().size();
                deletedLeftovers += recovery.deleted().size();
                assertEquals(List.of(), recovery.notDone(), "kill " + kill);
                check(laptop, reported, kill);
            }
        }
        System.out.printf("SealingCrashTest: %d kills, %d cases reported, %d sealings redone, %d queued from a complete "
                + "file, %d leftover files deleted%n", KILLS, reported.size(), resealed, queuedFromFile, deletedLeftovers);
        // kills usually land inside a sealing, the slowest step; a few must have finished for the test to mean much
        assertTrue(reported.values().stream().filter(s -> s.ordinal() >= CaseState.QUEUED.ordinal()).count() >= KILLS / 3,
                "the child hardly sealed anything: " + reported);
    }

    private static void check(Laptop laptop, Map<String, CaseState> reported, int kill) throws Exception {
        Map<String, CaseSummary> cases = new HashMap<>();
        laptop.vault.cases().list().forEach(c -> cases.put(c.id(), c));
        for (Map.Entry<String, CaseState> e : reported.entrySet()) {
            CaseState now = cases.get(e.getKey()).state();
            assertTrue(now.ordinal() >= e.getValue().ordinal(), "kill " + kill + ": case " + e.getKey() + " went back from "
                    + e.getValue() + " to " + now);
        }
        Set<UUID> waiting = new HashSet<>();
        Set<String> casesWaiting = new HashSet<>();
        for (PacketRecord p : laptop.vault.packets().open()) {
            assertTrue(p.state() == PacketState.QUEUED || p.state() == PacketState.SENT, "kill " + kill + ": " + p);
            assertTrue(casesWaiting.add(p.caseId()), "kill " + kill + ": two open packets for case " + p.caseId());
            CaseState caseState = cases.get(p.caseId()).state();
            assertEquals(p.state() == PacketState.SENT ? CaseState.SENT : CaseState.QUEUED, caseState,
                    "kill " + kill + ": packet and case disagree: " + p);
            Path file = laptop.spool.fileOf(p.packetId());
            byte[] bytes = Files.readAllBytes(file);
            assertEquals(p.bytes(), bytes.length, "kill " + kill + ": size of " + file);
            assertArrayEquals(p.digest(), MessageDigest.getInstance("SHA-256").digest(bytes), "kill " + kill + ": " + file);
            PacketOpener.OpenedPacket opened = laptop.hq.open(file, laptop.identity().deviceCertificate());
            assertEquals(p.caseId(), opened.manifest().caseId());
            for (ItemInfo item : laptop.vault.cases().items(p.caseId())) {
                assertArrayEquals(laptop.vault.cases().read(p.caseId(), item.slot()),
                        opened.contents().get("items/" + item.kind().id() + "/" + item.slot()));
            }
            waiting.add(p.packetId());
        }
        for (CaseSummary c : cases.values()) {
            assertFalse(c.state() == CaseState.SEALED, "kill " + kill + ": case " + c.id() + " left sealed after recovery");
            if (c.state() == CaseState.QUEUED || c.state() == CaseState.SENT) {
                assertTrue(casesWaiting.contains(c.id()), "kill " + kill + ": case " + c.id() + " has no waiting packet");
            }
        }
        // a kill before the first sealing leaves no spool folder at all: then it holds nothing
        try (Stream<Path> files = Files.isDirectory(laptop.spool.folder()) ? Files.list(laptop.spool.folder())
                : Stream.empty()) {
            Set<String> names = new HashSet<>(files.map(p -> p.getFileName().toString()).toList());
            Set<String> expected = new HashSet<>();
            waiting.forEach(id -> expected.add(id + ".dspk"));
            assertEquals(expected, names, "kill " + kill + ": the spool holds exactly the waiting packets");
        }
        assertTrue(laptop.vault.verifyAudit().intact(), "kill " + kill + ": " + laptop.vault.verifyAudit().problems());
    }

    private Laptop reopen(Hq hq) throws Exception {
        return Laptop.reopened(dir, hq);
    }

    /** Starts the writer, waits until it is writing, lets it run {@code millis} and kills it with SIGKILL. */
    private List<String> runAndKill(long seed, int millis) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                SealingCrashWriter.class.getName(), dir.toString(), Long.toString(seed));
        pb.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child-stderr.log").toFile()));
        Process child = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the child died: that is the point
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!lines.contains("READY")) {
            if (!child.isAlive()) {
                fail("the writer died before it was ready: " + Files.readString(dir.resolve("child-stderr.log")));
            }
            if (System.nanoTime() > deadline) {
                child.destroyForcibly();
                fail("the writer did not get ready");
            }
            Thread.sleep(10);
        }
        Thread.sleep(millis);
        assertTrue(child.isAlive(), () -> "the writer stopped by itself: " + readQuietly(dir.resolve("child-stderr.log")));
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the killed writer did not exit");
        assertEquals(137, child.exitValue(), "the writer was not killed by SIGKILL");
        reader.join(10_000);
        // a line cut by the kill is not a report
        return lines.stream().filter(l -> l.matches("READY|[A-Z]+ [0-9a-f-]{36}( [0-9a-f-]{36})?")).toList();
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "(no stderr)";
        }
    }
}
