package org.doorstep.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.doorstep.vault.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that is writing cases with SIGKILL at random moments, 50 times, and after each kill
 * opens the vault in this JVM and checks that every case the child reported as committed is there with
 * its exact contents and at least the state reported, that every case present is whole (its items match
 * the digest written in the same transaction), and that the audit trail verifies.
 */
class CrashTest {

    private static final int KILLS = 50;
    private static final Pattern LABEL = Pattern.compile("crash case items=(\\d+) sha=([0-9a-f]{64})");

    @TempDir
    Path dir;

    @Test
    void committedCasesSurviveFiftyKillsAndNothingHalfWrittenIsVisible() throws Exception {
        Fixture f = new Fixture(dir);
        f.setUp(CryptoSuite.INTL).close();
        Random random = new Random();
        long seed = random.nextLong();
        System.out.println("CrashTest seed " + seed);
        random.setSeed(seed);

        Map<String, CaseState> reported = new HashMap<>();
        int totalCases = 0;
        java.util.Set<String> outran = new java.util.HashSet<>();
        // Shredding takes a case through five steps across runs; on a loaded machine the child writes slowly, so
        // until a case has been shredded the test goes on with longer runs (at most KILLS more) rather than
        // depending on the machine's speed for the proof that kills during shredding were tried at all.
        int kills = 0;
        for (int kill = 1; kill <= KILLS || (!anyShredded(reported) && kill <= 2 * KILLS); kill++) {
            kills = kill;
            int millis = kill <= KILLS ? 30 + random.nextInt(700) : 500 + random.nextInt(1500);
            List<String> lines = runAndKill(random.nextLong(), millis);
            for (String line : lines) {
                String[] parts = line.split(" ");
                switch (parts[0]) {
                    case "CREATED" -> reported.put(parts[1], CaseState.DRAFT);
                    case "STATE" -> reported.put(parts[1], CaseState.byId(parts[2]));
                    default -> { }
                }
            }
            try (Vault vault = f.reopenUnlocked()) {
                List<CaseSummary> cases = vault.cases().list();
                totalCases = cases.size();
                Map<String, CaseSummary> byId = new HashMap<>();
                cases.forEach(c -> byId.put(c.id(), c));
                for (Map.Entry<String, CaseState> e : reported.entrySet()) {
                    CaseSummary found = byId.get(e.getKey());
                    assertNotNull(found, "kill " + kill + ": committed case " + e.getKey() + " is gone");
                    assertTrue(found.state().ordinal() >= e.getValue().ordinal(), "kill " + kill + ": case " + e.getKey()
                            + " went back from " + e.getValue() + " to " + found.state());
                }
                for (CaseSummary c : cases) {
                    checkWhole(vault, c, kill);
                }
                // committed, killed before it could say so: allowed, and whole (checked above)
                cases.stream().map(CaseSummary::id).filter(id -> !reported.containsKey(id)).forEach(outran::add);
                AuditReport audit = vault.verifyAudit();
                assertTrue(audit.intact(), "kill " + kill + ": " + audit.problems());
            }
        }
        System.out.printf("CrashTest: %d kills, %d cases at the end, %d reported, %d committed but killed before reporting%n",
                kills, totalCases, reported.size(), outran.size());
        assertTrue(reported.size() >= KILLS / 2, "the child hardly wrote anything: " + reported.size() + " cases");
        assertTrue(anyShredded(reported), "no case was shredded");
    }

    private static void checkWhole(Vault vault, CaseSummary c, int kill) throws Exception {
        if (c.state() == CaseState.SHREDDED) {
            assertEquals(List.of(), vault.cases().items(c.id()), "kill " + kill + ": shredded case has items");
            return;
        }
        Matcher m = LABEL.matcher(String.valueOf(c.label()));
        assertTrue(m.matches(), "kill " + kill + ": case " + c.id() + " has label " + c.label());
        List<ItemInfo> items = vault.cases().items(c.id());
        assertEquals(Integer.parseInt(m.group(1)), items.size(), "kill " + kill + ": case " + c.id() + " is half-written");
        List<byte[]> contents = new ArrayList<>();
        for (String slot : List.of("form", "photo", "finger.r2", "finger.l2")) {
            contents.add(vault.cases().read(c.id(), slot));
        }
        assertEquals(m.group(2), CrashWriter.digest(contents), "kill " + kill + ": case " + c.id() + " content differs");
    }

    /** Starts the writer, waits until it is writing, lets it run {@code millis} and then kills it with SIGKILL. */
    private static boolean anyShredded(Map<String, CaseState> reported) {
        return reported.values().stream().anyMatch(s -> s == CaseState.SHREDDED);
    }

    private List<String> runAndKill(long seed, int millis) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), dir.toString(), Long.toString(seed));
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
        return lines.stream().filter(l -> l.matches("READY|CREATED [0-9a-f-]{36}|STATE [0-9a-f-]{36} [a-z]+")).toList();
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "(no stderr)";
        }
    }
}
