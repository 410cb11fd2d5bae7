package org.doorstep.vault.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.doorstep.vault.CaseSummary;
import org.doorstep.vault.Fixture;
import org.doorstep.vault.ItemKind;
import org.doorstep.vault.NewItem;
import org.doorstep.vault.StoredWorkOrder;
import org.doorstep.vault.Vault;
import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.keys.UnlockResult;

/**
 * Prints how much heap a laptop holding 500 stored cases needs once the visits list has read them (issue 6,
 * item 9), against the baseline of the same JVM with the vault open, unlocked and empty. Each case is the vault
 * benchmark's typical case ({@link Fixture#typicalCase}: form, photo, ten fingerprints) plus a signature; each was
 * started from one of HQ's work orders, and 10 % more orders wait unstarted. "Listed" means what the visits list
 * reads: {@code cases().list()} and {@code hqInbox().workOrders()}, both held while the heap is measured. Heap is
 * the used heap after three full collections ({@code System.gc()}), median of three such readings. Run with the
 * product's heap limit:
 *
 * <pre>
 * ./mvnw -q -o -pl plugins/org.doorstep.vault test-compile exec:exec -Dexec.classpathScope=test \
 *     -Dexec.executable=java -Dexec.args="-Xmx1g -cp %classpath org.doorstep.vault.bench.CaseListHeapBenchmark [CASES] [FOLDER]"
 * </pre>
 */
public final class CaseListHeapBenchmark {

    private static final double MIB = 1024.0 * 1024.0;

    public static void main(String[] args) throws Exception {
        int caseCount = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int spareOrders = caseCount / 10;
        Path base = args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(base);
        Path root = Files.createTempDirectory(base, "heap-bench");
        Path data = root.resolve("vault");
        System.out.printf(Locale.ROOT, "Case-list heap benchmark: %d cores, Java %s, max heap %.0f MiB, %s; data in %s;"
                + " load average %.2f%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / MIB, gcNames(), root, loadAverage());
        List<NewItem> items = new ArrayList<>(Fixture.typicalCase("张三 BENCH"));
        items.add(new NewItem(ItemKind.SIGNATURE, "signature.applicant", "application/json", signatureStrokes()));
        long caseBytes = items.stream().mapToLong(i -> i.content().length).sum();
        try {
            long jvmOnly = usedHeapAfterGc();
            long empty;
            long afterSaving;
            long listed;
            long listsDropped;
            double listMs;
            int listedCases;
            int listedOrders;
            try (Vault vault = setUp(data)) {
                // the baseline: what the visits list reads from an empty vault, read once so its code is loaded
                Object emptyLists = readLists(vault);
                empty = usedHeapAfterGc();
                reachable(emptyLists);

                long start = System.nanoTime();
                for (int i = 0; i < caseCount + spareOrders; i++) {
                    String orderId = String.format(Locale.ROOT, "WO-2026-%06d", i);
                    vault.hqInbox().acceptWorkOrder(i + 1, orderId, workOrder(orderId, i));
                    if (i < caseCount) {
                        String caseId = vault.cases().create("申请人 " + i, i % 20 == 0, items).id();
                        vault.hqInbox().attachWorkOrder(orderId, caseId);
                    }
                }
                double savingSeconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "stored %d cases of %d items (%.2f MB each) and %d work orders in %.0f s"
                        + " (%.0f ms per case with its order)%n", caseCount, items.size(), caseBytes / 1e6,
                        caseCount + spareOrders, savingSeconds, savingSeconds * 1000 / caseCount);
                Lists lists = readLists(vault);
                afterSaving = usedHeapAfterGc();
                reachable(lists);
            }
            // as after a restart: open and unlock again, then read what the visits list reads
            try (Vault vault = Vault.open(data, Fixture.POLICY, Clock.systemUTC(), new SecureRandom())) {
                if (!(vault.unlock(Fixture.WANG.id(), Fixture.PASSPHRASE.toCharArray()) instanceof UnlockResult.Unlocked)) {
                    throw new IllegalStateException("the benchmark vault did not unlock again");
                }
                readLists(vault); // warm the code paths, as the baseline did
                long start = System.nanoTime();
                Lists lists = readLists(vault);
                listMs = (System.nanoTime() - start) / 1e6;
                listedCases = lists.cases.size();
                listedOrders = lists.orders.size();
                listed = usedHeapAfterGc();
                reachable(lists);
                lists = null;
                listsDropped = usedHeapAfterGc();
            }
            if (listedCases != caseCount || listedOrders != caseCount + spareOrders) {
                throw new IllegalStateException("listed " + listedCases + " cases and " + listedOrders
                        + " work orders, expected " + caseCount + " and " + (caseCount + spareOrders));
            }
            System.out.printf(Locale.ROOT, "%nused heap after full GC                                       MiB    vs empty vault%n");
            row("JVM and benchmark classes, no vault", jvmOnly, empty);
            row("baseline: vault open, unlocked, empty, lists read", empty, empty);
            row(caseCount + " cases just saved, lists held", afterSaving, empty);
            row("reopened and unlocked, " + caseCount + " cases listed, lists held", listed, empty);
            row("the same after dropping the lists", listsDropped, empty);
            System.out.printf(Locale.ROOT, "%nthe lists themselves: %.2f MiB (%.0f bytes per case with its order);"
                    + " reading them took %.0f ms (%d cases, %d work orders)%n", (listed - listsDropped) / MIB,
                    (double) (listed - listsDropped) / caseCount, listMs, listedCases, listedOrders);
        } finally {
            deleteTree(root);
        }
        System.out.printf(Locale.ROOT, "load average at the end %.2f%n", loadAverage());
    }

    private record Lists(List<CaseSummary> cases, List<StoredWorkOrder> orders) {
    }

    private static Lists readLists(Vault vault) {
        return new Lists(vault.cases().list(), vault.hqInbox().workOrders());
    }

    private static void row(String what, long bytes, long baseline) {
        System.out.printf(Locale.ROOT, "  %-60s %6.1f   %+7.1f%n", what, bytes / MIB, (bytes - baseline) / MIB);
    }

    /** Keeps a value reachable up to this call, so that a collection before it cannot free it. */
    private static void reachable(Object value) {
        if (value != null && value.hashCode() == System.identityHashCode(CaseListHeapBenchmark.class) + 1) {
            System.out.print("");
        }
    }

    /** Median of three readings of the used heap, each after three full collections. */
    private static long usedHeapAfterGc() throws InterruptedException {
        long[] readings = new long[3];
        for (int r = 0; r < readings.length; r++) {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            Thread.sleep(100);
            readings[r] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
        Arrays.sort(readings);
        return readings[1];
    }

    /** A work order as HQ sends it (see {@code org.doorstep.sync.vault.WorkOrder}). */
    private static byte[] workOrder(String orderId, int i) {
        return ("{\"orderId\":\"" + orderId + "\",\"applicant\":{\"name\":\"申请人 " + i + "\",\"idNumber\":\"11010519491231002X\","
                + "\"phone\":\"138 0013 8000\"},\"address\":\"北京市东城区某某街道 " + i + " 号院 3 单元 502\","
                + "\"reason\":\"aged-60-plus\",\"documents\":[\"passport\",\"hk-macau-permit\"],\"due\":\"2026-12-01\","
                + "\"note\":\"行动不便，请提前电话联系家属\"}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The strokes of a hand-written name, three loops of 61 points with time and pressure, in the shape of the
     * capture module's {@code doorstep-signature/1} (about 5 KB, what a signature adds to a case).
     */
    private static byte[] signatureStrokes() {
        StringBuilder json = new StringBuilder("{\"format\":\"doorstep-signature/1\",\"role\":\"applicant\","
                + "\"signerName\":\"欧阳明月\",\"canvas\":[800,300],\"signedAt\":\"2026-11-21T09:30:00Z\",\"strokes\":[");
        long t = 0;
        for (int s = 0; s < 3; s++) {
            json.append(s == 0 ? "[" : ",[");
            for (int i = 0; i <= 60; i++) {
                double x = 80 + s * 220 + i * 3;
                double y = 150 + 70 * Math.sin(i / 6.0 + s) * (s == 1 ? -1 : 1);
                json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.2f,%.2f,%d,%.3f]", x, y, t += 8,
                        0.3 + 0.5 * Math.abs(Math.cos(i / 9.0))));
            }
            json.append(']');
            t += 150;
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Vault setUp(Path folder) throws Exception {
        char[] passphrase = Fixture.PASSPHRASE.toCharArray();
        return Vault.setUp(folder, "BENCH-01", CryptoSuite.INTL, Fixture.WANG, passphrase, passphrase.clone(),
                Fixture.POLICY, Clock.systemUTC(), new SecureRandom());
    }

    private static String gcNames() {
        return String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
