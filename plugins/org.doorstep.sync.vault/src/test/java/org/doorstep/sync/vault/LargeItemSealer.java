package org.doorstep.sync.vault;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

import org.doorstep.vault.Fixture;
import org.doorstep.vault.PacketRecord;
import org.doorstep.vault.Vault;
import org.doorstep.vault.keys.UnlockResult;

/**
 * The child JVM of {@link LargeItemSealingTest}, started with a heap smaller than the case's largest item: unlocks the
 * laptop's vault and either seals the case ({@code stream}: the product's sealing) or reads the item whole the way
 * sealing used to ({@code whole}: {@code CaseStore.read}, ciphertext and plaintext at once). Prints
 * {@code SEALED <packet bytes> <millis> <peak heap bytes> <heap in use after a GC>} or {@code READ <bytes>}.
 */
public final class LargeItemSealer {

    private LargeItemSealer() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        String caseId = args[1];
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Fixture f = new Fixture(dataDir);
        try (Vault vault = f.reopen()) {
            if (!(vault.unlock(Fixture.WANG.id(), Fixture.PASSPHRASE.toCharArray()) instanceof UnlockResult.Unlocked)) {
                throw new IllegalStateException("the child could not unlock the vault");
            }
            if (args[2].equals("whole")) {
                out.println("READ " + vault.cases().read(caseId, LargeItemSealingTest.SLOT).length);
                return;
            }
            long start = System.nanoTime();
            PacketRecord packet = new CaseSealing(vault, new PacketSpoolFolder(dataDir), Clock.systemUTC(),
                    new SecureRandom()).seal(caseId);
            long millis = (System.nanoTime() - start) / 1_000_000;
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.gc();
            long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            out.println("SEALED " + packet.bytes() + " " + millis + " " + peak + " " + live);
        }
    }
}
