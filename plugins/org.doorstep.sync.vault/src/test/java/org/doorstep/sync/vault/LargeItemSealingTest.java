package org.doorstep.sync.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.doorstep.sync.packet.PacketLimits;
import org.doorstep.sync.packet.PacketOpener;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.ItemKind;
import org.doorstep.vault.NewItem;
import org.doorstep.vault.PacketRecord;
import org.doorstep.vault.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A case with an item close to the vault's limit (a 60 MiB scan; items are at most 64 MiB) is sealed by a laptop
 * process whose heap (32 MiB) is about half the item: sealing streams each item from the database through GCM
 * decryption into the digest and then into the packet, so neither the item's ciphertext nor its plaintext is ever in
 * memory whole. The baseline, in the same run and the same heap: reading the item whole, as sealing did before, runs
 * out of memory. HQ then opens the packet to exactly the item. Prints the figures (a benchmark, not a timing
 * assertion).
 */
class LargeItemSealingTest {

    static final String SLOT = "scan.big";
    private static final int ITEM = 60 * 1024 * 1024;
    /**
     * The child's heap, about half the item. Derby's page cache would take up to 32 MiB of it by default (1000 pages of
     * 32 KiB in BLOB tables; with it the same sealing needs about 56 MiB, measured), a fixed amount whatever the item's
     * size; the child gets a cache of 40 pages so that what the test shows is that sealing needs no memory in
     * proportion to the item. Override with {@code -Ddoorstep.largeItem.heap="-Xmx56m"} to see Derby's default.
     */
    private static final String HEAP = System.getProperty("doorstep.largeItem.heap",
            "-Xmx32m -Dderby.storage.pageCacheSize=40");

    @TempDir
    Path dir;

    @Test
    void anItemLargerThanTheHeapIsSealedAsAStreamAndOpensWhole() throws Exception {
        byte[] scan = new byte[ITEM];
        new Random(3).nextBytes(scan);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(scan);
        String caseId;
        Hq hq;
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            hq = laptop.hq;
            caseId = laptop.vault.cases().create("大扫描件", false, List.of(new NewItem(ItemKind.FORM, "form",
                    "application/json", "{}".getBytes(StandardCharsets.UTF_8)), new NewItem(ItemKind.SCAN, SLOT,
                    "application/pdf", scan))).id();
            laptop.vault.cases().moveTo(caseId, CaseState.COMPLETE, null);
        }
        scan = null; // the parent does not need it any more

        Child whole = child(caseId, "whole");
        assertNotEquals(0, whole.exit(), "reading the item whole fits " + HEAP + ": " + whole);
        assertTrue(whole.stderr().contains("OutOfMemoryError"), whole.stderr());

        Child streamed = child(caseId, "stream");
        assertEquals(0, streamed.exit(), streamed.toString());
        String[] figures = streamed.stdout().strip().split(" ");
        assertEquals("SEALED", figures[0], streamed.toString());
        System.out.printf("LargeItemSealingTest: a %d MiB item sealed with %s in %s ms, peak heap %d MiB, %d MiB in use"
                + " after a GC (Derby's page cache most of it), packet %d bytes; read whole with the same heap: %s%n",
                ITEM >> 20, HEAP, figures[2], Long.parseLong(figures[3]) >> 20, Long.parseLong(figures[4]) >> 20,
                Long.parseLong(figures[1]),
                whole.stderr().contains("OutOfMemoryError") ? "OutOfMemoryError" : whole.stderr());

        try (Laptop laptop = Laptop.reopened(dir, hq)) {
            assertEquals(CaseState.QUEUED, laptop.vault.cases().get(caseId).state());
            PacketRecord packet = laptop.vault.packets().ofCase(caseId).get(0);
            assertEquals(Long.parseLong(figures[1]), packet.bytes());
            MessageDigest opened = MessageDigest.getInstance("SHA-256");
            long[] length = {0};
            try (InputStream in = Files.newInputStream(laptop.spool.fileOf(packet.packetId()))) {
                new PacketOpener(hq.encryptionKey.getPrivate(), Hq.x509(hq.encryptionCertificate), PacketLimits.DEFAULT)
                        .open(in, laptop.identity().deviceCertificate(), (entry, content) -> {
                            if (entry.name().equals("items/scan/" + SLOT)) {
                                byte[] buffer = new byte[64 * 1024];
                                for (int n; (n = content.read(buffer)) != -1;) {
                                    opened.update(buffer, 0, n);
                                    length[0] += n;
                                }
                            } else {
                                content.transferTo(java.io.OutputStream.nullOutputStream());
                            }
                        });
            }
            assertEquals(ITEM, length[0]);
            assertArrayEquals(expected, opened.digest(), "HQ opens the packet to exactly the item");
        }
    }

    record Child(int exit, String stdout, String stderr) {
    }

    private Child child(String caseId, String mode) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path err = dir.resolve("child-" + mode + ".stderr");
        Path out = dir.resolve("child-" + mode + ".stdout");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString()));
        command.addAll(List.of(HEAP.split(" ")));
        command.addAll(List.of("-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LargeItemSealer.class.getName(), dir.toString(), caseId, mode));
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the " + mode + " child did not finish");
        }
        return new Child(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
